import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { SqlClient, SqlEventStore, SqlEventStoreOptions } from './sql-event-store';

export function pgliteClient(db: PGlite): SqlClient {
  return {
    query: async (sql, params) => (await db.query(sql, params as unknown[])) as never,
    exec: async (sql) => {
      await db.exec(sql);
    },
    transaction: (fn) => db.transaction((tx) => fn(async (sql, params) => (await tx.query(sql, params as unknown[])) as never)),
    close: () => db.close(),
  };
}

/**
 * The embedded event store: PGlite (PostgreSQL compiled to WebAssembly) in `dataDir`, or in memory
 * when `dataDir` is undefined. Same SQL as the PostgreSQL adapter.
 */
export async function embeddedEventStore(dataDir: string | undefined, options: SqlEventStoreOptions = {}): Promise<SqlEventStore> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir ? { dataDir } : {});
  return new SqlEventStore('embedded', pgliteClient(db), { pollMs: 50, ...options });
}
