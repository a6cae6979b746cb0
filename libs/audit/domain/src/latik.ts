import { Decider, EventEnvelope, NewEvent, parseStreamId, streamIdOf, ValidationError } from '@spbe/ledger-core';
import { assertEntityId, legalBasisOf, mustBeNew, oneOf, text } from '@spbe/registry-domain';
import { LATIK_REGISTERED } from './audit';
import { assertDate } from '@spbe/regulations';

/**
 * An external audit body (LATIK) with its registration, accreditation and certified auditors. A LATIK is
 * a government body ("lembaga pelaksana Audit TIK pemerintah") or an accredited legal entity ("… yang
 * terakreditasi": Kupang Pasal 47(4), Mojokerto Pasal 39(3); BSSN 8/2024 Pasal 4 [T]); only the second
 * needs an accreditation. Samarinda Pasal 30(6) asks an accredited body for its external audits. Pure.
 */
export const LATIK_KINDS = ['pemerintah', 'terakreditasi'] as const;
export type LatikKind = (typeof LATIK_KINDS)[number];

export interface LatikState {
  exists: boolean;
  latikId?: string;
  name?: string;
  kind?: LatikKind;
  registrationNo?: string;
  registeredUntil?: string;
  accreditationNo?: string;
  accreditedUntil?: string;
  auditors?: { name: string; certificateNo: string; certifiedUntil: string }[];
}

export type LatikCommand =
  | { type: 'RegisterLatik'; latikId: string; name: string; kind?: LatikKind; registrationNo: string; registeredUntil: string; accreditationNo?: string; accreditedUntil?: string; auditors?: LatikState['auditors'] }
  | { type: 'RenewLatik'; registrationNo: string; registeredUntil: string; accreditationNo?: string; accreditedUntil?: string };

export const latikStreamId = (tenantId: string, latikId: string) => {
  assertEntityId(latikId, 'latikId');
  return streamIdOf({ tenantId, context: 'audit', aggregate: 'latik', id: latikId });
};

function validity(c: { registrationNo: string; registeredUntil: string; accreditationNo?: string; accreditedUntil?: string }, kind: LatikKind) {
  assertDate(c.registeredUntil, 'registeredUntil');
  const registration = { registrationNo: text(c.registrationNo, 'registrationNo', 1, 100), registeredUntil: c.registeredUntil };
  if (kind === 'pemerintah' && c.accreditationNo == null && c.accreditedUntil == null) return registration;
  assertDate(c.accreditedUntil, 'accreditedUntil');
  return { ...registration, accreditationNo: text(c.accreditationNo, 'accreditationNo', 1, 100), accreditedUntil: c.accreditedUntil };
}

export const latikDecider: Decider<LatikState, LatikCommand> = {
  initialState: () => ({ exists: false }),
  decide(c, s): NewEvent[] {
    if (c.type === 'RegisterLatik') {
      mustBeNew(s.exists, 'LATIK', c.latikId);
      assertEntityId(c.latikId, 'latikId');
      const auditors = (c.auditors ?? []).map((a, i) => {
        assertDate(a?.certifiedUntil, `auditors[${i}].certifiedUntil`);
        return { name: text(a.name, `auditors[${i}].name`, 3, 200), certificateNo: text(a.certificateNo, `auditors[${i}].certificateNo`, 1, 100), certifiedUntil: a.certifiedUntil };
      });
      const kind = oneOf(c.kind ?? 'terakreditasi', LATIK_KINDS, 'kind');
      return [{ type: 'LatikRegistered', payload: { name: text(c.name, 'name', 3, 200), kind, ...validity(c, kind), auditors }, legalBasis: legalBasisOf(LATIK_REGISTERED) }];
    }
    if (!s.exists) throw new ValidationError('latikId', 'LATIK is not registered');
    return [{ type: 'LatikRenewed', payload: validity(c, s.kind ?? 'terakreditasi'), legalBasis: legalBasisOf(LATIK_REGISTERED) }];
  },
  evolve(s, e: EventEnvelope): LatikState {
    const p = e.payload as Record<string, never>;
    if (e.type === 'LatikRegistered') return { exists: true, latikId: parseStreamId(e.streamId).id, name: p.name, kind: p.kind ?? 'terakreditasi', registrationNo: p.registrationNo, registeredUntil: p.registeredUntil, accreditationNo: p.accreditationNo, accreditedUntil: p.accreditedUntil, auditors: p.auditors };
    if (e.type === 'LatikRenewed') return { ...s, registrationNo: p.registrationNo, registeredUntil: p.registeredUntil, accreditationNo: p.accreditationNo, accreditedUntil: p.accreditedUntil };
    return s;
  },
};
