import { Inject, Injectable } from '@nestjs/common';
import { AuthError, Decider, EventEnvelope, EventStore, handleCommand, loadState, LoadedState, NotFoundError, Principal, Role, StreamNotFoundError, assertTenantAccess } from '@spbe/ledger-core';
import { EffectiveProfile, HOLDER_ROLES, resolve, Duty } from '@spbe/regulations';
import { commandContext } from './command-context';
import { EVENT_STORE } from './tokens';

export type Headers = Record<string, string | string[] | undefined>;

export interface CommandResult {
  id: string;
  version: number;
  eventIds: string[];
  replayed: boolean;
}

/**
 * A context's I/O edge for its aggregates: loads and folds streams from the event store, runs a
 * decider, appends with the version read. What a context answers is folded from its events; folded
 * states come from the process-wide state cache with only the events after them read (see
 * loadState), so a state or a command costs about the same on a long stream as on a short one. The
 * states returned are frozen: copy before changing one.
 */
@Injectable()
export class AggregateStore {
  constructor(@Inject(EVENT_STORE) protected readonly store: EventStore) {}

  async read(streamId: string): Promise<EventEnvelope[] | null> {
    try {
      return await this.store.readStream(streamId);
    } catch (err) {
      if (err instanceof StreamNotFoundError) return null;
      throw err;
    }
  }

  /** The stream's state and version, or null for a stream with no events. */
  protected async load<S>(decider: Pick<Decider<S, unknown>, 'initialState' | 'evolve'>, streamId: string): Promise<LoadedState<S> | null> {
    try {
      return await loadState(this.store, decider, streamId);
    } catch (err) {
      if (err instanceof StreamNotFoundError) return null;
      throw err;
    }
  }

  async state<S>(decider: Pick<Decider<S, unknown>, 'initialState' | 'evolve'>, streamId: string): Promise<S> {
    return (await this.load(decider, streamId))?.state ?? decider.initialState();
  }

  /** Current state with its version, or 404 naming what is missing. */
  async get<S>(decider: Pick<Decider<S, unknown>, 'initialState' | 'evolve'>, streamId: string, what: string, id: string): Promise<S & { version: number }> {
    const loaded = await this.load(decider, streamId);
    if (!loaded) throw new NotFoundError(what, id);
    return { ...loaded.state, version: loaded.version };
  }

  async history(streamId: string, what: string, id: string): Promise<{ items: EventEnvelope[] }> {
    const events = await this.read(streamId);
    if (!events?.length) throw new NotFoundError(what, id);
    return { items: events };
  }

  /** Every aggregate of one kind in the tenant, folded (governance sizes: hundreds, not millions). */
  async all<S>(decider: Pick<Decider<S, unknown>, 'initialState' | 'evolve'>, tenantId: string, context: string, aggregate: string): Promise<(S & { id: string; version: number })[]> {
    const prefix = `${tenantId}:${context}.${aggregate}:`;
    const ids = (await this.store.listStreams(tenantId)).filter((s) => s.startsWith(prefix)).sort();
    const out: (S & { id: string; version: number })[] = [];
    for (const streamId of ids) {
      const loaded = await this.load(decider, streamId);
      if (loaded) out.push({ ...loaded.state, id: streamId.slice(prefix.length), version: loaded.version });
    }
    return out;
  }

  /** Authorises, runs the decider and appends with the version read (409 on a concurrent change). */
  async execute<S, C>(
    decider: Decider<S, C>,
    streamId: string,
    command: C,
    auth: { principal: Principal; headers: Headers; tenantId: string; role: Role },
    options: { creates?: boolean; id: string; what: string },
  ): Promise<CommandResult> {
    const context = commandContext(auth.principal, auth.headers, auth.role);
    const result = await handleCommand(this.store, decider, streamId, command, context, { creates: options.creates }).catch((err) => {
      // A command on an entity that does not exist: 404 naming it (handleCommand reads the stream once).
      if (!options.creates && err instanceof StreamNotFoundError) throw new NotFoundError(options.what, options.id);
      throw err;
    });
    return { id: options.id, version: result.nextExpectedVersion, eventIds: result.events.map((e) => e.eventId), replayed: result.idempotentReplay };
  }
}

/** The tenant check and the role the principal acts in: one of `allowed`, 403 otherwise. */
export function actingRole(principal: Principal, tenantId: string, allowed: readonly Role[]): Role {
  assertTenantAccess(principal, tenantId);
  const role = principal.roles.find((r) => allowed.includes(r));
  if (!role) throw new AuthError('forbidden', `requires one of the roles ${allowed.join(', ')} / membutuhkan peran ${allowed.join(', ')}`);
  return role;
}

/**
 * The role in which the principal records a duty's decision: the one the profile empowers if held
 * (the decider then checks it and names the article when it is not).
 */
export function dutyRole(principal: Principal, tenantId: string, profile: EffectiveProfile, duty: Duty): Role {
  assertTenantAccess(principal, tenantId);
  const holder = resolve(profile.roles[duty])?.value;
  const roles = holder ? HOLDER_ROLES[holder] : [];
  return principal.roles.find((r) => roles.includes(r)) ?? principal.roles[0];
}

export const today = () => new Date().toISOString().slice(0, 10);
