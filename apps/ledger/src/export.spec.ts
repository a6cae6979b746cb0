import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ExportBundle, verifyExportBundle } from '@spbe/ledger-core';
import { ledgerUnderTest } from './testing/ledger';

/** The audit trail exported as a bundle and checked offline; tampering with an event or a checkpoint is caught. */
describe('integrity export and `npm run verify -- --export`', () => {
  const root = join(__dirname, '..', '..', '..');
  const ledger = ledgerUnderTest('export');
  const { http, as } = ledger;
  let bundle: ExportBundle;
  const cli = (file: string, ...args: string[]) => spawnSync('node', [join(root, 'dist', 'libs', 'reporting', 'feature', 'src', 'verify-cli.js'), '--export', file, ...args], { encoding: 'utf8' });
  const write = (name: string, b: unknown) => {
    const file = join(ledger.dataDir, name);
    writeFileSync(file, JSON.stringify(b));
    return file;
  };

  beforeAll(async () => {
    execFileSync('node', ['scripts/build.mjs', '--quiet'], { cwd: root });
    const k = await as('koordinator');
    await http().post('/api/registry/tenants').set('authorization', k).send({ tenantId: 'kota-kupang', name: 'Pemerintah Kota Kupang', kind: 'kota', profileId: 'kupang-perwali-11-2025' }).expect(201);
    await http().post('/api/registry/tenants/kota-kupang/units').set('authorization', k).send({ unitId: 'dinas-kominfo', name: 'Dinas Komunikasi dan Informatika', kind: 'dinas-kominfo' }).expect(201);
    await http().get('/api/reporting/tenants/kota-kupang/integrity/export').set('authorization', await as('opd')).expect(403);
    bundle = (await http().get('/api/reporting/tenants/kota-kupang/integrity/export').set('authorization', await as('inspektorat')).expect(200)).body;
  }, 120_000);

  it('exports every stream with the heads the checkpoint committed, and verifies offline that it is complete (function and CLI)', () => {
    expect(Object.keys(bundle.streams).sort()).toEqual(['kota-kupang:registry.tenant:kota-kupang', 'kota-kupang:registry.unit:dinas-kominfo']);
    expect(bundle.heads).toHaveLength(2);
    expect(verifyExportBundle(bundle)).toMatchObject({ ok: true, events: 2, streams: 2, keyPinned: false, complete: true });
    const out = cli(write('ok.json', bundle), '--save-checkpoint', join(ledger.dataDir, 'saved-checkpoint.json'));
    expect(out.status).toBe(0);
    expect(out.stdout).toMatch(/^OK: kota-kupang: 2 events in 2 streams.*complete: every stream of the tenant/);
  });

  it('names an omitted stream or tail; a later export is proven to extend the saved checkpoint', async () => {
    const cut = JSON.parse(JSON.stringify(bundle)) as ExportBundle;
    delete cut.streams['kota-kupang:registry.unit:dinas-kominfo'];
    const out = cli(write('cut.json', cut));
    expect(out.status).toBe(1);
    expect(out.stderr).toMatch(/FAILED at kota-kupang:registry\.unit:dinas-kominfo: missing stream/);
    await http().post('/api/registry/tenants/kota-kupang/units').set('authorization', await as('koordinator')).send({ unitId: 'bappeda', name: 'Badan Perencanaan Pembangunan Daerah', kind: 'opd' }).expect(201);
    const later = (await http().get('/api/reporting/tenants/kota-kupang/integrity/export').set('authorization', await as('inspektorat')).expect(200)).body;
    const extended = cli(write('later.json', later), '--trusted', join(ledger.dataDir, 'saved-checkpoint.json'));
    expect(extended.stdout).toMatch(/extends trusted checkpoint \d+/);
    expect(extended.status).toBe(0);
  });

  it('catches a tampered event (its hash no longer matches)', () => {
    const tampered = JSON.parse(JSON.stringify(bundle)) as ExportBundle;
    tampered.streams['kota-kupang:registry.unit:dinas-kominfo'][0].payload['name'] = 'Dinas Lain';
    expect(verifyExportBundle(tampered)).toMatchObject({ ok: false, where: 'kota-kupang:registry.unit:dinas-kominfo v0', reason: expect.stringMatching(/^hash-mismatch/) });
    const out = cli(write('event.json', tampered));
    expect(out.status).toBe(1);
    expect(out.stderr).toMatch(/FAILED at kota-kupang:registry\.unit:dinas-kominfo v0: hash-mismatch/);
  });

  it('catches a tampered checkpoint (its signature no longer matches), tampered heads, no checkpoint, an unreadable file', () => {
    const badCheckpoint = JSON.parse(JSON.stringify(bundle)) as ExportBundle;
    badCheckpoint.checkpoints[0].root = 'f'.repeat(64);
    expect(verifyExportBundle(badCheckpoint)).toMatchObject({ ok: false, where: 'checkpoint 0', reason: expect.stringMatching(/^bad-signature/) });
    expect(cli(write('checkpoint.json', badCheckpoint)).status).toBe(1);
    const badHeads = JSON.parse(JSON.stringify(bundle)) as ExportBundle;
    badHeads.heads!.pop();
    expect(verifyExportBundle(badHeads)).toMatchObject({ ok: false, where: 'heads' });
    expect(verifyExportBundle({ ...bundle, checkpoints: [] })).toMatchObject({ ok: false, where: 'checkpoints' });
    expect(cli(join(ledger.dataDir, 'missing.json')).status).toBe(1);
  });
});
