import { EventEnvelope, parseStreamId } from '@spbe/ledger-core';
import { Projection } from '@spbe/read-models';

export const AUDIT_TRAIL = 'audit_trail';

export interface AuditTrailRow extends Record<string, unknown> {
  _id: string;
  tenantId: string;
  streamId: string;
  context: string;
  entityType: string;
  entityId: string;
  type: string;
  version: number;
  globalPosition: number;
  occurredAt: string;
  recordedAt: string;
  /** recordedAt + eventId: a total order for sorting and cursors. */
  sortKey: string;
  actor: EventEnvelope['actor'];
  legalBasis: EventEnvelope['legalBasis'];
  legalBasisText: string | null;
  correlationId: string | null;
  causationId: string | null;
  commandId: string | null;
  summary: { id: string; en: string };
  payload: Record<string, unknown>;
  hash: string;
  prevHash: string;
}

const SUMMARIES: Record<string, (p: Record<string, unknown>) => { id: string; en: string }> = {
  TenantRegistered: (p) => ({
    id: `Pemda ${p.name} (${p.kind}) didaftarkan dengan profil regulasi ${p.profileId}`,
    en: `Pemda ${p.name} (${p.kind}) registered under regulation profile ${p.profileId}`,
  }),
};

/** A readable line for each decision, Indonesian first; unknown types fall back to their name. */
export function summarize(e: Pick<EventEnvelope, 'type' | 'payload'>): { id: string; en: string } {
  const known = SUMMARIES[e.type];
  if (known) return known(e.payload);
  const words = e.type.replace(/([a-z0-9])([A-Z])/g, '$1 $2');
  return { id: `Peristiwa ${words}`, en: words };
}

export function toAuditTrailRow(e: EventEnvelope): AuditTrailRow {
  const s = parseStreamId(e.streamId);
  return {
    _id: e.eventId,
    tenantId: e.tenantId,
    streamId: e.streamId,
    context: s.context,
    entityType: `${s.context}.${s.aggregate}`,
    entityId: s.id,
    type: e.type,
    version: e.version,
    globalPosition: e.globalPosition,
    occurredAt: e.occurredAt,
    recordedAt: e.recordedAt,
    sortKey: `${e.recordedAt}|${e.eventId}`,
    actor: e.actor,
    legalBasis: e.legalBasis,
    legalBasisText: e.legalBasis ? `${e.legalBasis.regulation} ${e.legalBasis.article}` : null,
    correlationId: e.correlationId,
    causationId: e.causationId,
    commandId: e.commandId,
    summary: summarize(e),
    payload: e.payload,
    hash: e.hash,
    prevHash: e.prevHash,
  };
}

/** Every event of every context, one document per event (idempotent: keyed by eventId). */
export const auditTrailProjection: Projection = {
  name: 'audit-trail',
  collections: [AUDIT_TRAIL],
  indexes: {
    [AUDIT_TRAIL]: [
      { tenantId: 1, sortKey: 1 },
      { tenantId: 1, streamId: 1, sortKey: 1 },
      { tenantId: 1, type: 1, sortKey: 1 },
      { tenantId: 1, entityType: 1, sortKey: 1 },
      { tenantId: 1, 'actor.id': 1, sortKey: 1 },
      { tenantId: 1, correlationId: 1, sortKey: 1 },
    ],
  },
  async apply(e, target) {
    await target.collection<AuditTrailRow>(AUDIT_TRAIL).put(toAuditTrailRow(e));
  },
  async applyBatch(events, target) {
    await target.collection<AuditTrailRow>(AUDIT_TRAIL).putMany(events.map(toAuditTrailRow));
  },
};
