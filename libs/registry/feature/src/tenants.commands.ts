import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { assertRole, assertTenantAccess, EventStore, handleCommand, Principal } from '@spbe/ledger-core';
import { commandContext, EVENT_STORE } from '@spbe/platform';
import { RegisterTenant, tenantDecider, tenantStreamId } from '@spbe/registry-domain';
import type { ProfileOverride } from '@spbe/regulations';

export class RegisterTenantCommand {
  constructor(
    readonly command: RegisterTenant,
    readonly principal: Principal,
    readonly headers: Record<string, string | string[] | undefined>,
  ) {}
}

@CommandHandler(RegisterTenantCommand)
export class RegisterTenantHandler implements ICommandHandler<RegisterTenantCommand> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ command, principal, headers }: RegisterTenantCommand) {
    assertTenantAccess(principal, command.tenantId);
    const role = assertRole(principal, ['admin', 'koordinator']);
    const context = commandContext(principal, headers, role);
    const result = await handleCommand(this.store, tenantDecider, tenantStreamId(command.tenantId), command, context, { creates: true });
    return { tenantId: command.tenantId, version: result.nextExpectedVersion, eventIds: result.events.map((e) => e.eventId), replayed: result.idempotentReplay };
  }
}

export class OverrideProfileValueCommand {
  constructor(
    readonly tenantId: string,
    readonly override: ProfileOverride,
    readonly principal: Principal,
    readonly headers: Record<string, string | string[] | undefined>,
  ) {}
}

/** The Koordinator SPBE's office records a decree by which the Pemda sets a value of its profile. */
@CommandHandler(OverrideProfileValueCommand)
export class OverrideProfileValueHandler implements ICommandHandler<OverrideProfileValueCommand> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ tenantId, override, principal, headers }: OverrideProfileValueCommand) {
    assertTenantAccess(principal, tenantId);
    const role = assertRole(principal, ['koordinator']);
    const context = commandContext(principal, headers, role);
    const today = new Date().toISOString().slice(0, 10);
    const result = await handleCommand(this.store, tenantDecider, tenantStreamId(tenantId), { type: 'OverrideProfileValue', ...override, today }, context);
    return { tenantId, version: result.nextExpectedVersion, eventIds: result.events.map((e) => e.eventId), replayed: result.idempotentReplay };
  }
}
