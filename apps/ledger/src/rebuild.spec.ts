import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { waitFor } from '@spbe/ledger-core/testing';
import { ledgerUnderTest } from './testing/ledger';

const run = promisify(execFile);

/** `npm run rebuild -- <projection>`: rebuilt into new collections while readers keep being served. */
describe('npm run rebuild -- <projection>', () => {
  const root = join(__dirname, '..', '..', '..');
  const cli = join(root, 'dist', 'libs', 'reporting', 'feature', 'src', 'rebuild-cli.js');
  const ledger = ledgerUnderTest('rebuild', { listen: true });
  const { http } = ledger;
  let viewer: string;
  const rebuild = (...args: string[]) =>
    run('node', [cli, ...args], { cwd: root, env: { ...process.env, DATA_DIR: ledger.dataDir } }).then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );

  beforeAll(async () => {
    await run('node', ['scripts/build.mjs', '--quiet'], { cwd: root });
    const k = await ledger.as('koordinator');
    viewer = await ledger.as('viewer');
    await http().post('/api/registry/tenants').set('authorization', k).send({ tenantId: 'kota-kupang', name: 'Pemerintah Kota Kupang', kind: 'kota', profileId: 'kupang-perwali-11-2025' }).expect(201);
    for (let i = 0; i < 30; i++) {
      await http().post('/api/registry/tenants/kota-kupang/units').set('authorization', k).send({ unitId: `opd-${i}`, name: `Perangkat Daerah ${i}`, kind: 'opd' }).expect(201);
    }
    await waitFor(async () => (await http().get('/api/reporting/tenants/kota-kupang/audit-trail?limit=200').set('authorization', viewer)).body.items?.length === 31);
  }, 120_000);

  it('rebuilds the audit trail into new collections while every read during the rebuild sees all rows', async () => {
    let reading = true;
    const seen: number[] = [];
    const reader = (async () => {
      while (reading) {
        const res = await http().get('/api/reporting/tenants/kota-kupang/audit-trail?limit=200').set('authorization', viewer);
        seen.push(res.status === 200 ? res.body.items.length : -res.status);
      }
    })();
    const out = await rebuild('audit-trail', '--url', ledger.url);
    reading = false;
    await reader;
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/rebuilt audit-trail: \d+ events replayed in [\d.]+ s; readers now use audit_trail → audit_trail__r\w+/);
    expect(seen.length).toBeGreaterThan(1);
    expect(new Set(seen)).toEqual(new Set([31]));
    const after = await http().get('/api/reporting/tenants/kota-kupang/audit-trail?limit=200').set('authorization', viewer).expect(200);
    expect(after.body.items).toHaveLength(31);
  });

  it('refuses an unknown projection naming the known ones, a wrong token, and reports an unreachable service', async () => {
    const unknown = await rebuild('nothing', '--url', ledger.url);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/refused \(404\): projection: unknown projection "nothing"; known: audit-trail, /);
    const forbidden = await rebuild('audit-trail', '--url', ledger.url, '--token', viewer.replace('Bearer ', ''));
    expect(forbidden.code).toBe(1);
    expect(forbidden.stderr).toMatch(/refused \(403\)/);
    const down = await rebuild('audit-trail', '--url', 'http://127.0.0.1:1');
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(/cannot reach http:\/\/127\.0\.0\.1:1: .*is the service running\?/);
    expect((await rebuild()).code).toBe(2);
  });
});
