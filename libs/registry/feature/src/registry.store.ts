import { Injectable } from '@nestjs/common';
import { Decider, NotFoundError, fold } from '@spbe/ledger-core';
import { AggregateStore } from '@spbe/platform';
import { EffectiveProfile } from '@spbe/regulations';
import { tenantDecider, tenantProfile, TenantState, tenantStreamId } from '@spbe/registry-domain';

export { actingRole, dutyRole, today } from '@spbe/platform';
export type { Headers } from '@spbe/platform';

/** The registry's aggregates, and the tenant with the profile it applies (404 when not registered). */
@Injectable()
export class RegistryStore extends AggregateStore {
  async tenant(tenantId: string): Promise<{ state: TenantState; profile: EffectiveProfile }> {
    const events = await this.read(tenantStreamId(tenantId));
    if (!events) throw new NotFoundError('tenant', tenantId);
    const state = fold(tenantDecider, events);
    return { state, profile: tenantProfile(state) };
  }

  /** Every registry aggregate of one kind in the tenant. */
  registryAll<S>(decider: Pick<Decider<S, unknown>, 'initialState' | 'evolve'>, tenantId: string, aggregate: string) {
    return this.all(decider, tenantId, 'registry', aggregate);
  }
}
