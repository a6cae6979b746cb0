import { ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ConfigError, loadConfig } from '@spbe/ledger-core';
import { createEventStore } from '@spbe/platform';

const run = promisify(execFile);

interface Started {
  proc: ChildProcess;
  output(): { stdout: string; stderr: string };
  /** Resolves once the app prints its start line; rejects when it exits first. */
  ready: Promise<void>;
  exited: Promise<number | null>;
}

/**
 * Issue 12 item 6, with real processes: the all-in-one app (`node dist/apps/ledger/src/main.js`, what
 * `npm start` runs) holds DATA_DIR; a second one on the same directory refuses to start with one line.
 */
describe('one writer per data directory (two processes)', () => {
  const root = join(__dirname, '..', '..', '..');
  const dataDir = mkdtempSync(join(tmpdir(), 'spbe-one-writer-'));
  const env = { ...process.env, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', EVENT_STORE: 'embedded', BUS: 'memory', READ_MODELS: 'memory', NODE_ENV: 'test' };
  const children: ChildProcess[] = [];

  function start(): Started {
    const proc = spawn(process.execPath, ['dist/apps/ledger/src/main.js'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(proc);
    let stdout = '';
    let stderr = '';
    proc.stdout?.on('data', (d) => (stdout += d));
    proc.stderr?.on('data', (d) => (stderr += d));
    const exited = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
    const ready = new Promise<void>((resolve, reject) => {
      proc.stdout?.on('data', () => stdout.includes('SPBE Governance Ledger:') && resolve());
      void exited.then((code) => reject(new Error(`the app exited (${code}) before it started:\n${stdout}${stderr}`)));
    });
    ready.catch(() => undefined);
    return { proc, output: () => ({ stdout, stderr }), ready, exited };
  }

  beforeAll(async () => {
    await run(process.execPath, ['scripts/build.mjs', '--quiet'], { cwd: root });
  }, 120_000);

  afterAll(async () => {
    for (const p of children) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses a second process with one line naming the directory and the holder\'s pid, recovers the lock of a killed holder, and releases it on shutdown', async () => {
    const first = start();
    await first.ready;
    const lock = JSON.parse(readFileSync(join(dataDir, '.lock'), 'utf8'));
    expect(lock.pid).toBe(first.proc.pid);

    const second = start();
    expect(await second.exited).toBe(1);
    // One line: runMain's `configuration error: …` on stderr and/or the JSON log line of the provider
    // that failed on stdout; every line printed is the refusal (no stack, no other noise under NODE_ENV=test).
    const { stdout, stderr } = second.output();
    const lines = (text: string) => text.split('\n').filter((l) => l.trim() !== '');
    expect(lines(stdout).length + lines(stderr).length).toBeGreaterThan(0);
    expect(lines(stdout).length).toBeLessThanOrEqual(1);
    expect(lines(stderr).length).toBeLessThanOrEqual(1);
    for (const line of [...lines(stdout), ...lines(stderr)]) {
      expect(line).toContain(`DATA_DIR: direktori data ${dataDir} sedang dipakai proses lain (pid ${first.proc.pid}, `);
      expect(line).toContain(`/ data directory ${dataDir} is in use by another process (pid ${first.proc.pid}, `);
    }
    if (lines(stderr).length > 0) expect(stderr).toMatch(/^configuration error: DATA_DIR: /);

    // The function the app uses to open its store refuses in this process too, before touching PGlite.
    const config = loadConfig({ DATA_DIR: dataDir });
    const refused = await createEventStore(config).catch((e) => e);
    expect(refused).toBeInstanceOf(ConfigError);
    expect(refused.message).toContain(`pid ${first.proc.pid}`);

    // A holder that dies without shutting down leaves a stale lock: the next start recovers it.
    first.proc.kill('SIGKILL');
    await first.exited;
    expect(existsSync(join(dataDir, '.lock'))).toBe(true);
    const third = start();
    await third.ready;
    expect(JSON.parse(readFileSync(join(dataDir, '.lock'), 'utf8')).pid).toBe(third.proc.pid);

    // A clean shutdown (SIGTERM → Nest shutdown hooks → the event store's close) releases it.
    third.proc.kill('SIGTERM');
    await third.exited;
    expect(existsSync(join(dataDir, '.lock'))).toBe(false);
    const store = await createEventStore(config);
    await store.close();
    expect(existsSync(join(dataDir, '.lock'))).toBe(false);
  }, 120_000);
});
