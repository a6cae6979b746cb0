import { EventEnvelope, parseStreamId } from '@spbe/ledger-core';
import { AppliedMarker, Projection } from '@spbe/read-models';
import { tenantDocProjection } from '@spbe/platform';
import { foldTenantProfileDoc, TENANT_PROFILE_EVENTS, TenantProfileDoc } from '@spbe/registry-domain';
import type { AuditObject, TeamMember } from '@spbe/audit-domain';

/**
 * What the audit programme learns from the registry's events (Kafka topic of the registry): each
 * tenant's profile, and the objects it audits — applications and infrastructure.
 */
export const AUDIT_TENANTS = 'audit_tenants';
export const AUDIT_OBJECTS = 'audit_objects';
/** Units (OPD), to check the responsible OPD of a finding. */
export const AUDIT_UNITS = 'audit_units';
/** The Tim Auditor TIK internal, as appointed by decree in the registry (e.g. Kupang Pasal 47(6)–(7)). */
export const AUDIT_TEAM = 'audit_team';

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

export interface AuditTeamMemberDoc extends TeamMember, Record<string, unknown> {
  _id: string;
  tenantId: string;
  appointmentId: string;
  person: { name: string; nip?: string; title?: string };
  decree: { number: string; date: string; signer: string };
  legalBasis: { regulation: string; article: string } | null;
  endedReasons?: string;
}

/** A member of the internal audit team an appointment makes or ends (pure; null when the event is not about one). */
export function auditTeamMemberOf(e: EventEnvelope, current: AuditTeamMemberDoc | null): AuditTeamMemberDoc | null {
  const s = parseStreamId(e.streamId);
  const p = e.payload as P;
  if (s.aggregate !== 'appointment') return null;
  if (e.type === 'OfficialAppointed' && p['position'] === 'tim-auditor-internal') {
    const person = p['person'] as AuditTeamMemberDoc['person'];
    return { _id: `${e.tenantId}|${s.id}`, tenantId: e.tenantId, appointmentId: s.id, name: person.name, person, decree: p['decree'] as AuditTeamMemberDoc['decree'], from: String(p['from']), until: (p['until'] as string | null) ?? null, legalBasis: e.legalBasis ?? null };
  }
  if (e.type === 'AppointmentEnded' && current) return { ...current, until: String(p['endedOn']), endedReasons: String(p['reasons'] ?? '') };
  return null;
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
  collections: [AUDIT_OBJECTS, AUDIT_UNITS, AUDIT_TEAM],
  indexes: { [AUDIT_OBJECTS]: [{ tenantId: 1, kind: 1 }] },
  async apply(e, target) {
    if (parseStreamId(e.streamId).context !== 'registry') return;
    if (e.type === 'UnitRegistered') {
      const p = e.payload as P;
      await target.collection<AuditUnitDoc>(AUDIT_UNITS).put({ _id: `${e.tenantId}|${String(p['unitId'])}`, tenantId: e.tenantId, unitId: String(p['unitId']), name: String(p['name']), kind: String(p['kind']) });
      return;
    }
    const s = parseStreamId(e.streamId);
    if (s.aggregate === 'appointment') {
      const team = target.collection<AuditTeamMemberDoc>(AUDIT_TEAM);
      const member = auditTeamMemberOf(e, await team.get(`${e.tenantId}|${s.id}`));
      if (member) await team.put(member);
      return;
    }
    const objects = target.collection<AuditObjectDoc>(AUDIT_OBJECTS);
    const next = auditObjectOf(e, await objects.get(`${e.tenantId}|${s.aggregate}|${s.id}`));
    if (next) await objects.put(next);
  },
};
