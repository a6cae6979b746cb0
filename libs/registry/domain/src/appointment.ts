import { Decider, EventEnvelope, InvariantError, NewEvent, ValidationError } from '@spbe/ledger-core';
import { assertDate, Decree, EffectiveProfile, resolve } from '@spbe/regulations';
import { assertEntityId, decree, legalBasisOf, mustBeNew, oneOf, optionalText, pastDate, registryStreamId, text } from './common';

/**
 * People holding the profile's roles, each appointment with its decree (number, date, signer):
 * Koordinator SPBE, Tim Koordinasi / Tim Pengarah members, Tim Auditor TIK internal, Tim Asesor
 * Internal. Ending an appointment is its own recorded decision. Pure.
 */
export const POSITIONS = ['koordinator-spbe', 'tim-koordinasi', 'tim-pengarah', 'tim-auditor-internal', 'tim-asesor-internal'] as const;
export type Position = (typeof POSITIONS)[number];

export interface AppointmentState {
  exists: boolean;
  position?: Position;
  person?: { name: string; nip?: string; title?: string };
  unitId?: string | null;
  decree?: Decree;
  from?: string;
  until?: string | null;
  ended?: { endedOn: string; reasons: string; decree?: Decree };
}

export type AppointmentCommand =
  | {
      type: 'Appoint';
      appointmentId: string;
      position: Position;
      person: { name: string; nip?: string; title?: string };
      unitId?: string | null;
      unitExists: boolean;
      decree: Decree;
      from: string;
      until?: string | null;
      profile: EffectiveProfile;
      today: string;
    }
  | { type: 'EndAppointment'; endedOn: string; reasons: string; decree?: Decree | null; today: string; profile: EffectiveProfile };

export const appointmentStreamId = (tenantId: string, appointmentId: string) => registryStreamId(tenantId, 'appointment', appointmentId);

/** The article behind a position, where the profile has one (Koordinator SPBE, internal auditors, assessors). */
function positionCitation(profile: EffectiveProfile, position: Position) {
  const duty = position === 'koordinator-spbe' ? 'koordinatorSpbe' : position === 'tim-auditor-internal' ? 'internalAuditor' : position === 'tim-asesor-internal' ? 'evaluator' : null;
  return duty ? resolve(profile.roles[duty])?.citation : undefined;
}

export const appointmentDecider: Decider<AppointmentState, AppointmentCommand> = {
  initialState: () => ({ exists: false }),
  decide(c, s): NewEvent[] {
    if (c.type === 'Appoint') {
      mustBeNew(s.exists, 'appointment', c.appointmentId);
      assertEntityId(c.appointmentId, 'appointmentId');
      const position = oneOf(c.position, POSITIONS, 'position');
      if (c.unitId != null && !c.unitExists) throw new ValidationError('unitId', `unit ${c.unitId} is not registered`);
      const d = decree(c.decree, c.today);
      assertDate(c.from, 'from');
      if (c.from < d.date) throw new ValidationError('from', `${c.from} is before the decree (${d.date})`);
      if (c.until != null) {
        assertDate(c.until, 'until');
        if (c.until < c.from) throw new ValidationError('until', `the appointment ends (${c.until}) before it starts (${c.from})`);
      }
      const from = c.from;
      const nip = optionalText(c.person?.nip, 'person.nip', 30);
      const title = optionalText(c.person?.title, 'person.title', 200);
      const person = { name: text(c.person?.name, 'person.name', 3, 200), ...(nip ? { nip } : {}), ...(title ? { title } : {}) };
      const citation = positionCitation(c.profile, position);
      return [{ type: 'OfficialAppointed', payload: { position, person, unitId: c.unitId ?? null, decree: d, from, until: c.until ?? null }, legalBasis: citation ? legalBasisOf(citation) : null }];
    }
    if (!s.exists) throw new InvariantError('APPOINTMENT_NOT_FOUND', 'appointment does not exist / penetapan tidak ditemukan');
    if (s.ended) throw new InvariantError('APPOINTMENT_ENDED', `the appointment already ended on ${s.ended.endedOn}`);
    const endedOn = pastDate(c.endedOn, c.today, 'endedOn');
    if (endedOn < s.from!) throw new ValidationError('endedOn', `${endedOn} is before the appointment started (${s.from})`);
    const d = c.decree ? decree(c.decree, c.today) : undefined;
    const citation = positionCitation(c.profile, s.position!);
    return [{ type: 'AppointmentEnded', payload: { endedOn, reasons: text(c.reasons, 'reasons', 3, 2000), ...(d ? { decree: d } : {}) }, legalBasis: citation ? legalBasisOf(citation) : null }];
  },
  evolve(s, e: EventEnvelope): AppointmentState {
    const p = e.payload as Record<string, never>;
    if (e.type === 'OfficialAppointed') return { exists: true, position: p.position, person: p.person, unitId: p.unitId, decree: p.decree, from: p.from, until: p.until };
    if (e.type === 'AppointmentEnded') return { ...s, ended: { endedOn: p.endedOn, reasons: p.reasons, decree: p.decree } };
    return s;
  },
};
