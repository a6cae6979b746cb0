import { randomUUID } from 'node:crypto';
import { closeSync, linkSync, mkdirSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { inspect } from 'node:util';
import { ConfigError } from './config';

/** The content of `DATA_DIR/.lock`. */
export interface DataDirLockHolder {
  pid: number;
  hostname: string;
  startedAt: string;
  /** Random per acquisition: release removes only its own lock. */
  token?: string;
}

export interface DataDirLock {
  readonly dir: string;
  readonly file: string;
  /** Removes the lock file if it is still this holder's. Idempotent. */
  release(): void;
}

/**
 * A data directory another process holds: a ConfigError, so `runMain` prints it as one line. Its
 * inspection is that line too: Nest's ExceptionHandler logs an error raised while the providers are
 * created with `util.inspect`, which would otherwise add the stack and the fields.
 */
export class DataDirLockedError extends ConfigError {
  constructor(
    readonly dir: string,
    readonly file: string,
    readonly holder: DataDirLockHolder,
  ) {
    super('DATA_DIR', lockedMessage(dir, file, holder));
  }

  [inspect.custom](): string {
    return `${this.name}: ${this.message}`;
  }
}

export const DATA_DIR_LOCK_FILE = '.lock';

/** Lock files this process holds (file → token); a lock with our own pid that is not here is stale. */
const held = new Map<string, string>();

const UNREADABLE_GRACE_MS = 500;

function lockedMessage(dir: string, file: string, h: DataDirLockHolder): string {
  const since = h.startedAt ? `, sejak ${h.startedAt}` : '';
  const sinceEn = h.startedAt ? `, since ${h.startedAt}` : '';
  if (h.hostname !== hostname()) {
    return (
      `direktori data ${dir} dikunci oleh pid ${h.pid} di host lain ${h.hostname}${since}; jika proses itu sudah berhenti, hapus ${file} / ` +
      `data directory ${dir} is locked by pid ${h.pid} on another host ${h.hostname}${sinceEn}; if that process has stopped, delete ${file}`
    );
  }
  return (
    `direktori data ${dir} sedang dipakai proses lain (pid ${h.pid}${since}); hentikan proses itu atau pakai DATA_DIR lain / ` +
    `data directory ${dir} is in use by another process (pid ${h.pid}${sinceEn}); stop it or use another DATA_DIR`
  );
}

function code(err: unknown): string | undefined {
  return (err as NodeJS.ErrnoException)?.code;
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Creates the lock file atomically (`wx`); false when it already exists. */
function tryCreate(file: string, me: DataDirLockHolder): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx', 0o644);
  } catch (err) {
    if (code(err) === 'EEXIST') return false;
    throw new ConfigError('DATA_DIR', `berkas kunci ${file} tidak dapat dibuat (${code(err) ?? String(err)}) / cannot create the lock file ${file} (${code(err) ?? String(err)})`);
  }
  try {
    writeSync(fd, `${JSON.stringify(me)}\n`);
  } finally {
    closeSync(fd);
  }
  return true;
}

/** The raw text and the parsed holder (undefined when unreadable), or null when the file is gone. */
function readHolder(file: string): { raw: string; holder?: DataDirLockHolder } | null {
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch (err) {
    if (code(err) === 'ENOENT') return null;
    throw err;
  }
  try {
    const h = JSON.parse(raw) as DataDirLockHolder;
    if (Number.isInteger(h?.pid) && h.pid > 0 && typeof h.hostname === 'string') return { raw, holder: h };
  } catch {
    // Half written (the holder is between open and write) or corrupt.
  }
  return { raw };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return code(err) !== 'ESRCH';
  }
}

/** Whether a lock may be taken over: its holder (on this host) is dead, or it is our own pid from an earlier run. */
function isStale(file: string, h: DataDirLockHolder): boolean {
  if (h.hostname !== hostname()) return false;
  if (h.pid === process.pid) return !held.has(file);
  return !isAlive(h.pid);
}

/**
 * Removes a stale lock without racing another process that recovers it at the same time: the file
 * is renamed aside (only one process can), and put back if it turns out not to be the stale one.
 */
function removeStale(file: string, staleRaw: string): void {
  const aside = `${file}.stale-${process.pid}-${randomUUID()}`;
  try {
    renameSync(file, aside);
  } catch (err) {
    if (code(err) === 'ENOENT') return;
    throw err;
  }
  try {
    if (readFileSync(aside, 'utf8') !== staleRaw) linkSync(aside, file);
  } catch {
    // Another lock appeared meanwhile: it wins.
  } finally {
    unlinkSync(aside);
  }
}

/**
 * Takes the exclusive lock on a data directory: `dir/.lock`, created atomically, holding
 * `{pid, hostname, startedAt}`. Throws DataDirLockedError (a ConfigError naming the directory and the
 * holder's pid) while another live process holds it. A lock whose pid is dead on this host is stale
 * and taken over; a lock of another host is never judged from here (refused, naming it).
 */
export function acquireDataDirLock(dir: string): DataDirLock {
  const abs = resolve(dir);
  mkdirSync(abs, { recursive: true });
  const file = join(abs, DATA_DIR_LOCK_FILE);
  let unreadableSince: number | undefined;
  for (let attempt = 0; attempt < 100; attempt++) {
    const me: DataDirLockHolder = { pid: process.pid, hostname: hostname(), startedAt: new Date().toISOString(), token: randomUUID() };
    if (tryCreate(file, me)) {
      held.set(file, me.token as string);
      return { dir: abs, file, release: () => release(file, me.token as string) };
    }
    const found = readHolder(file);
    if (found === null) continue;
    if (found.holder) {
      if (!isStale(file, found.holder)) throw new DataDirLockedError(abs, file, found.holder);
      removeStale(file, found.raw);
      continue;
    }
    // Unreadable: give a holder that is writing it a moment, then treat it as left by a crash.
    unreadableSince ??= Date.now();
    if (Date.now() - unreadableSince < UNREADABLE_GRACE_MS) {
      sleepSync(25);
      continue;
    }
    removeStale(file, found.raw);
    unreadableSince = undefined;
  }
  throw new ConfigError('DATA_DIR', `kunci direktori data ${abs} tidak dapat diambil (${file}) / could not take the lock on data directory ${abs} (${file})`);
}

function release(file: string, token: string): void {
  if (held.get(file) !== token) return;
  held.delete(file);
  const found = readHolder(file);
  if (found?.holder?.token !== token) return;
  try {
    unlinkSync(file);
  } catch (err) {
    if (code(err) !== 'ENOENT') throw err;
  }
}
