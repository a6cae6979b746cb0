import { EventEnvelope } from '../envelope';
import { SubscribeOptions, Subscription } from './port';

export interface PollingSource {
  readAll(options: { after?: number; maxCount?: number }): Promise<EventEnvelope[]>;
}

/**
 * Catch-up then live over any store's global order: reads batches until the end, resolves
 * `caughtUp`, then waits for a local wake-up (an append in this process) or the poll interval.
 * The handler sees every event once, in global order; a failing handler is retried after a pause
 * from the same position, so nothing is skipped.
 */
export function pollingSubscription(
  source: PollingSource,
  options: SubscribeOptions,
  wakeups: { on(fn: () => void): () => void },
  pollMs: number,
): Subscription {
  let position = options.after;
  let stopped = false;
  let wake: (() => void) | null = null;
  let resolveCaughtUp!: () => void;
  const caughtUp = new Promise<void>((r) => (resolveCaughtUp = r));
  const off = wakeups.on(() => wake?.());
  const batchSize = options.batchSize ?? 500;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(done, ms);
      function done() {
        clearTimeout(t);
        wake = null;
        resolve();
      }
      wake = done;
    });

  const loop = (async () => {
    let announced = false;
    while (!stopped) {
      try {
        const batch = await source.readAll({ after: position, maxCount: batchSize });
        if (batch.length > 0) {
          const wanted = options.filter ? batch.filter(options.filter) : batch;
          if (wanted.length > 0) await options.handler(wanted);
          position = batch[batch.length - 1].globalPosition;
        }
        if (batch.length < batchSize) {
          if (!announced) {
            announced = true;
            resolveCaughtUp();
          }
          if (!stopped) await sleep(pollMs);
        }
      } catch (err) {
        options.onError?.(err);
        if (!stopped) await sleep(Math.max(pollMs, 500));
      }
    }
  })();

  return {
    caughtUp,
    get position() {
      return position;
    },
    async stop() {
      stopped = true;
      off();
      wake?.();
      await loop;
    },
  };
}

/** A tiny local signal: appends in this process wake subscribers at once instead of at the next poll. */
export class Wakeups {
  private readonly listeners = new Set<() => void>();
  on(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }
  fire(): void {
    for (const fn of this.listeners) fn();
  }
}
