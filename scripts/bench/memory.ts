/**
 * npm run bench:memory — peak RSS of the all-in-one app holding 100,000 events (target < 700 MB),
 * and the idle RSS of each distributed service (target < 250 MB) when scripts/infra's servers
 * are reachable. The events are written into a fresh embedded store first; the app then starts on
 * it, re-publishes the whole log to its in-process bus and rebuilds its in-memory read models —
 * the heaviest moment of its life — and serves appends and audit-trail queries over HTTP.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { embeddedEventStore, issueToken, loadConfig, SYSTEM_ACTOR } from '@spbe/ledger-core';
import { loadInfraEnv, machine, writeSection } from './report';

const root = join(__dirname, '..', '..', '..');
const EVENTS = Number(process.env.BENCH_EVENTS ?? 100_000);

function rssMb(pid: number): { rss: number; hwm: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
}

async function waitHealthy(url: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const ok = await fetch(url).then((r) => r.ok).catch(() => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} not healthy within ${timeoutMs} ms`);
}

function start(app: string, env: Record<string, string>): ChildProcess {
  const p = spawn('node', [`dist/apps/${app}/src/main.js`], { cwd: root, env: { ...process.env, NODE_ENV: 'production', ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
  return p;
}

async function stop(p: ChildProcess): Promise<void> {
  p.kill('SIGTERM');
  await new Promise((r) => (p.exitCode !== null ? r(null) : p.once('exit', r)));
}

async function allInOne(): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'spbe-bench-mem-'));
  try {
    const t0 = performance.now();
    const store = await embeddedEventStore(join(dataDir, 'events'));
    await store.init();
    const perAppend = 100;
    for (let i = 0; i < EVENTS / perAppend; i++) {
      await store.append({
        streamId: `kota-bench:registry.application:app-${i}`,
        expectedVersion: 'no-stream',
        events: Array.from({ length: perAppend }, (_, k) => ({
          type: 'ApplicationReviewed',
          payload: { applicationId: `app-${i}`, review: k, note: `Catatan reviu ke-${k} atas aplikasi app-${i} oleh Dinas Kominfo`, ownerUnitId: 'dinas-kominfo' },
          legalBasis: { regulation: 'kupang-perwali-11-2025', article: 'Pasal 48(1)' },
        })),
        context: { actor: SYSTEM_ACTOR },
      });
    }
    await store.close();
    const loadSecs = (performance.now() - t0) / 1000;

    const port = 39000 + Math.floor(Math.random() * 500);
    const app = start('ledger', { PORT: String(port), DATA_DIR: dataDir });
    const t1 = performance.now();
    await waitHealthy(`http://127.0.0.1:${port}/health`, 120_000);
    const config = loadConfig({});
    const token = await issueToken({ sub: 'u', name: 'Inspektorat', tenant: 'kota-bench', roles: ['inspektorat'] }, config.auth);
    // Wait until the audit trail holds every event (the projection has caught up).
    let lag = Infinity;
    while (lag > 0) {
      const h = (await (await fetch(`http://127.0.0.1:${port}/health`)).json()) as { projections?: { lag?: Record<string, number> } };
      lag = h.projections?.lag?.['audit-trail'] ?? Infinity;
      if (performance.now() - t1 > 600_000) throw new Error('projection did not catch up in 10 minutes');
      await new Promise((r) => setTimeout(r, 500));
    }
    const readySecs = (performance.now() - t1) / 1000;
    const q0 = performance.now();
    for (let i = 0; i < 50; i++) {
      await fetch(`http://127.0.0.1:${port}/api/reporting/tenants/kota-bench/audit-trail?limit=50&entity=kota-bench:registry.application:app-${i}`, { headers: { authorization: `Bearer ${token}` } });
    }
    const queryMs = (performance.now() - q0) / 50;
    const mem = rssMb(app.pid as number);
    await stop(app);
    return `All-in-one app with ${EVENTS.toLocaleString('en-US')} events (embedded store on disk, in-memory bus and read models):
loading them took ${loadSecs.toFixed(1)} s; the app was healthy and its audit trail caught up ${readySecs.toFixed(1)} s after start;
a filtered audit-trail page took ${queryMs.toFixed(1)} ms on average (in-memory read model).
**Peak RSS ${mem.hwm.toFixed(0)} MB** (target < 700 MB), RSS after the queries ${mem.rss.toFixed(0)} MB.`;
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}


async function distributed(): Promise<string> {
  loadInfraEnv();
  if (!(process.env.POSTGRES_URL && process.env.KAFKA_BROKERS && process.env.MONGO_URL)) return 'Distributed services: skipped (POSTGRES_URL, KAFKA_BROKERS and MONGO_URL not set; run scripts/infra/up).';
  const run = `mem${Date.now().toString(36)}`;
  const admin = new Client({ connectionString: process.env.POSTGRES_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE spbe_${run}`);
  const dbUrl = new URL(process.env.POSTGRES_URL as string);
  dbUrl.pathname = `/spbe_${run}`;
  const apps = ['architecture-registry', 'audit-scheduler', 'evaluation-scoring', 'reporting'];
  const procs: Array<[string, ChildProcess, number]> = apps.map((app, i) => {
    const port = 39600 + i;
    return [app, start(app, { PORT: String(port), EVENT_STORE: 'postgres', POSTGRES_URL: dbUrl.toString(), BUS: 'kafka', READ_MODELS: 'mongo', MONGO_DB: `spbe_${run}`, KAFKA_TOPIC_PREFIX: `${run}.`, REPORTING_GROUP_ID: `g-${run}` }), port];
  });
  try {
    for (const [, , port] of procs) await waitHealthy(`http://127.0.0.1:${port}/health`, 60_000);
    await new Promise((r) => setTimeout(r, 10_000));
    const rows = procs.map(([app, p]) => {
      const m = rssMb(p.pid as number);
      return `| ${app} | ${m.rss.toFixed(0)} | ${m.hwm.toFixed(0)} |`;
    });
    return `Distributed services idle (10 s after ready, on PostgreSQL + Kafka + FerretDB; target < 250 MB RSS each):

| service | RSS MB | peak RSS MB |
| --- | ---: | ---: |
${rows.join('\n')}`;
  } finally {
    for (const [, p] of procs) await stop(p);
    await admin.query(`DROP DATABASE IF EXISTS spbe_${run} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
  }
}

async function main() {
  const body = `Run ${new Date().toISOString()} on ${machine()}.\n\n${await allInOne()}\n\n${await distributed()}`;
  console.log(body);
  writeSection('Memory (npm run bench:memory)', body);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
