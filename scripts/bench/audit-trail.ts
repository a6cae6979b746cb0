/**
 * npm run bench:audit-trail — filtered audit-trail pages over 1,000,000 events in the MongoDB-API
 * read-model store (target: p95 < 100 ms per page). The rows are what the audit-trail projection
 * writes (toAuditTrailRow over synthetic events of five Pemdas, ~40 event types, 150 actors each,
 * three years), loaded once into `spbe_bench_audit_trail` (reused by later runs while the count
 * matches); each query goes through the product's own path: buildAuditTrailFilter → ReadModelStore.find
 * sorted by sortKey with limit + 1, exactly as the controller does.
 * Env: MONGO_URL (default: scripts/infra's .infra/env), BENCH_EVENTS (1000000), BENCH_QUERIES (60 per shape), BENCH_WARMUP (5),
 * BENCH_SHAPE_SECONDS (60: a shape stops early, after at least one timed run, once it has used this much).
 * Each shape's server plan is recorded too (FerretDB reports whether filter, sort and limit were pushed down to PostgreSQL).
 */
import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { EventEnvelope } from '@spbe/ledger-core';
import { MongoReadModelStore } from '@spbe/read-models';
import { AUDIT_TRAIL, auditTrailProjection, AuditTrailQuery, AuditTrailRow, buildAuditTrailFilter, encodeCursor, toAuditTrailRow } from '@spbe/reporting-feature';
import { loadInfraEnv, machine, percentile, writeSection } from './report';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 60);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 5);
/** Time budget per shape: once spent, the shape stops after its first timed run (a server that scans everything would take hours). */
const SHAPE_SECONDS = Number(process.env.BENCH_SHAPE_SECONDS ?? 60);
const DB = 'spbe_bench_audit_trail';
const TENANTS = ['kota-kupang', 'kota-pasuruan', 'kota-samarinda', 'kota-dumai', 'kabupaten-mojokerto'];
const TYPES: [string, string, string | null][] = [
  ['UnitRegistered', 'unit', null], ['OfficialAppointed', 'appointment', 'Pasal 7(2)'], ['ApplicationRegistered', 'application', 'Pasal 28(1)'],
  ['ApplicationTested', 'application', 'Pasal 28(6)'], ['ApplicationDeployedToProduction', 'application', 'Pasal 28(6)'], ['InfrastructureRegistered', 'infrastructure', null],
  ['LanDiagramSubmitted', 'infrastructure', 'Pasal 40(3)'], ['DatasetRegistered', 'dataset', null], ['ApprovalRequested', 'approval', 'Pasal 33(2)'],
  ['ApprovalGiven', 'approval', 'Pasal 33(2)'], ['GatedDecisionRecorded', 'decision', 'Pasal 33(2)'], ['MandiriTikApplicationSubmitted', 'designation', 'Pasal 52'],
  ['MandiriTikAssessed', 'designation', 'Pasal 52'], ['MandiriTikDesignated', 'designation', 'Pasal 52'], ['ArchitectureEnacted', 'architecture', 'Pasal 9(1)'],
  ['ArchitectureReviewed', 'architecture', 'Pasal 10(2)'], ['AuditPlanned', 'audit', 'Pasal 48(1)'], ['AuditScheduled', 'audit', null], ['AuditStarted', 'audit', null],
  ['AuditReported', 'audit', 'Pasal 49(3)'], ['AuditClosed', 'audit', null], ['FindingRecorded', 'finding', 'Pasal 49(4)'], ['FollowUpSubmitted', 'finding', null],
  ['FollowUpAccepted', 'finding', 'Pasal 49(5)'], ['FindingClosed', 'finding', null], ['IndicatorAssessed', 'cycle', null], ['EvaluationCycleOpened', 'cycle', null],
];
const ROLES = ['koordinator', 'dinas', 'inspektorat', 'asesor', 'opd'];
const PROFILE: Record<string, string> = { 'kota-kupang': 'kupang-perwali-11-2025', 'kota-pasuruan': 'pasuruan-perwali-24-2021', 'kota-samarinda': 'samarinda-perwali-draft-2023', 'kota-dumai': 'dumai-perwako-18-2019', 'kabupaten-mojokerto': 'mojokerto-perbup-15-2021' };
const START = Date.parse('2024-01-01T00:00:00Z');
const SPAN = 3 * 365 * 86_400_000;

/** A deterministic pseudo-random sequence (the same data on every run). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

function* synthetic(n: number): Generator<AuditTrailRow> {
  const r = rng(42);
  const versions = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const tenantId = TENANTS[i % TENANTS.length];
    const [type, aggregate, article] = TYPES[Math.floor(r() * TYPES.length)];
    const context = ['audit', 'finding'].includes(aggregate) ? 'audit' : aggregate === 'cycle' ? 'evaluation' : 'registry';
    const entity = `${aggregate}-${Math.floor(r() * 4000)}`;
    const streamId = `${tenantId}:${context}.${aggregate}:${entity}`;
    const version = versions.get(streamId) ?? 0;
    versions.set(streamId, version + 1);
    const actor = Math.floor(r() * 150);
    const at = new Date(START + Math.floor((i / n) * SPAN)).toISOString();
    const e = {
      eventId: randomUUID(),
      streamId,
      tenantId,
      type,
      version,
      globalPosition: i + 1,
      occurredAt: at,
      recordedAt: at,
      actor: { id: `u-${tenantId}-${actor}`, name: `Pejabat ${actor}`, role: ROLES[actor % ROLES.length], unitId: `opd-${actor % 30}` },
      legalBasis: article ? { regulation: PROFILE[tenantId], article } : null,
      correlationId: randomUUID(),
      causationId: null,
      commandId: randomUUID(),
      payload: { name: `Objek ${entity}`, kind: 'opd', unitId: `opd-${actor % 30}`, person: { name: `Pejabat ${actor}` }, decree: { number: `100/${i}/2025` }, note: 'x'.repeat(120) },
      hash: 'a'.repeat(64),
      prevHash: 'b'.repeat(64),
      schemaVersion: 1,
    } as unknown as EventEnvelope;
    yield toAuditTrailRow(e);
  }
}

async function load(url: string): Promise<string> {
  const client = await new MongoClient(url).connect();
  try {
    const c = client.db(DB).collection<AuditTrailRow>(AUDIT_TRAIL);
    const have = await c.estimatedDocumentCount();
    if (have === EVENTS) return `reused the ${EVENTS.toLocaleString('en')} rows loaded by an earlier run`;
    await client.db(DB).dropDatabase();
    const t0 = performance.now();
    let batch: AuditTrailRow[] = [];
    let done = 0;
    for (const row of synthetic(EVENTS)) {
      batch.push(row);
      if (batch.length === 5000) {
        await c.insertMany(batch, { ordered: false });
        done += batch.length;
        batch = [];
        if (done % 100_000 === 0) process.stdout.write(`  loaded ${done.toLocaleString('en')} rows (${Math.round(done / ((performance.now() - t0) / 1000))}/s)\n`);
      }
    }
    if (batch.length) await c.insertMany(batch, { ordered: false });
    const loadS = (performance.now() - t0) / 1000;
    const t1 = performance.now();
    for (const keys of auditTrailProjection.indexes![AUDIT_TRAIL]) await c.createIndex(keys);
    return `loaded ${EVENTS.toLocaleString('en')} rows in ${loadS.toFixed(0)} s (${Math.round(EVENTS / loadS)} rows/s, insertMany of 5,000), indexes built in ${((performance.now() - t1) / 1000).toFixed(0)} s`;
  } finally {
    await client.close();
  }
}

/** How to read the table when the server is FerretDB 1.x (what its plans show). */
const READING = `Reading it: FerretDB 1.x turns a filter into jsonb containment (\`@>\`) on top-level fields, which PostgreSQL cannot answer from the btree expression indexes FerretDB creates, and pushes down neither sort nor limit, so every page reads every matching row of the collection (a parallel sequential scan of the whole table) and sorts them in FerretDB. Shapes whose filter it pushes down (type, entity, entityType, correlationId) take seconds; the others (tenant only, \`$or\` on actor, prefix regex, ranges, dotted fields) pull all of the tenant's rows into FerretDB and take close to a minute. On MongoDB each of these queries is an index range scan over the projection's declared indexes ({tenantId, <filter>, sortKey}) that stops after limit + 1 documents; run \`MONGO_URL=<a MongoDB> npm run bench:audit-trail\` to check the target there.`;

type Shape = { name: string; query: (r: () => number) => AuditTrailQuery };

const SHAPES: Shape[] = [
  { name: 'tenant only, first page', query: () => ({}) },
  { name: 'type', query: (r) => ({ type: TYPES[Math.floor(r() * TYPES.length)][0] }) },
  { name: 'entity (one stream)', query: (r) => ({ entity: `kota-kupang:audit.audit:audit-${Math.floor(r() * 4000)}` }) },
  { name: 'entityType', query: (r) => ({ entityType: ['registry.application', 'audit.finding', 'registry.designation'][Math.floor(r() * 3)] }) },
  { name: 'actor (id or name)', query: (r) => ({ actor: `u-kota-kupang-${Math.floor(r() * 150)}` }) },
  { name: 'legalBasis prefix', query: () => ({ legalBasis: 'kupang-perwali-11-2025 Pasal 4' }) },
  { name: 'time range (one month)', query: (r) => { const m = 1 + Math.floor(r() * 30); const from = new Date(START + m * 30 * 86_400_000).toISOString(); return { from, to: new Date(Date.parse(from) + 30 * 86_400_000).toISOString() }; } },
  { name: 'type + time range', query: () => ({ type: 'FindingRecorded', from: '2025-01-01', to: '2025-12-31' }) },
  { name: 'correlationId', query: () => ({ correlationId: randomUUID() }) },
  { name: 'deep page (cursor in the middle)', query: () => ({ cursor: encodeCursor(`${new Date(START + SPAN / 2).toISOString()}|00000000-0000-0000-0000-000000000000`) }) },
  { name: 'role (no index of its own)', query: () => ({ role: 'inspektorat' }) },
];

async function main(): Promise<void> {
  loadInfraEnv();
  const url = process.env.MONGO_URL;
  if (!url) throw new Error('MONGO_URL is not set and scripts/infra is not running (scripts/infra/up ferretdb)');
  process.stdout.write(`bench:audit-trail: ${EVENTS.toLocaleString('en')} rows at ${url}\n`);
  const loaded = await load(url);
  process.stdout.write(`  ${loaded}\n`);
  const store = new MongoReadModelStore(url, DB);
  await store.connect();
  const raw = await new MongoClient(url).connect();
  const server = await raw.db('admin').command({ buildInfo: 1 }).catch(() => ({ version: '?', ferretdbVersion: undefined }));
  const plan = async (filter: Record<string, unknown>, limit: number) => {
    const x = (await raw.db(DB).collection(AUDIT_TRAIL).find(filter).sort({ sortKey: 1 }).limit(limit + 1).explain()) as Record<string, unknown>;
    const node = (x['queryPlanner'] as { Plan?: { 'Node Type'?: string; Plans?: { 'Node Type'?: string }[] } } | undefined)?.Plan;
    const kind = node?.Plans?.[0] ? `${node['Node Type']} → ${node.Plans[0]['Node Type']}` : (node?.['Node Type'] ?? (x['queryPlanner'] as { winningPlan?: { stage?: string } })?.winningPlan?.stage ?? '?');
    const pushed = ['filterPushdown', 'sortPushdown', 'limitPushdown'].filter((k) => x[k] === true).map((k) => k.replace('Pushdown', '')).join('+') || (x['filterPushdown'] === undefined ? 'n/a' : 'none');
    return `${kind}; pushed down: ${pushed}`;
  };
  const collection = store.collection<AuditTrailRow>(AUDIT_TRAIL);
  const r = rng(7);
  const rows: string[] = [];
  for (const shape of SHAPES) {
    const times: number[] = [];
    let returned = 0;
    let serverPlan = '';
    const shapeStart = performance.now();
    for (let i = 0; i < QUERIES + WARMUP; i++) {
      if (times.length > 0 && performance.now() - shapeStart > SHAPE_SECONDS * 1000) break;
      const { filter, limit } = buildAuditTrailFilter('kota-kupang', { ...shape.query(r), limit: 50 });
      if (i === 0) serverPlan = await plan(filter, limit);
      const t0 = performance.now();
      const page = await collection.find(filter, { sort: { sortKey: 1 }, limit: limit + 1 });
      const ms = performance.now() - t0;
      if (i >= WARMUP) {
        times.push(ms);
        returned += Math.min(page.length, limit);
      }
    }
    times.sort((a, b) => a - b);
    const [p50, p95, p99] = [50, 95, 99].map((p) => percentile(times, p));
    rows.push(`| ${shape.name} | ${times.length} | ${p50.toFixed(1)} | ${p95.toFixed(1)} | ${p99.toFixed(1)} | ${(returned / times.length).toFixed(0)} | ${p95 < 100 ? 'yes' : '**no**'} | ${serverPlan} |`);
    process.stdout.write(`  ${shape.name} (${times.length} runs): p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms\n`);
  }
  await store.close();
  await raw.close();
  writeSection(
    'Audit trail on 1,000,000 events (npm run bench:audit-trail)',
    `Run ${new Date().toISOString().slice(0, 10)} on ${machine()}; read-model server: ${server.ferretdbVersion ? `FerretDB ${server.ferretdbVersion} (answers as MongoDB ${server.version})` : `MongoDB ${server.version}`}, from scripts/infra — no MongoDB server can be installed here (no container engine; MongoDB is not packaged by Debian and its download site is not reachable).

${EVENTS.toLocaleString('en')} audit-trail rows (five Pemdas of ${(EVENTS / 5).toLocaleString('en')} each, ~27 event types, 150 actors per Pemda, three years), ${loaded}. Every query is one page (limit 50) of tenant \`kota-kupang\`, through the product's own path (\`buildAuditTrailFilter\` → \`ReadModelStore.find\`, sorted by \`sortKey\`); up to ${QUERIES} timed runs per shape after ${WARMUP} warm-up run(s), varied parameters, a shape stopping early once it has used ${SHAPE_SECONDS} s (\`runs\` says how many were timed). Target: p95 < 100 ms.

| filter | runs | p50 ms | p95 ms | p99 ms | rows/page | p95 < 100 ms | server plan |
|---|---:|---:|---:|---:|---:|:---:|---|
${rows.join('\n')}

${READING}
`,
  );
  process.exit(0);
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
