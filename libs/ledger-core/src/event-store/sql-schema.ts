/**
 * One schema for PostgreSQL and PGlite (the same engine compiled to WebAssembly).
 *
 * Global order without skips: an event's global position is its transaction id (xid8) × 4096 plus
 * its index in the append. Readers return only events whose transaction id is below the xmin of the
 * current snapshot, i.e. older than every transaction still in progress. A transaction that commits
 * late has a smaller id than xmin only once it is finished, and every transaction that starts later
 * gets a larger id — so positions handed out to a reader never have an unseen event below them.
 * (The same idea as Marten's high-water mark and Emmett's `transaction_id < pg_snapshot_xmin(...)`.)
 * Positions are therefore increasing but not contiguous. An append takes a per-stream advisory lock
 * before its first write, so a stream's later version always gets a larger transaction id.
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
CREATE UNIQUE INDEX IF NOT EXISTS spbe_events_command ON spbe_events (command_id) WHERE command_seq = 0;
CREATE INDEX IF NOT EXISTS spbe_events_command_all ON spbe_events (command_id) WHERE command_id IS NOT NULL;

CREATE TABLE IF NOT EXISTS spbe_checkpoints (
  name text PRIMARY KEY,
  position bigint NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE OR REPLACE FUNCTION spbe_append(p_stream text, p_tenant text, p_expected integer, p_expected_hash text, p_command text, p_events jsonb)
RETURNS SETOF bigint LANGUAGE plpgsql AS $fn$
DECLARE
  head_version integer;
  head_hash text;
  base bigint;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended(p_stream, 0));
  IF p_command IS NOT NULL AND EXISTS (SELECT 1 FROM spbe_events e WHERE e.command_id = p_command AND e.command_seq = 0) THEN
    RAISE EXCEPTION 'command % already recorded', p_command USING ERRCODE = 'SPB02';
  END IF;
  SELECT e.version, e.hash INTO head_version, head_hash FROM spbe_events e WHERE e.stream_id = p_stream ORDER BY e.version DESC LIMIT 1;
  IF coalesce(head_version, -1) <> p_expected OR coalesce(head_hash, '') <> coalesce(p_expected_hash, '') THEN
    RAISE EXCEPTION '%', coalesce(head_version, -1) USING ERRCODE = 'SPB01';
  END IF;
  base := pg_current_xact_id()::text::bigint * 4096;
  RETURN QUERY
  INSERT INTO spbe_events (global_position, transaction_id, event_id, stream_id, version, tenant_id, type, schema_version,
      occurred_at, recorded_at, actor, legal_basis, causation_id, correlation_id, command_id, command_seq, payload, prev_hash, hash)
  SELECT base + x.seq, pg_current_xact_id(), x.event_id, p_stream, x.version, p_tenant, x.type, x.schema_version,
      x.occurred_at, x.recorded_at, x.actor, x.legal_basis, x.causation_id, x.correlation_id, p_command,
      CASE WHEN p_command IS NULL THEN NULL ELSE x.seq END, x.payload, x.prev_hash, x.hash
  FROM jsonb_to_recordset(p_events) AS x(seq integer, event_id uuid, version integer, type text, schema_version integer,
      occurred_at text, recorded_at text, actor jsonb, legal_basis jsonb, causation_id text, correlation_id text,
      payload jsonb, prev_hash text, hash text)
  ORDER BY x.seq
  RETURNING global_position;
END
$fn$;
`;

export const EVENT_COLUMNS = `global_position, event_id, stream_id, version, tenant_id, type, schema_version, occurred_at,
  recorded_at, actor, legal_basis, causation_id, correlation_id, command_id, payload, prev_hash, hash`;

/** Visible to global-order readers: committed, and older than every transaction still running. */
export const SAFE = `transaction_id < pg_snapshot_xmin(pg_current_snapshot())`;
