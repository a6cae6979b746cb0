import { PreparedEvent } from './prepare';
import { insertEventsSql } from './sql-schema';

type Query = <R = Record<string, unknown>>(sql: string, params?: unknown[], name?: string) => Promise<{ rows: R[] }>;

interface Pending {
  streamId: string;
  commandId: string | null;
  events: PreparedEvent[];
  resolve(positions: number[]): void;
  reject(err: unknown): void;
}

function rowParams(p: Pending, params: unknown[]): void {
  p.events.forEach(({ envelope: e, payloadText }, seq) => {
    params.push(
      e.eventId, p.streamId, e.version, e.tenantId, e.type, e.schemaVersion, e.occurredAt, e.recordedAt,
      JSON.stringify(e.actor), e.legalBasis ? JSON.stringify(e.legalBasis) : null, e.causationId, e.correlationId,
      p.commandId, p.commandId ? seq : null, payloadText, e.prevHash, e.hash,
    );
  });
}

export async function insertEvents(query: Query, streamId: string, commandId: string | null, events: PreparedEvent[]): Promise<number[]> {
  const params: unknown[] = [];
  rowParams({ streamId, commandId, events } as Pending, params);
  const { rows } = await query<{ global_position: string | number }>(insertEventsSql(events.length), params, `spbe_insert_${events.length}`);
  return ascending(rows);
}

/** Positions are xid × 4096 + row index, so ascending order is the VALUES order. */
function ascending(rows: Array<{ global_position: string | number }>): number[] {
  return rows.map((r) => Number(r.global_position)).sort((a, b) => a - b);
}

/**
 * Group commit for independent appends: while a batch is in flight, appends queue up and go to
 * the database together as one multi-row INSERT (one round trip, one transaction, one WAL flush).
 * Each caller's promise resolves only after the commit that contains its events. If the batch
 * fails (a version or command conflict in any append), every append of it is retried on its own,
 * so each caller gets its own result or its own error. Appends to the same stream never share a
 * batch.
 */
export class InsertBatcher {
  private readonly queue: Pending[] = [];
  private inFlight = 0;

  constructor(
    private readonly query: Query,
    private readonly maxInFlight: number,
    private readonly maxEvents = 1000,
  ) {}

  submit(streamId: string, commandId: string | null, events: PreparedEvent[]): Promise<number[]> {
    return new Promise((resolve, reject) => {
      this.queue.push({ streamId, commandId, events, resolve, reject });
      if (this.inFlight < this.maxInFlight) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.inFlight++;
    try {
      while (this.queue.length > 0) await this.flush(this.take());
    } finally {
      this.inFlight--;
    }
  }

  private take(): Pending[] {
    const batch: Pending[] = [];
    const streams = new Set<string>();
    let events = 0;
    for (let i = 0; i < this.queue.length; ) {
      const p = this.queue[i];
      if (streams.has(p.streamId) || (batch.length > 0 && events + p.events.length > this.maxEvents)) {
        i++;
        continue;
      }
      batch.push(p);
      streams.add(p.streamId);
      events += p.events.length;
      this.queue.splice(i, 1);
    }
    return batch;
  }

  private async flush(batch: Pending[]): Promise<void> {
    if (batch.length === 1) return this.one(batch[0]);
    const params: unknown[] = [];
    for (const p of batch) rowParams(p, params);
    const total = batch.reduce((n, p) => n + p.events.length, 0);
    let rows: Array<{ global_position: string | number }>;
    try {
      ({ rows } = await this.query<{ global_position: string | number }>(insertEventsSql(total), params, `spbe_insert_${total}`));
    } catch {
      for (const p of batch) await this.one(p);
      return;
    }
    const positions = ascending(rows);
    let at = 0;
    for (const p of batch) {
      p.resolve(positions.slice(at, at + p.events.length));
      at += p.events.length;
    }
  }

  private async one(p: Pending): Promise<void> {
    try {
      p.resolve(await insertEvents(this.query, p.streamId, p.commandId, p.events));
    } catch (err) {
      p.reject(err);
    }
  }
}
