import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { assertRole, assertTenantAccess, EventStore, handleCommand, Principal } from '@spbe/ledger-core';
import { commandContext, EVENT_STORE } from '@spbe/platform';
import { RegisterTenant, tenantDecider, tenantStreamId } from '@spbe/registry-domain';

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
