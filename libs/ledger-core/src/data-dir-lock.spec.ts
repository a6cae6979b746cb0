import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { ConfigError } from './config';
import { acquireDataDirLock, DataDirLockedError } from './data-dir-lock';
import { embeddedEventStore } from './event-store/pglite';

/** A pid that belonged to a process which has exited. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', '']);
  return r.pid as number;
}

describe('the data directory lock (one writer per DATA_DIR)', () => {
  let dir: string;
  const lockFile = () => join(dir, '.lock');
  const holder = (pid: number, host = hostname()) => writeFileSync(lockFile(), JSON.stringify({ pid, hostname: host, startedAt: '2025-01-02T03:04:05.000Z' }));
  const refusal = () => {
    try {
      acquireDataDirLock(dir);
    } catch (err) {
      return err as DataDirLockedError;
    }
    throw new Error('the lock was granted');
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'spbe-lock-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates DATA_DIR/.lock naming this process, and removes it on release', () => {
    const lock = acquireDataDirLock(dir);
    const content = JSON.parse(readFileSync(lockFile(), 'utf8'));
    expect(content).toMatchObject({ pid: process.pid, hostname: hostname() });
    expect(Date.parse(content.startedAt)).toBeGreaterThan(Date.now() - 60_000);
    lock.release();
    expect(existsSync(lockFile())).toBe(false);
    lock.release();
    acquireDataDirLock(dir).release();
  });

  it('creates a missing data directory', () => {
    const nested = join(dir, 'a', 'b');
    const lock = acquireDataDirLock(nested);
    expect(existsSync(join(nested, '.lock'))).toBe(true);
    lock.release();
  });

  it('refuses a second acquire while held, with one line naming the directory and the holder\'s pid', () => {
    const lock = acquireDataDirLock(dir);
    const err = refusal();
    expect(err).toBeInstanceOf(DataDirLockedError);
    expect(err).toBeInstanceOf(ConfigError);
    expect(err.message).toContain(dir);
    expect(err.message).toContain(`pid ${process.pid}`);
    expect(err.message).toMatch(/^DATA_DIR: direktori data .+ \/ data directory .+/);
    expect(err.message).not.toContain('\n');
    // Printed by Nest's ExceptionHandler (util.inspect) when a provider factory throws it: still one line.
    expect(inspect(err)).toContain(err.message);
    expect(inspect(err)).not.toContain('\n');
    lock.release();
    acquireDataDirLock(dir).release();
  });

  it('refuses a lock held by another live process of this host', () => {
    holder(process.ppid);
    const err = refusal();
    expect(err).toBeInstanceOf(DataDirLockedError);
    expect(err.message).toContain(`pid ${process.ppid}`);
    expect(err.message).toContain(dir);
    expect(JSON.parse(readFileSync(lockFile(), 'utf8')).pid).toBe(process.ppid);
  });

  it('recovers a stale lock whose pid is dead', () => {
    holder(deadPid());
    const lock = acquireDataDirLock(dir);
    expect(JSON.parse(readFileSync(lockFile(), 'utf8')).pid).toBe(process.pid);
    lock.release();
  });

  it('recovers a lock left with this process\'s own pid by an earlier run (a container restarted as the same pid)', () => {
    holder(process.pid);
    const lock = acquireDataDirLock(dir);
    expect(() => acquireDataDirLock(dir)).toThrow(DataDirLockedError);
    lock.release();
  });

  it('recovers an empty or unreadable lock file (a crash while it was being written)', () => {
    writeFileSync(lockFile(), '');
    acquireDataDirLock(dir).release();
    writeFileSync(lockFile(), '{"pid":');
    acquireDataDirLock(dir).release();
  });

  it('refuses a lock of another host, naming the host and the file to remove', () => {
    holder(deadPid(), 'server-lain');
    const err = refusal();
    expect(err).toBeInstanceOf(DataDirLockedError);
    expect(err.message).toContain('server-lain');
    expect(err.message).toContain(lockFile());
    expect(err.message).toContain('pid ');
    expect(err.message).not.toContain('\n');
    expect(existsSync(lockFile())).toBe(true);
  });

  it('does not remove on release a lock that another process has taken over', () => {
    const lock = acquireDataDirLock(dir);
    holder(process.ppid);
    lock.release();
    expect(JSON.parse(readFileSync(lockFile(), 'utf8')).pid).toBe(process.ppid);
  });

  it('is held by the embedded event store until it is closed', async () => {
    const store = await embeddedEventStore(join(dir, 'events'), { lockDir: dir });
    await store.init();
    await expect(embeddedEventStore(join(dir, 'events'), { lockDir: dir })).rejects.toThrow(`pid ${process.pid}`);
    await store.close();
    expect(existsSync(lockFile())).toBe(false);
    const again = await embeddedEventStore(join(dir, 'events'), { lockDir: dir });
    await again.close();
  });
});
