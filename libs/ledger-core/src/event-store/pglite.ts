import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { acquireDataDirLock, DataDirLock } from '../data-dir-lock';
import { SqlClient, SqlEventStore, SqlEventStoreOptions } from './sql-event-store';

export function pgliteClient(db: PGlite, onClose?: () => void): SqlClient {
  return {
    query: async (sql, params) => (await db.query(sql, params as unknown[])) as never,
    exec: async (sql) => {
      await db.exec(sql);
    },
    transaction: (fn) => db.transaction((tx) => fn(async (sql, params) => (await tx.query(sql, params as unknown[])) as never)),
    close: async () => {
      try {
        await db.close();
      } finally {
        onClose?.();
      }
    },
  };
}

export interface EmbeddedEventStoreOptions extends SqlEventStoreOptions {
  /**
   * The data directory to lock for this store's lifetime (DATA_DIR; one writer per directory): taken
   * before PGlite opens its files, released by close(). A directory another live process holds is
   * refused with a ConfigError naming it and the holder's pid.
   */
  lockDir?: string;
}

/**
 * The embedded event store: PGlite (PostgreSQL compiled to WebAssembly) in `dataDir`, or in memory
 * when `dataDir` is undefined. Same SQL as the PostgreSQL adapter.
 */
export async function embeddedEventStore(dataDir: string | undefined, options: EmbeddedEventStoreOptions = {}): Promise<SqlEventStore> {
  const { lockDir, ...sqlOptions } = options;
  const lock: DataDirLock | undefined = lockDir ? acquireDataDirLock(lockDir) : undefined;
  try {
    if (dataDir) mkdirSync(dataDir, { recursive: true });
    const db = await PGlite.create(dataDir ? { dataDir } : {});
    return new SqlEventStore('embedded', pgliteClient(db, () => lock?.release()), { pollMs: 50, ...sqlOptions });
  } catch (err) {
    lock?.release();
    throw err;
  }
}
