import { Decider, EventEnvelope, NewEvent, ValidationError } from '@spbe/ledger-core';
import { assertEntityId, mustBeNew, oneOf, optionalText, registryStreamId, text } from './common';

/**
 * A Perangkat Daerah (OPD) of the Pemda. The kinds the product needs to know are marked: the Dinas
 * Kominfo, the Inspektorat, the Bappeda, the finance agency, the Sekretariat Daerah and the Bagian
 * Organisasi; every other unit is `opd`.
 */
export const UNIT_KINDS = ['dinas-kominfo', 'inspektorat', 'bappeda', 'keuangan', 'sekretariat-daerah', 'bagian-organisasi', 'opd'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export interface UnitState {
  exists: boolean;
  unitId?: string;
  name?: string;
  kind?: UnitKind;
  parentUnitId?: string | null;
  registeredAt?: string;
}

export interface RegisterUnit {
  type: 'RegisterUnit';
  unitId: string;
  name: string;
  kind: UnitKind;
  parentUnitId?: string | null;
  description?: string;
  /** Set by the handler: whether the parent unit exists in this tenant. */
  parentExists?: boolean;
}

export type UnitCommand = RegisterUnit;

export const unitStreamId = (tenantId: string, unitId: string) => registryStreamId(tenantId, 'unit', unitId);

export const unitDecider: Decider<UnitState, UnitCommand> = {
  initialState: () => ({ exists: false }),
  decide(c, s): NewEvent[] {
    mustBeNew(s.exists, 'unit', c.unitId);
    assertEntityId(c.unitId, 'unitId');
    const parentUnitId = c.parentUnitId ?? null;
    if (parentUnitId !== null) {
      assertEntityId(parentUnitId, 'parentUnitId');
      if (!c.parentExists) throw new ValidationError('parentUnitId', `unit ${parentUnitId} is not registered`);
    }
    const description = optionalText(c.description, 'description');
    return [{ type: 'UnitRegistered', payload: { unitId: c.unitId, name: text(c.name, 'name', 3, 200), kind: oneOf(c.kind, UNIT_KINDS, 'kind'), parentUnitId, ...(description ? { description } : {}) } }];
  },
  evolve(s, e: EventEnvelope): UnitState {
    if (e.type !== 'UnitRegistered') return s;
    const p = e.payload as { unitId: string; name: string; kind: UnitKind; parentUnitId: string | null };
    return { exists: true, unitId: p.unitId, name: p.name, kind: p.kind, parentUnitId: p.parentUnitId, registeredAt: e.occurredAt };
  },
};
