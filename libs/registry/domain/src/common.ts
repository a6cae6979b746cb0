import { InvariantError, LegalBasis, streamIdOf, ValidationError } from '@spbe/ledger-core';
import { assertDate, assertDecree, assertOrder, Citation, Decree, Fact, RegulationProfile } from '@spbe/regulations';

/** Shared, pure helpers of the registry's deciders. */

const ENTITY_ID = /^[a-z0-9][a-z0-9._-]{0,62}$/;

/** `{tenant}:registry.{aggregate}:{id}`; a malformed id is refused naming the field (`unitId`, …). */
export function registryStreamId(tenantId: string, aggregate: string, id: string): string {
  assertEntityId(id, `${aggregate}Id`);
  return streamIdOf({ tenantId, context: 'registry', aggregate, id });
}

export const isEntityId = (value: unknown): value is string => typeof value === 'string' && ENTITY_ID.test(value);

export function assertEntityId(value: unknown, field: string): asserts value is string {
  if (!isEntityId(value)) {
    throw new ValidationError(field, 'must be lower-case letters, digits, dots, dashes or underscores (1–63 characters), e.g. dinas-kominfo');
  }
}

export function text(value: unknown, field: string, min = 1, max = 500): string {
  if (typeof value !== 'string' || value.trim().length < min || value.trim().length > max) {
    throw new ValidationError(field, `must be text of ${min}–${max} characters`);
  }
  return value.trim();
}

export function optionalText(value: unknown, field: string, max = 2000): string | undefined {
  return value === undefined || value === null ? undefined : text(value, field, 1, max);
}

export function oneOf<T extends string>(value: unknown, allowed: readonly T[], field: string): T {
  if (!allowed.includes(value as T)) throw new ValidationError(field, `must be one of ${allowed.join(', ')}`);
  return value as T;
}

/** A date that has happened: not after `today` (the edge's clock, passed in). */
export function pastDate(value: unknown, today: string, field: string): string {
  assertDate(value, field);
  if (value > today) throw new ValidationError(field, `${value} is in the future / tanggal belum terjadi`);
  return value;
}

/** A decree (Keputusan, surat) with number, date not in the future, and signer. */
export function decree(value: unknown, today: string, field = 'decree'): Decree {
  assertDecree(value, field);
  pastDate(value.date, today, `${field}.date`);
  return { number: value.number.trim(), date: value.date, signer: value.signer.trim(), ...(value.title ? { title: String(value.title).trim() } : {}) };
}

export const legalBasisOf = (c: Citation): LegalBasis => ({ regulation: c.regulation, article: c.article });

/**
 * Write-side order check (`assertOrder`: 422 naming the article when violated) that also returns the
 * article of the profile's order rule the event falls under, for its `legalBasis`; null where the
 * profile has no such rule (nothing is invented).
 */
export function orderChecked(profile: RegulationProfile, trigger: Fact, before: Fact[]): LegalBasis | null {
  const [first] = assertOrder(profile, trigger, before);
  return first ? legalBasisOf(first.citation) : null;
}

export function mustBeNew(exists: boolean, what: string, id: string): void {
  if (exists) throw new InvariantError(`${what.toUpperCase().replace(/ /g, '_')}_EXISTS`, `${what} ${id} is already recorded / sudah tercatat`, { id });
}

/** Evidence attached to a record: where the document is and its SHA-256. */
export interface DocumentRef {
  uri: string;
  sha256: string;
}

export function documents(value: unknown, field: string): DocumentRef[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new ValidationError(field, 'must be a list of { uri, sha256 }');
  return value.map((d, i) => {
    const x = d as Partial<DocumentRef>;
    const uri = text(x?.uri, `${field}[${i}].uri`, 1, 2000);
    if (typeof x.sha256 !== 'string' || !/^[a-f0-9]{64}$/.test(x.sha256)) throw new ValidationError(`${field}[${i}].sha256`, 'must be 64 lower-case hex characters');
    return { uri, sha256: x.sha256 };
  });
}
