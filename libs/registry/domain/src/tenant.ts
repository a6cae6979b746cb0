import { Decider, EventEnvelope, InvariantError, NewEvent, ValidationError, assertTenantId, streamIdOf } from '@spbe/ledger-core';
import { assertDate, assertDecree, effectiveProfile, EffectiveProfile, getProfile, ProfileOverride } from '@spbe/regulations';

export type TenantKind = 'kota' | 'kabupaten';

export interface TenantState {
  registered: boolean;
  tenantId?: string;
  name?: string;
  kind?: TenantKind;
  profileId?: string;
  registeredAt?: string;
  /** The in-force date the Pemda recorded, where the regulation's copy leaves it blank. */
  inForceFrom?: string | null;
  /** Values the Pemda set by its own decrees, in order. */
  overrides: ProfileOverride[];
}

export interface RegisterTenant {
  type: 'RegisterTenant';
  tenantId: string;
  name: string;
  kind: TenantKind;
  profileId: string;
  inForceFrom?: string | null;
}

/** The Pemda changes a value of its profile by its own decree (path and value: see OVERRIDABLE_PATHS). */
export interface OverrideProfileValue extends ProfileOverride {
  type: 'OverrideProfileValue';
  /** Today's date (YYYY-MM-DD) at the edge: a decree dated in the future is refused. */
  today: string;
}

export type TenantCommand = RegisterTenant | OverrideProfileValue;

export interface ProfileValueOverriddenPayload extends Record<string, unknown> {
  path: string;
  value: unknown;
  decree: ProfileOverride['decree'];
}

export interface TenantRegisteredPayload extends Record<string, unknown> {
  tenantId: string;
  name: string;
  kind: TenantKind;
  profileId: string;
  inForceFrom?: string;
}

export const tenantStreamId = (tenantId: string) => streamIdOf({ tenantId, context: 'registry', aggregate: 'tenant', id: tenantId });

/** A Pemda registered with the regulation profile that governs it. Pure. */
export const tenantDecider: Decider<TenantState, TenantCommand> = {
  initialState: () => ({ registered: false, overrides: [] }),

  decide(command, state): NewEvent[] {
    switch (command.type) {
      case 'RegisterTenant': {
        if (state.registered) throw new InvariantError('TENANT_EXISTS', `tenant ${command.tenantId} is already registered / Pemda sudah terdaftar`, { tenantId: command.tenantId });
        assertTenantId(command.tenantId);
        if (typeof command.name !== 'string' || command.name.trim().length < 3) throw new ValidationError('name', 'must be at least 3 characters');
        if (command.kind !== 'kota' && command.kind !== 'kabupaten') throw new ValidationError('kind', 'must be "kota" or "kabupaten"');
        const profile = getProfile(command.profileId);
        if (command.inForceFrom != null) assertDate(command.inForceFrom, 'inForceFrom');
        const payload: TenantRegisteredPayload = {
          tenantId: command.tenantId,
          name: command.name.trim(),
          kind: command.kind,
          profileId: command.profileId,
          ...(command.inForceFrom ? { inForceFrom: command.inForceFrom } : {}),
        };
        // The adopted regulation binds the Pemda from its in-force article (e.g. Kupang Pasal 57).
        return [{ type: 'TenantRegistered', payload, legalBasis: { regulation: profile.identity.inForceCitation.regulation, article: profile.identity.inForceCitation.article } }];
      }
      case 'OverrideProfileValue': {
        if (!state.registered) throw new InvariantError('TENANT_NOT_REGISTERED', 'the tenant is not registered / Pemda belum terdaftar');
        assertDecree(command.decree);
        if (command.decree.date > command.today) throw new ValidationError('decree.date', `${command.decree.date} is in the future / tanggal keputusan belum terjadi`);
        const override: ProfileOverride = { path: command.path, value: command.value, decree: command.decree, legalBasis: command.legalBasis };
        tenantProfile({ ...state, overrides: [...state.overrides, override] });
        const payload: ProfileValueOverriddenPayload = { path: command.path, value: command.value, decree: command.decree };
        return [{ type: 'ProfileValueOverridden', payload, legalBasis: { regulation: command.legalBasis.regulation, article: command.legalBasis.article } }];
      }
    }
  },

  evolve(state, event: EventEnvelope): TenantState {
    switch (event.type) {
      case 'TenantRegistered': {
        const p = event.payload as TenantRegisteredPayload;
        return { registered: true, tenantId: p.tenantId, name: p.name, kind: p.kind, profileId: p.profileId, registeredAt: event.occurredAt, inForceFrom: p.inForceFrom ?? null, overrides: [] };
      }
      case 'ProfileValueOverridden': {
        const p = event.payload as ProfileValueOverriddenPayload;
        const legalBasis = event.legalBasis ?? { regulation: 'unknown', article: 'unknown' };
        return { ...state, overrides: [...state.overrides, { path: p.path, value: p.value, decree: p.decree, legalBasis }] };
      }
      default:
        return state;
    }
  },
};

/** The profile as this Pemda applies it: its adoption and every later decree. Pure. */
export function tenantProfile(state: TenantState): EffectiveProfile {
  if (!state.registered || !state.profileId) throw new InvariantError('TENANT_NOT_REGISTERED', 'the tenant is not registered / Pemda belum terdaftar');
  return effectiveProfile({ profileId: state.profileId, inForceFrom: state.inForceFrom, registeredOn: state.registeredAt?.slice(0, 10) }, state.overrides);
}

/** What a read side keeps of a tenant to apply its profile (built from TenantRegistered and ProfileValueOverridden). */
export interface TenantProfileDoc {
  tenantId: string;
  name: string;
  profileId: string;
  inForceFrom: string | null;
  registeredOn: string;
  overrides: ProfileOverride[];
}

export const TENANT_PROFILE_EVENTS = new Set(['TenantRegistered', 'ProfileValueOverridden']);

/** Folds one tenant event into the read side's document (null before registration). Pure. */
export function foldTenantProfileDoc(current: TenantProfileDoc | null, e: EventEnvelope): TenantProfileDoc | null {
  const p = e.payload as Record<string, unknown>;
  if (e.type === 'TenantRegistered') {
    return { tenantId: e.tenantId, name: String(p['name']), profileId: String(p['profileId']), inForceFrom: typeof p['inForceFrom'] === 'string' ? p['inForceFrom'] : null, registeredOn: e.occurredAt.slice(0, 10), overrides: current?.overrides ?? [] };
  }
  if (e.type !== 'ProfileValueOverridden' || !current) return current;
  const override: ProfileOverride = { path: String(p['path']), value: p['value'], decree: p['decree'] as ProfileOverride['decree'], legalBasis: e.legalBasis ?? { regulation: 'unknown', article: 'unknown' } };
  return { ...current, overrides: [...current.overrides, override] };
}

export function profileOfDoc(doc: TenantProfileDoc): EffectiveProfile {
  return effectiveProfile({ profileId: doc.profileId, inForceFrom: doc.inForceFrom, registeredOn: doc.registeredOn }, doc.overrides);
}
