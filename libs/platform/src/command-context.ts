import { actorOf, AppendContext, Principal, Role, ValidationError } from '@spbe/ledger-core';

const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

function header(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const v = headers[name];
  const s = Array.isArray(v) ? v[0] : v;
  if (s === undefined || s === '') return undefined;
  if (!ID.test(s)) throw new ValidationError(name, 'must be 1–128 characters of letters, digits and ._:-');
  return s;
}

/**
 * The metadata every command's events carry, from the authenticated request: the actor (the
 * principal acting in `role`), `Idempotency-Key` as the command id, `X-Correlation-Id` and
 * `X-Causation-Id` for tracing across services.
 */
export function commandContext(principal: Principal, headers: Record<string, string | string[] | undefined>, role?: Role): AppendContext {
  return {
    actor: actorOf(principal, role),
    commandId: header(headers, 'idempotency-key') ?? null,
    correlationId: header(headers, 'x-correlation-id') ?? null,
    causationId: header(headers, 'x-causation-id') ?? null,
  };
}
