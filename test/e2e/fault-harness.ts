import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { Kafka, logLevel } from 'kafkajs';
import { waitFor } from '@spbe/ledger-core/testing';

/**
 * Helpers for the fault-injection suite (faults.spec.ts): a private set of servers from scripts/infra
 * (its own INFRA_DIR and ports, so killing them never disturbs the shared servers other suites and
 * other people use at the same time), the distributed apps as processes on it, and HTTP helpers.
 */
export const root = join(__dirname, '..', '..');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export type ServerName = 'postgres' | 'kafka' | 'ferretdb';

/** Ports of the private servers (FAULTS_PG_PORT, FAULTS_KAFKA_PORT, FAULTS_KAFKA_CONTROLLER_PORT, FAULTS_MONGO_PORT). */
export interface PrivateInfraPorts {
  pg: number;
  kafka: number;
  kafkaController: number;
  mongo: number;
}

export function privateInfraPorts(env = process.env): PrivateInfraPorts {
  return {
    pg: Number(env.FAULTS_PG_PORT ?? 55442),
    kafka: Number(env.FAULTS_KAFKA_PORT ?? 19192),
    kafkaController: Number(env.FAULTS_KAFKA_CONTROLLER_PORT ?? 19193),
    mongo: Number(env.FAULTS_MONGO_PORT ?? 27037),
  };
}

/** PostgreSQL, Kafka and FerretDB of scripts/infra in a directory of their own (INFRA_DIR), on their own ports. */
export class PrivateInfra {
  readonly dir = join(root, '.infra', 'faults');
  readonly ports = privateInfraPorts();
  readonly postgresUrl = `postgres://spbe:spbe@127.0.0.1:${this.ports.pg}/spbe`;
  readonly kafkaBrokers = `127.0.0.1:${this.ports.kafka}`;
  readonly mongoUrl = `mongodb://127.0.0.1:${this.ports.mongo}/`;

  /** Runs scripts/infra/<command> for this set (asynchronously: writers keep running meanwhile). */
  run(command: 'up' | 'down' | 'status', ...names: ServerName[]): Promise<{ code: number; output: string; ms: number }> {
    const t0 = Date.now();
    const env = {
      ...process.env,
      INFRA_DIR: this.dir,
      PG_PORT: String(this.ports.pg),
      KAFKA_PORT: String(this.ports.kafka),
      KAFKA_CONTROLLER_PORT: String(this.ports.kafkaController),
      MONGO_PORT: String(this.ports.mongo),
    };
    return new Promise((resolve) => {
      const p = spawn('bash', [join(root, 'scripts', 'infra', command), ...names], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      p.stdout.on('data', (d) => (output += d));
      p.stderr.on('data', (d) => (output += d));
      p.on('close', (code) => resolve({ code: code ?? -1, output, ms: Date.now() - t0 }));
    });
  }

  async up(...names: ServerName[]): Promise<number> {
    const r = await this.run('up', ...names);
    if (r.code !== 0) throw new Error(`scripts/infra/up ${names.join(' ')} (INFRA_DIR=${this.dir}) failed:\n${r.output}`);
    return r.ms;
  }

  async down(...names: ServerName[]): Promise<number> {
    const r = await this.run('down', ...names);
    if (r.code !== 0) throw new Error(`scripts/infra/down ${names.join(' ')} (INFRA_DIR=${this.dir}) failed:\n${r.output}`);
    return r.ms;
  }

  /** SIGKILL to the Kafka broker of this set (its PID file, checked against the process's command line); waits until it is gone. */
  async killKafka(): Promise<number> {
    const pidFile = join(this.dir, 'kafka', 'kafka.pid');
    const pid = Number(readFileSync(pidFile, 'utf8').trim());
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
    if (!cmdline.includes('kafka.Kafka') || !cmdline.includes(this.dir)) throw new Error(`pid ${pid} from ${pidFile} is not this set's Kafka broker: ${cmdline}`);
    process.kill(pid, 'SIGKILL');
    await waitFor(() => !existsSync(`/proc/${pid}`) || readFileSync(`/proc/${pid}/stat`, 'utf8').split(' ')[2] === 'Z', 10_000);
    return pid;
  }

  async createDatabase(name: string): Promise<string> {
    const admin = new Client({ connectionString: this.postgresUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(this.postgresUrl);
    url.pathname = `/${name}`;
    return url.toString();
  }

  async dropDatabase(name: string): Promise<void> {
    const admin = new Client({ connectionString: this.postgresUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
  }

  /** Messages on each topic with the prefix (sum of the partitions' high watermarks). */
  async topicMessages(prefix: string): Promise<Record<string, number>> {
    const admin = new Kafka({ clientId: 'faults-spec', brokers: [this.kafkaBrokers], logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    try {
      const out: Record<string, number> = {};
      for (const topic of (await admin.listTopics()).filter((t) => t.startsWith(prefix))) {
        out[topic.slice(prefix.length)] = (await admin.fetchTopicOffsets(topic)).reduce((n, p) => n + Number(p.high) - Number(p.low), 0);
      }
      return out;
    } finally {
      await admin.disconnect();
    }
  }

  async deleteTopics(prefix: string): Promise<void> {
    const admin = new Kafka({ clientId: 'faults-spec', brokers: [this.kafkaBrokers], logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    try {
      const topics = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
      if (topics.length) await admin.deleteTopics({ topics });
    } finally {
      await admin.disconnect();
    }
  }
}

/** One distributed app (dist/apps/<app>/src/main.js) as a child process. */
export class Service {
  private proc?: ChildProcess;
  log = '';

  constructor(
    readonly app: string,
    readonly port: number,
    private readonly env: Record<string, string | undefined>,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.proc?.pid;
  }

  async start(timeoutMs = 90_000): Promise<number> {
    const t0 = Date.now();
    const p = spawn('node', [`dist/apps/${this.app}/src/main.js`], { cwd: root, env: { ...this.env, PORT: String(this.port) }, stdio: ['ignore', 'pipe', 'pipe'] });
    this.log += `--- start ${new Date().toISOString()} pid ${p.pid}\n`;
    p.stdout?.on('data', (d) => (this.log += d));
    p.stderr?.on('data', (d) => (this.log += d));
    this.proc = p;
    await waitFor(async () => {
      if (p.exitCode !== null || p.signalCode !== null) throw new Error(`${this.app} exited during start (${p.exitCode ?? p.signalCode})\n${this.log}`);
      return (await this.health())?.status === 200;
    }, timeoutMs).catch((err) => {
      throw new Error(`${this.app} did not become ready: ${err.message}\n${this.log.slice(-4000)}`);
    });
    return Date.now() - t0;
  }

  /** /health: status and body, or null when nothing answers. */
  async health(): Promise<{ status: number; body: Record<string, unknown> } | null> {
    const r = await fetch(`${this.url}/health`, { signal: AbortSignal.timeout(5000) }).catch(() => null);
    if (!r) return null;
    return { status: r.status, body: (await r.json().catch(() => ({}))) as Record<string, unknown> };
  }

  /** The projections' lag from /health (head position minus checkpoint), or undefined. */
  async lag(projection: string): Promise<number | undefined> {
    const body = (await this.health())?.body as { projections?: { lag?: Record<string, number> } } | undefined;
    return body?.projections?.lag?.[projection];
  }

  /** Sends a signal to the process and waits for it to exit (SIGKILL after `graceMs`). */
  async kill(signal: NodeJS.Signals = 'SIGTERM', graceMs = 15_000): Promise<void> {
    const p = this.proc;
    if (!p || p.exitCode !== null || p.signalCode !== null) return;
    const exited = new Promise((r) => p.once('exit', r));
    p.kill(signal);
    const timer = setTimeout(() => p.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
    this.log += `--- exited on ${p.signalCode ?? p.exitCode}\n`;
  }
}

/** The env of a distributed app on the private servers, namespaced by run (database, topics, groups). */
export function serviceEnv(infra: PrivateInfra, dbUrl: string, run: string, secret: string): Record<string, string | undefined> {
  return {
    ...process.env,
    HOST: '127.0.0.1',
    EVENT_STORE: 'postgres',
    POSTGRES_URL: dbUrl,
    BUS: 'kafka',
    KAFKA_BROKERS: infra.kafkaBrokers,
    READ_MODELS: 'mongo',
    MONGO_URL: infra.mongoUrl,
    MONGO_DB: `spbe_${run}`,
    KAFKA_CLIENT_ID: `spbe-${run}`,
    KAFKA_TOPIC_PREFIX: `${run}.`,
    REPORTING_GROUP_ID: `spbe-reporting-${run}`,
    AUTH_JWT_SECRET: secret,
    NODE_ENV: 'test',
    AUDIT_OVERDUE_EVERY_MINUTES: '0',
  };
}

export interface Attempt {
  id: string;
  status: number | 'error' | 'timeout';
  /** `error` of the response body (e.g. SERVICE_UNAVAILABLE), or the fetch error. */
  error?: string;
  eventIds: string[];
  startedAt: number;
  endedAt: number;
}

/** POSTs JSON; the status, the body's `error` and `eventIds`. Never throws. */
export async function post(url: string, token: string, body: unknown, timeoutMs = 20_000): Promise<Omit<Attempt, 'id'>> {
  const startedAt = Date.now();
  try {
    const r = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(timeoutMs) });
    const text = await r.text();
    let json: { error?: string; eventIds?: string[] } = {};
    try {
      json = JSON.parse(text);
    } catch {
      json = { error: text.slice(0, 80) };
    }
    return { status: r.status, error: r.status === 201 ? undefined : json.error, eventIds: json.eventIds ?? [], startedAt, endedAt: Date.now() };
  } catch (err) {
    const e = err as Error & { cause?: { code?: string } };
    const timeout = e.name === 'TimeoutError';
    return { status: timeout ? 'timeout' : 'error', error: timeout ? 'timeout' : (e.cause?.code ?? e.message), eventIds: [], startedAt, endedAt: Date.now() };
  }
}

/**
 * Registers units as fast as `concurrency` loops allow until stop() is called; every attempt is
 * recorded (status, eventIds, time), so a test knows exactly which writes were acknowledged.
 */
export function unitWriter(registryUrl: string, tenant: string, token: string, options: { concurrency?: number; prefix?: string; pauseMs?: number; max?: number } = {}) {
  const attempts: Attempt[] = [];
  let stopped = false;
  let n = 0;
  const prefix = options.prefix ?? 'opd';
  const loop = async () => {
    while (!stopped && n < (options.max ?? Infinity)) {
      const id = `${prefix}-${String(++n).padStart(5, '0')}`;
      const a = await post(`${registryUrl}/api/registry/tenants/${tenant}/units`, token, { unitId: id, name: `Perangkat Daerah ${id}`, kind: 'opd' });
      attempts.push({ id, ...a });
      if (a.status !== 201) await sleep(100); // a client backing off while the service is unavailable
      else if (options.pauseMs) await sleep(options.pauseMs);
    }
  };
  const loops = Array.from({ length: options.concurrency ?? 4 }, loop);
  return {
    attempts,
    /** Resolves when `max` writes were attempted. */
    done: () => Promise.all(loops).then(() => attempts),
    acknowledged: () => attempts.filter((a) => a.status === 201),
    stop: async () => {
      stopped = true;
      await Promise.all(loops);
      return attempts;
    },
  };
}

/** Every audit-trail row of a tenant, following nextCursor (null while reporting does not know the tenant yet). */
export async function auditTrail(reportingUrl: string, tenant: string, token: string): Promise<Array<Record<string, unknown> & { eventId: string }> | null> {
  const rows: Array<Record<string, unknown> & { eventId: string }> = [];
  let cursor: string | null = null;
  for (;;) {
    const q: string = cursor ? `&cursor=${cursor}` : '';
    const r = await fetch(`${reportingUrl}/api/reporting/tenants/${tenant}/audit-trail?limit=200${q}`, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(15_000) }).catch(() => null);
    if (!r || r.status !== 200) return null;
    const page = (await r.json()) as { items: Array<Record<string, unknown> & { eventId: string }>; nextCursor: string | null };
    rows.push(...page.items);
    if (!page.nextCursor) return rows;
    cursor = page.nextCursor;
  }
}

/**
 * Waits until the audit trail holds every expected event id (or the timeout); returns the last rows
 * read. Reading every page is costly on FerretDB, so it starts once the projection's lag is 0.
 */
export async function waitForAuditTrail(reporting: Service, tenant: string, token: string, expected: Set<string>, timeoutMs: number) {
  const t0 = Date.now();
  const reportingUrl = reporting.url;
  let rows: Array<Record<string, unknown> & { eventId: string }> = [];
  while (Date.now() - t0 < timeoutMs && (await reporting.lag('audit-trail')) !== 0) await sleep(500);
  for (;;) {
    rows = (await auditTrail(reportingUrl, tenant, token)) ?? rows;
    const have = new Set(rows.map((r) => r.eventId));
    if ([...expected].every((id) => have.has(id))) break;
    if (Date.now() - t0 > timeoutMs) break;
    await sleep(2000);
  }
  return { rows, ms: Date.now() - t0 };
}

/** Lost (expected, not in rows), unexpected (in rows, not expected) and duplicated event ids. */
export function compareIds(expected: Iterable<string>, rows: Array<{ eventId: string }>) {
  const want = new Set(expected);
  const seen = new Map<string, number>();
  for (const r of rows) seen.set(r.eventId, (seen.get(r.eventId) ?? 0) + 1);
  return {
    lost: [...want].filter((id) => !seen.has(id)),
    unexpected: [...seen.keys()].filter((id) => !want.has(id)),
    duplicates: [...seen.values()].reduce((n, c) => n + (c - 1), 0),
  };
}

/** "201×412 503×37" */
export function statusHistogram(attempts: Array<Pick<Attempt, 'status' | 'error'>>): string {
  const counts = new Map<string, number>();
  for (const a of attempts) {
    const key = a.status === 201 ? '201' : `${a.status}${a.error ? ` ${a.error}` : ''}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([k, n]) => `${k}×${n}`).join(', ') || 'none';
}

export { sleep };

/** JSON with object keys sorted and every array sorted by its elements' canonical JSON: equal sets compare equal. */
export function canonicalSet(value: unknown): string {
  const norm = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(norm).map((x) => JSON.stringify(x)).sort().map((x) => JSON.parse(x));
    if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, norm((v as Record<string, unknown>)[k])]));
    return v;
  };
  return JSON.stringify(norm(value));
}

/** What two JSON documents differ in, as sets: per top-level key, the array elements only in one of them (or the key's values). */
export function setDifference(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, { onlyBefore: unknown[]; onlyAfter: unknown[] }> {
  const out: Record<string, { onlyBefore: unknown[]; onlyAfter: unknown[] }> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const b = before[key];
    const a = after[key];
    if (Array.isArray(b) && Array.isArray(a)) {
      const bs = b.map(canonicalSet);
      const as = a.map(canonicalSet);
      const onlyBefore = b.filter((_, i) => !as.includes(bs[i]));
      const onlyAfter = a.filter((_, i) => !bs.includes(as[i]));
      if (onlyBefore.length || onlyAfter.length || bs.length !== as.length) out[key] = { onlyBefore, onlyAfter };
    } else if (canonicalSet(b) !== canonicalSet(a)) {
      out[key] = { onlyBefore: [b], onlyAfter: [a] };
    }
  }
  return out;
}
