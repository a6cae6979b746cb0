import { EventEnvelope, parseStreamId } from '@spbe/ledger-core';
import { AppliedMarker, Projection } from '@spbe/read-models';
import { tenantDocProjection } from '@spbe/platform';
import { foldTenantProfileDoc, TENANT_PROFILE_EVENTS, TenantProfileDoc } from '@spbe/registry-domain';
import type { AuditObject } from '@spbe/audit-domain';

/**
 * What the audit programme learns from the registry's events (Kafka topic of the registry): each
 * tenant's profile, and the objects it audits — applications and infrastructure.
 */
export const AUDIT_TENANTS = 'audit_tenants';
export const AUDIT_OBJECTS = 'audit_objects';
/** Units (OPD), to check the responsible OPD of a finding. */
export const AUDIT_UNITS = 'audit_units';

export interface AuditTenantDoc extends TenantProfileDoc, AppliedMarker, Record<string, unknown> {
  _id: string;
}

export interface AuditObjectDoc extends AuditObject, Record<string, unknown> {
  _id: string;
  tenantId: string;
}

type P = Record<string, unknown>;

export interface AuditUnitDoc extends Record<string, unknown> {
  _id: string;
  tenantId: string;
  unitId: string;
  name: string;
  kind: string;
}

/** The object an event registers or retires (pure; null when the event is not about one). */
export function auditObjectOf(e: EventEnvelope, current: AuditObjectDoc | null): AuditObjectDoc | null {
  const s = parseStreamId(e.streamId);
  const p = e.payload as P;
  const _id = `${e.tenantId}|${s.aggregate}|${s.id}`;
  switch (e.type) {
    case 'ApplicationRegistered':
      return { _id, tenantId: e.tenantId, kind: 'application', id: s.id, name: String(p['name'] ?? s.id), since: e.occurredAt.slice(0, 10), until: null, attributes: { category: p['category'], ownerUnitId: p['ownerUnitId'] } };
    case 'InfrastructureRegistered':
      return { _id, tenantId: e.tenantId, kind: 'infrastructure', id: s.id, name: String(p['name'] ?? s.id), since: e.occurredAt.slice(0, 10), until: null, attributes: { kind: p['kind'], unitId: p['unitId'] } };
    case 'ApplicationRetired':
    case 'InfrastructureRetired':
      return current ? { ...current, until: String(p['retiredOn'] ?? e.occurredAt.slice(0, 10)) } : null;
    default:
      return null;
  }
}

/** Each tenant's regulation profile, from the registry's events. */
export const auditTenantsProjection = tenantDocProjection<TenantProfileDoc>('audit-tenants', AUDIT_TENANTS, TENANT_PROFILE_EVENTS, foldTenantProfileDoc);

export const auditObjectsProjection: Projection = {
  name: 'audit-objects',
  collections: [AUDIT_OBJECTS, AUDIT_UNITS],
  indexes: { [AUDIT_OBJECTS]: [{ tenantId: 1, kind: 1 }] },
  async apply(e, target) {
    if (parseStreamId(e.streamId).context !== 'registry') return;
    if (e.type === 'UnitRegistered') {
      const p = e.payload as P;
      await target.collection<AuditUnitDoc>(AUDIT_UNITS).put({ _id: `${e.tenantId}|${String(p['unitId'])}`, tenantId: e.tenantId, unitId: String(p['unitId']), name: String(p['name']), kind: String(p['kind']) });
      return;
    }
    const objects = target.collection<AuditObjectDoc>(AUDIT_OBJECTS);
    const s = parseStreamId(e.streamId);
    const next = auditObjectOf(e, await objects.get(`${e.tenantId}|${s.aggregate}|${s.id}`));
    if (next) await objects.put(next);
  },
};
