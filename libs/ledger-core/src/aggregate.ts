import { EventEnvelope, NewEvent, parseStreamId } from './envelope';
import { StreamNotFoundError } from './errors';
import { AppendContext, AppendResult, EventStore } from './event-store/port';
import { replayResult } from './event-store/prepare';
import { upcastAll, Upcaster } from './upcasting';

/**
 * A decider (Emmett/Chassaing style): pure functions, no I/O.
 * `decide` throws a typed LedgerError to refuse a command.
 */
export interface Decider<State, Command, Event extends NewEvent = NewEvent> {
  initialState(): State;
  evolve(state: State, event: EventEnvelope): State;
  decide(command: Command, state: State): Event[];
}

/** Folds stored events into state with the decider's pure evolve. */
export function fold<State>(decider: Pick<Decider<State, unknown>, 'initialState' | 'evolve'>, events: EventEnvelope[]): State {
  return events.reduce(decider.evolve, decider.initialState());
}

export interface HandleOptions {
  /** `true`: the command creates the stream, which must not exist yet. */
  creates?: boolean;
  /** Lift old event schema versions before evolve (the stored events stay as they are). */
  upcasters?: readonly Upcaster[];
}

/**
 * Load → decide → append with the version that was read (optimistic concurrency).
 * A retried command (same commandId) returns the original result without deciding again.
 */
export async function handleCommand<State, Command>(
  store: EventStore,
  decider: Decider<State, Command>,
  streamId: string,
  command: Command,
  context: AppendContext,
  options: HandleOptions = {},
): Promise<AppendResult & { state: State }> {
  if (context.commandId) {
    const recorded = await store.findByCommandId(parseStreamId(streamId).tenantId, context.commandId);
    if (recorded.length > 0) {
      const result = replayResult({ streamId, expectedVersion: 'any', events: [], context }, recorded);
      return { ...result, state: fold(decider, upcastAll(await store.readStream(streamId), options.upcasters ?? [])) };
    }
  }
  let history: EventEnvelope[] = [];
  if (!options.creates) {
    history = await store.readStream(streamId);
  } else {
    try {
      history = await store.readStream(streamId);
    } catch (err) {
      if (!(err instanceof StreamNotFoundError)) throw err;
    }
  }
  const state = fold(decider, upcastAll(history, options.upcasters ?? []));
  const events = decider.decide(command, state);
  const expectedVersion = history.length === 0 ? 'no-stream' : history[history.length - 1].version;
  const result = await store.append({ streamId, expectedVersion, events, context });
  const newState = result.events.reduce(decider.evolve, state);
  return { ...result, state: newState };
}
