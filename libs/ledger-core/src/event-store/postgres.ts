import { Pool, PoolConfig } from 'pg';
import { SqlClient, SqlEventStore, SqlEventStoreOptions } from './sql-event-store';

export function pgClient(pool: Pool): SqlClient {
  return {
    query: async (sql, params, name) => (name ? pool.query({ name, text: sql, values: params as unknown[] }) : pool.query(sql, params as unknown[])) as never,
    exec: async (sql) => {
      // Schema creation from several processes at once: serialise it with an advisory lock.
      const client = await pool.connect();
      try {
        await client.query('SELECT pg_advisory_lock(4242001)');
        await client.query(sql);
      } finally {
        await client.query('SELECT pg_advisory_unlock(4242001)').catch(() => undefined);
        client.release();
      }
    },
    transaction: async (fn) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn((sql, params, name) => (name ? client.query({ name, text: sql, values: params as unknown[] }) : client.query(sql, params as unknown[])) as never);
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/** Event store on a PostgreSQL server (`POSTGRES_URL`). */
export function postgresEventStore(url: string, options: SqlEventStoreOptions & { pool?: PoolConfig } = {}): SqlEventStore {
  const pool = new Pool({ connectionString: url, max: 20, ...options.pool });
  pool.on('error', () => undefined); // idle-client errors surface on the next query instead of crashing
  return new SqlEventStore('postgres', pgClient(pool), options);
}
