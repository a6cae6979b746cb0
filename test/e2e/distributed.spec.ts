import { generateKeyPairSync } from 'node:crypto';
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { issueToken, loadConfig } from '@spbe/ledger-core';
import { infra, runId, waitFor } from '@spbe/ledger-core/testing';

/**
 * Distributed mode end to end: the four apps as separate processes on PostgreSQL + Kafka +
 * FerretDB (scripts/infra). An event appended through the registry's API reaches the reporting
 * read model through the forwarder, Kafka and the reporting consumer.
 */
const pg = infra('POSTGRES_URL', 'PostgreSQL, Kafka and FerretDB from scripts/infra');
const root = join(__dirname, '..', '..');
// A second audit-scheduler instance (same consumer group, same read models) shows that the overdue
// run records each marker once with several instances running.
const APPS = { 'architecture-registry': 0, 'audit-scheduler': 1, 'evaluation-scoring': 2, reporting: 3, 'audit-scheduler#2': 4 } as const;
const serviceOf = (app: string) => app.split('#')[0];

pg.describe('distributed mode: four services (one twice) on PostgreSQL, Kafka and FerretDB', () => {
  const procs: ChildProcess[] = [];
  const logs: Record<string, string> = {};
  const basePort = 34000 + Math.floor(Math.random() * 1000);
  const url = (app: keyof typeof APPS) => `http://127.0.0.1:${basePort + APPS[app]}`;
  const secret = 'e2e-secret-'.padEnd(40, 'x');
  const run = runId('e2e');
  const tenant = `kota-${run}`;
  const signingKey = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

  beforeAll(async () => {
    execFileSync('node', ['scripts/build.mjs', '--quiet'], { cwd: root });
    // A database of its own, so the forwarders start from an empty log rather than every earlier suite's events.
    const admin = new Client({ connectionString: pg.url });
    await admin.connect();
    await admin.query(`CREATE DATABASE spbe_${run}`);
    await admin.end();
    const dbUrl = new URL(pg.url as string);
    dbUrl.pathname = `/spbe_${run}`;
    for (const app of Object.keys(APPS) as Array<keyof typeof APPS>) {
      const env = {
        ...process.env,
        PORT: String(basePort + APPS[app]),
        HOST: '127.0.0.1',
        EVENT_STORE: 'postgres',
        POSTGRES_URL: dbUrl.toString(),
        BUS: 'kafka',
        READ_MODELS: 'mongo',
        MONGO_DB: `spbe_${run}`,
        KAFKA_CLIENT_ID: `spbe-${run}`,
        KAFKA_TOPIC_PREFIX: `${run}.`,
        REPORTING_GROUP_ID: `spbe-reporting-${run}`,
        AUTH_JWT_SECRET: secret,
        NODE_ENV: 'test',
        // the overdue run happens on demand in this test, not one minute after start
        AUDIT_OVERDUE_EVERY_MINUTES: '0',
        // reporting seals the ledger (exports are verified against its checkpoints)
        ...(app === 'reporting' ? { LEDGER_SIGNING_KEY: signingKey, LEDGER_CHECKPOINT_SECONDS: '1' } : {}),
      };
      const p = spawn('node', [`dist/apps/${serviceOf(app)}/src/main.js`], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
      logs[app] = '';
      p.stdout?.on('data', (d) => (logs[app] += d));
      p.stderr?.on('data', (d) => (logs[app] += d));
      procs.push(p);
    }
    for (const app of Object.keys(APPS) as Array<keyof typeof APPS>) {
      await waitFor(async () => {
        const r = await fetch(`${url(app)}/health`).catch(() => null);
        return r?.status === 200;
      }, 60_000).catch((err) => {
        throw new Error(`${app} did not become ready: ${err.message}\n${logs[app]}`);
      });
    }
  }, 120_000);

  afterAll(async () => {
    for (const p of procs) p.kill('SIGTERM');
    await Promise.all(procs.map((p) => new Promise((r) => (p.exitCode !== null ? r(null) : p.once('exit', r)))));
    const admin = new Client({ connectionString: pg.url });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS spbe_${run} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
  });

  it('each service reports its event store, Kafka and MongoDB connections ready, and serves OpenAPI', async () => {
    for (const app of Object.keys(APPS) as Array<keyof typeof APPS>) {
      const health = (await (await fetch(`${url(app)}/health`)).json()) as Record<string, unknown>;
      expect(health).toMatchObject({ status: 'ok', service: serviceOf(app), checks: { eventStore: { adapter: 'postgres', status: 'up' }, bus: { adapter: 'kafka', status: 'up' }, readModels: { adapter: 'mongo', status: 'up' } } });
      expect((await fetch(`${url(app)}/api/docs-json`)).status).toBe(200);
    }
  });

  it('an event appended through the registry API appears in the reporting audit trail', async () => {
    const config = loadConfig({ AUTH_JWT_SECRET: secret });
    const token = await issueToken({ sub: 'u-koord', name: 'Yohanes Koordinator', tenant, roles: ['koordinator'] }, config.auth);
    const res = await fetch(`${url('architecture-registry')}/api/registry/tenants`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ tenantId: tenant, name: 'Pemerintah Kota Uji', kind: 'kota', profileId: 'kupang-perwali-11-2025' }),
    });
    expect(res.status).toBe(201);
    const { eventIds } = (await res.json()) as { eventIds: string[] };
    let items: Array<Record<string, unknown>> = [];
    await waitFor(async () => {
      const r = await fetch(`${url('reporting')}/api/reporting/tenants/${tenant}/audit-trail`, { headers: { authorization: `Bearer ${token}` } });
      items = ((await r.json()) as { items?: typeof items }).items ?? [];
      return items.length === 1;
    }, 60_000).catch((err) => {
      throw new Error(`${err.message}\nregistry:\n${logs['architecture-registry']}\nreporting:\n${logs.reporting}`);
    });
    expect(items[0]).toMatchObject({ eventId: eventIds[0], type: 'TenantRegistered', tenantId: tenant, actor: { name: 'Yohanes Koordinator', role: 'koordinator' } });
  }, 90_000);

  it('the audit-scheduler learns audit objects from the registry over Kafka; its audits reach reporting', async () => {
    const config = loadConfig({ AUTH_JWT_SECRET: secret });
    const as = (role: 'koordinator' | 'dinas' | 'inspektorat') => issueToken({ sub: `u-${role}`, name: `Pejabat ${role}`, tenant, roles: [role] }, config.auth);
    const post = async (app: keyof typeof APPS, path: string, role: 'koordinator' | 'dinas' | 'inspektorat', body: unknown) => {
      const r = await fetch(`${url(app)}${path}`, { method: 'POST', headers: { authorization: `Bearer ${await as(role)}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      if (r.status !== 201) throw new Error(`${path}: ${r.status} ${await r.text()}`);
      return r.json();
    };
    await post('architecture-registry', `/api/registry/tenants/${tenant}/units`, 'koordinator', { unitId: 'dinas-kominfo', name: 'Dinas Komunikasi dan Informatika', kind: 'dinas-kominfo' });
    await post('architecture-registry', `/api/registry/tenants/${tenant}/infrastructure`, 'dinas', { infrastructureId: 'pusat-data', name: 'Pusat Data', kind: 'pusat-data', unitId: 'dinas-kominfo' });
    const insp = await as('inspektorat');
    await waitFor(async () => {
      const r = await fetch(`${url('audit-scheduler')}/api/audit/tenants/${tenant}/due`, { headers: { authorization: `Bearer ${insp}` } });
      const body = (await r.json()) as { items?: Array<{ object: { id: string } }> };
      return r.status === 200 && (body.items ?? []).some((i) => i.object.id === 'pusat-data');
    }, 60_000).catch((err) => {
      throw new Error(`${err.message}\naudit-scheduler:\n${logs['audit-scheduler']}`);
    });
    const planned = (await post('audit-scheduler', `/api/audit/tenants/${tenant}/audits`, 'inspektorat', { auditId: 'audit-1', auditType: 'infrastruktur', mode: 'internal', objectKind: 'infrastructure', objectId: 'pusat-data', year: 2026 })) as { eventIds: string[] };
    await waitFor(async () => {
      const r = await fetch(`${url('reporting')}/api/reporting/tenants/${tenant}/audit-trail?type=AuditPlanned`, { headers: { authorization: `Bearer ${insp}` } });
      return (((await r.json()) as { items?: Array<{ eventId: string }> }).items ?? []).some((i) => i.eventId === planned.eventIds[0]);
    }, 60_000);
    const compliance = await fetch(`${url('reporting')}/api/reporting/tenants/${tenant}/compliance`, { headers: { authorization: `Bearer ${insp}` } });
    const report = (await compliance.json()) as { obligations: Array<{ ruleId: string; subject: { id: string } }> };
    expect(report.obligations.some((o) => o.ruleId === 'R-AUD-09' && o.subject.id === 'pusat-data')).toBe(true);

    // The closed audit reaches evaluation-scoring over Kafka as evidence for the audit indicator.
    await post('audit-scheduler', `/api/audit/tenants/${tenant}/audits/audit-1/schedule`, 'inspektorat', { startDate: '2026-10-01', endDate: '2026-10-05' });
    await post('audit-scheduler', `/api/audit/tenants/${tenant}/audits/audit-1/start`, 'inspektorat', { startedOn: '2026-10-01' });
    await post('audit-scheduler', `/api/audit/tenants/${tenant}/audits/audit-1/report`, 'inspektorat', { reportedOn: '2026-10-10', conclusion: 'memadai', summary: 'Infrastruktur memadai' });
    await post('audit-scheduler', `/api/audit/tenants/${tenant}/audits/audit-1/close`, 'inspektorat', { closedOn: '2026-10-15' });
    await post('evaluation-scoring', `/api/evaluation/tenants/${tenant}/cycles`, 'koordinator', { year: 2026, frameworkId: 'spbe-2020', asesorDecree: { number: '1/2026', date: '2026-02-01', signer: 'Wali Kota' }, members: ['Asesor Uji'] });
    const koord = await as('koordinator');
    await waitFor(async () => {
      const r = await fetch(`${url('evaluation-scoring')}/api/evaluation/tenants/${tenant}/cycles/spbe-2020-2026/evidence-candidates`, { headers: { authorization: `Bearer ${koord}` } });
      const items = (((await r.json()) as { items?: Array<{ auditId: string; indicators: number[] }> }).items ?? []);
      return items.some((i) => i.auditId === 'audit-1' && i.indicators.includes(29));
    }, 60_000).catch((err) => {
      throw new Error(`${err.message}\nevaluation-scoring:\n${logs['evaluation-scoring']}`);
    });
  }, 150_000);

  it('two audit-scheduler instances running the overdue check at once record an overdue follow-up exactly once', async () => {
    const config = loadConfig({ AUTH_JWT_SECRET: secret });
    const insp = `Bearer ${await issueToken({ sub: 'u-insp', name: 'Pejabat inspektorat', tenant, roles: ['inspektorat'] }, config.auth)}`;
    const headers = { authorization: insp, 'content-type': 'application/json' };
    const finding = { findingId: 'temuan-e2e', auditId: 'audit-1', criteria: 'Kebijakan cadangan data', condition: 'Cadangan tidak diuji', cause: 'Belum ada SOP', effect: 'Risiko kehilangan data', recommendation: 'Uji pemulihan berkala', severity: 'sedang', responsibleUnitId: 'dinas-kominfo', dueDate: '2026-10-20' };
    const created = await fetch(`${url('audit-scheduler')}/api/audit/tenants/${tenant}/findings`, { method: 'POST', headers, body: JSON.stringify(finding) });
    expect(created.status).toBe(201);
    const runOn = (app: 'audit-scheduler' | 'audit-scheduler#2') => fetch(`${url(app)}/api/audit/tenants/${tenant}/overdue/run`, { method: 'POST', headers }).then(async (r) => ({ status: r.status, body: (await r.json()) as { findingsMarked: number } }));
    const runs = await Promise.all([runOn('audit-scheduler'), runOn('audit-scheduler#2'), runOn('audit-scheduler'), runOn('audit-scheduler#2')]);
    expect(runs.map((r) => r.status)).toEqual([201, 201, 201, 201]);
    expect(runs.reduce((n, r) => n + r.body.findingsMarked, 0)).toBe(1);
    const history = (await (await fetch(`${url('audit-scheduler#2')}/api/audit/tenants/${tenant}/findings/temuan-e2e/history`, { headers })).json()) as { items: Array<{ type: string; actor: { role: string } }> };
    expect(history.items.filter((e) => e.type === 'FindingFollowUpOverdue').map((e) => e.actor.role)).toEqual(['system']);
  }, 60_000);

  it('reporting over FerretDB: evaluation views, entity history, an export verified against a checkpoint, the dashboard', async () => {
    const config = loadConfig({ AUTH_JWT_SECRET: secret });
    const token = (role: 'koordinator' | 'asesor' | 'inspektorat') => issueToken({ sub: `u-${role}`, name: `Pejabat ${role}`, tenant, roles: [role] }, config.auth);
    const get = async (path: string) => fetch(`${url('reporting')}/api/reporting/tenants/${tenant}/${path}`, { headers: { authorization: `Bearer ${await token('inspektorat')}` } });
    const put = await fetch(`${url('evaluation-scoring')}/api/evaluation/tenants/${tenant}/cycles/spbe-2020-2026/indicators/1/assessments/mandiri`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${await token('asesor')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ level: 3, explanation: 'Fakta: kebijakan ada. Analisis: memenuhi.' }),
    });
    expect(put.status).toBe(200);
    await waitFor(async () => {
      const r = await get('evaluation/cycles/spbe-2020-2026');
      return r.status === 200 && ((await r.json()) as { indicators: Array<{ no: number; levels: Record<string, number> }> }).indicators[0].levels['mandiri'] === 3;
    }, 60_000).catch((err) => {
      throw new Error(`${err.message}\nreporting:\n${logs.reporting}`);
    });
    const overview = (await (await get('evaluation')).json()) as { cycles: Array<{ cycleId: string; missing: number[] }> };
    expect(overview.cycles).toEqual([expect.objectContaining({ cycleId: 'spbe-2020-2026', missing: expect.arrayContaining([2, 47]) })]);
    const history = (await (await get('entities/audit.audit/audit-1/history')).json()) as { items: Array<{ type: string; changes: unknown[] }> };
    expect(history.items.map((i) => i.type)).toEqual(['AuditPlanned', 'AuditScheduled', 'AuditStarted', 'AuditReported', 'AuditClosed']);
    const csv = await get('audit-trail/export?format=csv&entityType=audit.audit');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('x-ledger-checkpoint-root')).toMatch(/^[0-9a-f]{64}$/);
    const lines = (await csv.text()).trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^# Diverifikasi /);
    expect(lines[3]).toMatch(/^# spbe-export: \{"format":"spbe-export\/1","view":"audit-trail"/);
    expect(lines.slice(5, -1)).toHaveLength(5);
    expect(lines.at(-1)).toBe('# Akhir berkas: 5 baris data.');
    expect((await get('nothing-here')).status).toBe(404);
    const page = await fetch(`${url('reporting')}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('/dashboard/app.js');
  }, 120_000);
});
