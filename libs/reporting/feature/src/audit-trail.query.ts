import { ValidationError } from '@spbe/ledger-core';
import { Filter } from '@spbe/read-models';

export interface AuditTrailQuery {
  entity?: string;
  entityType?: string;
  type?: string;
  actor?: string;
  role?: string;
  unit?: string;
  legalBasis?: string;
  correlationId?: string;
  from?: string;
  to?: string;
  limit?: string | number;
  cursor?: string;
}

/** The default largest page (REPORTING_MAX_PAGE overrides it). */
export const MAX_PAGE = 200;
export const DEFAULT_PAGE = 50;

export function encodeCursor(sortKey: string): string {
  return Buffer.from(sortKey, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): string {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^\d{4}-\d{2}-\d{2}T[\d:.]+Z\|[0-9a-f-]{36}$/.test(text)) throw new ValidationError('cursor', 'is malformed; use nextCursor from the previous page');
  return text;
}

function time(value: string, field: string): string {
  const d = /^\d{4}-\d{2}-\d{2}/.test(value) ? new Date(value) : new Date(NaN);
  if (Number.isNaN(d.getTime())) throw new ValidationError(field, `"${value}" is not an ISO-8601 date or date-time`);
  return d.toISOString();
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Turns the HTTP query into a tenant-scoped Mongo filter and a page size. Pure; throws on bad input. */
export function buildAuditTrailFilter(tenantId: string, q: AuditTrailQuery, maxPage = MAX_PAGE): { filter: Filter; limit: number } {
  const filter: Filter = { tenantId };
  const limit = q.limit === undefined || q.limit === '' ? Math.min(DEFAULT_PAGE, maxPage) : Number(q.limit);
  if (!Number.isInteger(limit) || limit < 1) throw new ValidationError('limit', 'must be a positive integer');
  if (limit > maxPage) throw new ValidationError('limit', `must be at most ${maxPage}`);
  if (q.entity) filter.streamId = q.entity;
  if (q.entityType) filter.entityType = q.entityType;
  if (q.type) filter.type = q.type;
  if (q.actor) filter.$or = [{ 'actor.id': q.actor }, { 'actor.name': q.actor }];
  if (q.role) filter['actor.role'] = q.role;
  if (q.unit) filter['actor.unitId'] = q.unit;
  if (q.legalBasis) filter.legalBasisText = { $regex: `^${escape(q.legalBasis)}` };
  if (q.correlationId) filter.correlationId = q.correlationId;
  const range: Record<string, string> = {};
  const from = q.from ? time(q.from, 'from') : undefined;
  const to = q.to ? time(q.to, 'to') : undefined;
  if (from && to && to < from) throw new ValidationError('to', 'ends before from / rentang waktu berakhir sebelum dimulai');
  if (from) range.$gte = from;
  if (to) range.$lte = to;
  if (from || to) filter.recordedAt = range;
  if (q.cursor) filter.sortKey = { $gt: decodeCursor(q.cursor) };
  return { filter, limit };
}

/** The audit-trail filter of an export: the same filter, bounded to the events sealed up to `toPosition`. */
export function sealedAuditTrailFilter(tenantId: string, q: AuditTrailQuery, toPosition: number, maxPage = MAX_PAGE): { filter: Filter } {
  const { filter } = buildAuditTrailFilter(tenantId, q, maxPage);
  return { filter: { $and: [filter, { globalPosition: { $lte: toPosition } }] } };
}
