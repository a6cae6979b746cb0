import { Injectable } from '@nestjs/common';
import { Decider, NotFoundError, fold } from '@spbe/ledger-core';
import { AggregateStore } from '@spbe/platform';
import { Action, EffectiveProfile, GateContext } from '@spbe/regulations';
import { approvalDecider, ApprovalState, approvalStreamId, designationDecider, isEntityId, designationInForce, tenantDecider, tenantProfile, TenantState, tenantStreamId, unitDecider, unitStreamId, UnitState } from '@spbe/registry-domain';

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

  unit(tenantId: string, unitId: string): Promise<UnitState> {
    return this.state(unitDecider, unitStreamId(tenantId, unitId));
  }

  /**
   * The approvals named (those recorded) and the unit's designation in force, for the profile's gates.
   * The deciders refuse a named approval that is not among `approvals` or is for another unit or
   * action (400 naming approvalIds[i]); a malformed id is simply not found here.
   */
  async gateContext(tenantId: string, unitId: string, action: Action, approvalIds: string[] = []): Promise<GateContext & { approvals: ApprovalState[]; designationId: string | null }> {
    const approvals: ApprovalState[] = [];
    for (const id of approvalIds) {
      if (!isEntityId(id)) continue;
      const a = await this.state(approvalDecider, approvalStreamId(tenantId, id));
      if (a.exists) approvals.push(a);
    }
    const designation = (await this.registryAll(designationDecider, tenantId, 'designation')).find((d) => d.unitId === unitId && designationInForce(d));
    const given = approvals.filter((a) => a.status === 'given' && a.action === action && a.unitId === unitId).map((a) => ({ gate: a.gate!, eventId: a.approvalId! }));
    return { mandiriTik: !!designation, designationEventId: designation?.id, given, approvals, designationId: designation?.id ?? null };
  }
}
