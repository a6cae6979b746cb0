import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Hostile-input checks in front of the JSON body parser (issue 12 item 8). They run on every route,
 * before authentication, and turn what the client got wrong into a 4xx with the usual error body
 * (see errors.filter.ts) instead of a 500 with a stack:
 * - Content-Encoding other than identity, gzip or deflate → 415 (body-parser would also try br and
 *   zstd; we accept only what every client and proxy on our path produces);
 * - a charset other than UTF-8 → 415 (RFC 8259 JSON is UTF-8);
 * - JSON nested deeper than MAX_JSON_DEPTH → 400, counted on the raw (decompressed) bytes before
 *   JSON.parse, so nothing recursive (class-transformer, class-validator) ever sees such a body.
 * A gzip/deflate body that does not decompress becomes body-parser's 400, mapped by the filter.
 */

export const ACCEPTED_CONTENT_ENCODINGS = ['identity', 'gzip', 'deflate'] as const;

/** An error shaped like body-parser's (http-errors): the filter maps it by `type` to a 4xx. */
export interface ClientError extends Error {
  status: number;
  statusCode: number;
  expose: true;
  type: string;
}

export function clientError(status: number, type: string, message: string, details: Record<string, unknown> = {}): ClientError {
  return Object.assign(new Error(message), details, { status, statusCode: status, expose: true as const, type });
}

/** Whether a request carries a body (as type-is/body-parser decide it). */
function hasBody(req: IncomingMessage): boolean {
  return req.headers['transfer-encoding'] !== undefined || !Number.isNaN(Number.parseInt(req.headers['content-length'] ?? '', 10));
}

/** The charset parameter of a Content-Type, lower case, or undefined. */
export function charsetOf(contentType: string | undefined): string | undefined {
  const m = /;\s*charset\s*=\s*(?:"([^"]*)"|([^;\s]*))/i.exec(contentType ?? '');
  return m ? (m[1] ?? m[2] ?? '').toLowerCase() : undefined;
}

/** Express middleware: refuses unsupported Content-Encoding and charsets before any body is read. */
export function contentNegotiationGuard() {
  return (req: IncomingMessage, _res: ServerResponse, next: (err?: unknown) => void): void => {
    if (!hasBody(req)) return next();
    const encoding = (req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
    if (!(ACCEPTED_CONTENT_ENCODINGS as readonly string[]).includes(encoding)) {
      return next(clientError(415, 'encoding.unsupported', `unsupported content encoding "${encoding}"`, { encoding }));
    }
    const charset = charsetOf(req.headers['content-type']);
    if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
      return next(clientError(415, 'charset.unsupported', `unsupported charset "${charset}"`, { charset }));
    }
    next();
  };
}

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * The deepest nesting of objects and arrays in a JSON text, scanning bytes without recursion and
 * stopping as soon as it passes `limit` (returns limit + 1 then). Brackets inside strings do not
 * count; UTF-8 multi-byte sequences never contain these ASCII bytes, so bytes are enough.
 */
export function jsonDepth(text: Uint8Array, limit = Number.POSITIVE_INFINITY): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  let escaped = false;
  for (let i = 0; i < text.length; i++) {
    const b = text[i];
    if (inString) {
      if (escaped) escaped = false;
      else if (b === BACKSLASH) escaped = true;
      else if (b === QUOTE) inString = false;
    } else if (b === QUOTE) {
      inString = true;
    } else if (b === OPEN_BRACE || b === OPEN_BRACKET) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > limit) return deepest;
      }
    } else if (b === CLOSE_BRACE || b === CLOSE_BRACKET) {
      depth--;
    }
  }
  return deepest;
}

/** body-parser `verify` hook: 400 (type json.too.deep) for a body nested deeper than `maxDepth`. */
export function jsonDepthLimit(maxDepth: number) {
  return (_req: IncomingMessage, _res: ServerResponse, body: Buffer): void => {
    if (jsonDepth(body, maxDepth) > maxDepth) {
      throw clientError(400, 'json.too.deep', `JSON nested deeper than ${maxDepth} levels`, { limit: maxDepth });
    }
  };
}

/**
 * Express error middleware right after the body parser: a JSON syntax error (a SyntaxError with
 * status 400, which Nest would answer with the parser's own message) becomes a client error of type
 * entity.parse.failed, so the filter answers it like every other body error. Others pass unchanged.
 */
export function bodyErrorNormalizer() {
  return (err: unknown, _req: IncomingMessage, _res: ServerResponse, next: (err?: unknown) => void): void => {
    const e = err as { status?: number; type?: string } | undefined;
    if (err instanceof SyntaxError && e?.status === 400) return next(clientError(400, 'entity.parse.failed', 'request body is not valid JSON'));
    next(err);
  };
}
