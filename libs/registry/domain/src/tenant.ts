import { Decider, EventEnvelope, InvariantError, NewEvent, ValidationError, assertTenantId, streamIdOf } from '@spbe/ledger-core';
import { isProfileId, PROFILE_IDS } from '@spbe/regulations';

export type TenantKind = 'kota' | 'kabupaten';

export interface TenantState {
  registered: boolean;
  tenantId?: string;
  name?: string;
  kind?: TenantKind;
  profileId?: string;
  registeredAt?: string;
}

export interface RegisterTenant {
  type: 'RegisterTenant';
  tenantId: string;
  name: string;
  kind: TenantKind;
  profileId: string;
}

export type TenantCommand = RegisterTenant;

export interface TenantRegisteredPayload extends Record<string, unknown> {
  tenantId: string;
  name: string;
  kind: TenantKind;
  profileId: string;
}

export const tenantStreamId = (tenantId: string) => streamIdOf({ tenantId, context: 'registry', aggregate: 'tenant', id: tenantId });

/** A Pemda registered with the regulation profile that governs it. Pure. */
export const tenantDecider: Decider<TenantState, TenantCommand> = {
  initialState: () => ({ registered: false }),

  decide(command, state): NewEvent[] {
    switch (command.type) {
      case 'RegisterTenant': {
        if (state.registered) throw new InvariantError('TENANT_EXISTS', `tenant ${command.tenantId} is already registered / Pemda sudah terdaftar`, { tenantId: command.tenantId });
        assertTenantId(command.tenantId);
        if (typeof command.name !== 'string' || command.name.trim().length < 3) throw new ValidationError('name', 'must be at least 3 characters');
        if (command.kind !== 'kota' && command.kind !== 'kabupaten') throw new ValidationError('kind', 'must be "kota" or "kabupaten"');
        if (!isProfileId(command.profileId)) {
          throw new ValidationError('profileId', `unknown regulation profile "${command.profileId}"; known: ${PROFILE_IDS.join(', ')}`);
        }
        const payload: TenantRegisteredPayload = { tenantId: command.tenantId, name: command.name.trim(), kind: command.kind, profileId: command.profileId };
        return [{ type: 'TenantRegistered', payload }];
      }
    }
  },

  evolve(state, event: EventEnvelope): TenantState {
    switch (event.type) {
      case 'TenantRegistered': {
        const p = event.payload as TenantRegisteredPayload;
        return { registered: true, tenantId: p.tenantId, name: p.name, kind: p.kind, profileId: p.profileId, registeredAt: event.occurredAt };
      }
      default:
        return state;
    }
  },
};
