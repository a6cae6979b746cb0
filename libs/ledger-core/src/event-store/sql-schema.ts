/**
 * One schema for PostgreSQL and PGlite (the same engine compiled to WebAssembly).
 *
 * Global order without skips: an event's global position is its transaction id (xid8) × 4096 plus
 * its index in the append. Readers return only events whose transaction id is below the xmin of the
 * current snapshot, i.e. older than every transaction still in progress. A transaction that commits
 * late has a smaller id than xmin only once it is finished, and every transaction that starts later
 * gets a larger id — so positions handed out to a reader never have an unseen event below them.
 * (The same idea as Marten's high-water mark and Emmett's `transaction_id < pg_snapshot_xmin(...)`.)
 * Positions are therefore increasing but not contiguous.
 *
 * An append is one INSERT. Optimistic concurrency is the unique (stream_id, version) constraint:
 * a writer only builds version N+1 after it has seen version N committed, so within a stream a
 * later version always has a larger transaction id (and position); two writers racing for the
 * same version collide on the constraint and one gets a conflict. Idempotency is the unique index
 * on the first event of each (tenant, command id): a key is scoped to its tenant, so two tenants may
 * use the same one. Earlier versions had a global unique command id (`spbe_events_command`): the
 * statements below replace it on an existing database, idempotently, at every start.
 */
export const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS spbe_events (
  global_position bigint PRIMARY KEY,
  transaction_id xid8 NOT NULL,
  event_id uuid NOT NULL UNIQUE,
  stream_id text NOT NULL,
  version integer NOT NULL,
  tenant_id text NOT NULL,
  type text NOT NULL,
  schema_version integer NOT NULL,
  occurred_at text NOT NULL,
  recorded_at text NOT NULL,
  actor jsonb NOT NULL,
  legal_basis jsonb,
  causation_id text,
  correlation_id text,
  command_id text,
  command_seq integer,
  payload jsonb NOT NULL,
  prev_hash text NOT NULL,
  hash text NOT NULL,
  CONSTRAINT spbe_events_stream_version UNIQUE (stream_id, version)
);
CREATE UNIQUE INDEX IF NOT EXISTS spbe_events_tenant_command ON spbe_events (tenant_id, command_id) WHERE command_seq = 0;
DROP INDEX IF EXISTS spbe_events_command;
CREATE INDEX IF NOT EXISTS spbe_events_tenant_stream ON spbe_events (tenant_id, stream_id);
CREATE INDEX IF NOT EXISTS spbe_events_tenant_command_all ON spbe_events (tenant_id, command_id) WHERE command_id IS NOT NULL;
DROP INDEX IF EXISTS spbe_events_command_all;

CREATE TABLE IF NOT EXISTS spbe_checkpoints (
  name text PRIMARY KEY,
  position bigint NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

DROP FUNCTION IF EXISTS spbe_append(text, text, integer, text, text, jsonb);
`;

const INSERT_COLUMNS = `global_position, transaction_id, event_id, stream_id, version, tenant_id, type, schema_version,
  occurred_at, recorded_at, actor, legal_basis, causation_id, correlation_id, command_id, command_seq, payload, prev_hash, hash`;
const PER_ROW = 17;
const insertSql = new Map<number, string>();

/** INSERT of n events of one append; positions are xid × 4096 + index (at most 1000 events per append). */
export function insertEventsSql(n: number): string {
  let sql = insertSql.get(n);
  if (!sql) {
    const rows = Array.from({ length: n }, (_, i) => {
      const p = (k: number) => `$${i * PER_ROW + k}`;
      return `(pg_current_xact_id()::text::bigint * 4096 + ${i}, pg_current_xact_id(), ${p(1)}::uuid, ${p(2)}, ${p(3)}::integer, ${p(4)}, ${p(5)}, ${p(6)}::integer,
        ${p(7)}, ${p(8)}, ${p(9)}::jsonb, ${p(10)}::jsonb, ${p(11)}, ${p(12)}, ${p(13)}, ${p(14)}::integer, ${p(15)}::jsonb, ${p(16)}, ${p(17)})`;
    });
    sql = `INSERT INTO spbe_events (${INSERT_COLUMNS}) VALUES ${rows.join(',\n')} RETURNING global_position`;
    insertSql.set(n, sql);
  }
  return sql;
}

export const EVENT_COLUMNS = `global_position, event_id, stream_id, version, tenant_id, type, schema_version, occurred_at,
  recorded_at, actor, legal_basis, causation_id, correlation_id, command_id, payload, prev_hash, hash`;

/** Visible to global-order readers: committed, and older than every transaction still running. */
export const SAFE = `transaction_id < pg_snapshot_xmin(pg_current_snapshot())`;
