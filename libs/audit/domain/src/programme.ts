import { Decider, EventEnvelope, NewEvent, Role, streamIdOf, ValidationError } from '@spbe/ledger-core';
import { assertEntityId, legalBasisOf, optionalText, pastDate, text } from '@spbe/registry-domain';
import { assertDate, assertDutyRole, EffectiveProfile } from '@spbe/regulations';

/**
 * The annual Audit TIK programme: proposed from what is due (GET …/programme/{year}/proposal), adjusted
 * and approved by the audit planner the profile names. A later approval of the same year records the
 * adjusted programme as a new version; nothing is overwritten. Pure.
 */
export interface ProgrammeItem {
  ruleId: string | null;
  objectKind: 'application' | 'infrastructure' | 'tenant';
  objectId: string;
  auditType: string;
  mode: string;
  plannedQuarter: number | null;
  note?: string;
}

export interface ProgrammeState {
  year?: number;
  versions: { approvedOn: string; items: ProgrammeItem[] }[];
}

export interface ApproveProgramme {
  type: 'ApproveProgramme';
  year: number;
  approvedOn: string;
  items: ProgrammeItem[];
  note?: string;
  knownObjects: string[];
  profile: EffectiveProfile;
  role: Role;
  today: string;
}

export const programmeStreamId = (tenantId: string, year: number) => streamIdOf({ tenantId, context: 'audit', aggregate: 'programme', id: String(year) });

export const programmeDecider: Decider<ProgrammeState, ApproveProgramme> = {
  initialState: () => ({ versions: [] }),
  decide(c, s): NewEvent[] {
    const holder = assertDutyRole(c.profile, 'auditPlanner', c.role);
    if (!Number.isInteger(c.year) || c.year < 2000 || c.year > 2100) throw new ValidationError('year', 'must be a year, e.g. 2027');
    const approvedOn = pastDate(c.approvedOn, c.today, 'approvedOn');
    if (!Array.isArray(c.items) || c.items.length === 0) throw new ValidationError('items', 'a programme lists at least one audit');
    const items = c.items.map((it, i) => {
      const objectKind = ['application', 'infrastructure', 'tenant'].includes(it?.objectKind) ? it.objectKind : null;
      if (!objectKind) throw new ValidationError(`items[${i}].objectKind`, 'must be application, infrastructure or tenant');
      assertEntityId(it.objectId, `items[${i}].objectId`);
      if (objectKind !== 'tenant' && !c.knownObjects.includes(`${objectKind}|${it.objectId}`)) throw new ValidationError(`items[${i}].objectId`, `${objectKind} ${it.objectId} is not an audit object of this Pemda`);
      if (!['infrastruktur', 'aplikasi', 'keamanan'].includes(it.auditType)) throw new ValidationError(`items[${i}].auditType`, 'must be infrastruktur, aplikasi or keamanan');
      if (!['internal', 'eksternal'].includes(it.mode)) throw new ValidationError(`items[${i}].mode`, 'must be internal or eksternal');
      const q = it.plannedQuarter ?? null;
      if (q !== null && (!Number.isInteger(q) || q < 1 || q > 4)) throw new ValidationError(`items[${i}].plannedQuarter`, 'must be 1–4');
      const note = optionalText(it.note, `items[${i}].note`, 1000);
      return { ruleId: it.ruleId ? text(it.ruleId, `items[${i}].ruleId`, 1, 60) : null, objectKind, objectId: it.objectId, auditType: it.auditType, mode: it.mode, plannedQuarter: q, ...(note ? { note } : {}) };
    });
    assertDate(approvedOn, 'approvedOn');
    const note = optionalText(c.note, 'note', 2000);
    return [{ type: s.versions.length ? 'AuditProgrammeAdjusted' : 'AuditProgrammeApproved', payload: { year: c.year, approvedOn, items, version: s.versions.length + 1, ...(note ? { note } : {}) }, legalBasis: legalBasisOf(holder.citation) }];
  },
  evolve(s, e: EventEnvelope): ProgrammeState {
    if (e.type !== 'AuditProgrammeApproved' && e.type !== 'AuditProgrammeAdjusted') return s;
    const p = e.payload as { year: number; approvedOn: string; items: ProgrammeItem[] };
    return { year: p.year, versions: [...s.versions, { approvedOn: p.approvedOn, items: p.items }] };
  },
};
