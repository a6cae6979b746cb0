/**
 * Canonical JSON: the byte-exact text every hash in the ledger is computed over.
 *
 * - object keys sorted by UTF-16 code units (as RFC 8785 / JCS), no insignificant whitespace;
 * - numbers as JSON numbers in ECMAScript's shortest round-trip form (NaN and ±Infinity rejected);
 * - strings escaped as JSON.stringify does; lone surrogates and U+0000 are rejected because
 *   PostgreSQL's jsonb cannot store them, so they could never be verified after a round trip;
 * - Date values as ISO-8601 strings (toISOString); `undefined` object members are omitted;
 * - anything else (undefined in arrays, functions, symbols, bigint, class instances) is rejected.
 */
export class CanonicalJsonError extends Error {
  constructor(readonly path: string, reason: string) {
    super(`${path}: ${reason}`);
    this.name = 'CanonicalJsonError';
  }
}

export function canonicalJson(value: unknown): string {
  return encode(value, '$');
}

function encode(value: unknown, path: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new CanonicalJsonError(path, `non-finite number ${value}`);
      return JSON.stringify(value);
    case 'string':
      return encodeString(value, path);
    case 'object':
      if (value instanceof Date) {
        if (Number.isNaN(value.getTime())) throw new CanonicalJsonError(path, 'invalid date');
        return JSON.stringify(value.toISOString());
      }
      if (Array.isArray(value)) return `[${value.map((v, i) => encodeArrayItem(v, `${path}[${i}]`)).join(',')}]`;
      return encodeObject(value as Record<string, unknown>, path);
    default:
      throw new CanonicalJsonError(path, `unsupported ${typeof value}`);
  }
}

function encodeArrayItem(value: unknown, path: string): string {
  if (value === undefined) throw new CanonicalJsonError(path, 'undefined array item');
  return encode(value, path);
}

function encodeObject(obj: Record<string, unknown>, path: string): string {
  const proto = Object.getPrototypeOf(obj);
  if (proto !== Object.prototype && proto !== null) {
    throw new CanonicalJsonError(path, `not a plain object (${proto?.constructor?.name ?? 'unknown'})`);
  }
  const parts: string[] = [];
  for (const key of Object.keys(obj).sort(compareCodeUnits)) {
    const v = obj[key];
    if (v === undefined) continue;
    parts.push(`${encodeString(key, `${path}.${key}`)}:${encode(v, `${path}.${key}`)}`);
  }
  return `{${parts.join(',')}}`;
}

function encodeString(s: string, path: string): string {
  if (!s.isWellFormed()) throw new CanonicalJsonError(path, 'string contains a lone surrogate');
  if (s.includes('\u0000')) throw new CanonicalJsonError(path, 'string contains U+0000');
  return JSON.stringify(s);
}

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
