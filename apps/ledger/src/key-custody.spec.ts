import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSigningKey, loadConfig } from '@spbe/ledger-core';
import { fingerprintOf, resolveSigningKey } from '@spbe/platform';
import { ledgerUnderTest } from './testing/ledger';

/** Issue 12 item 3: the embedded key lives outside DATA_DIR; its public part is printed for pinning. */
describe('key custody (all-in-one app)', () => {
  const root = join(__dirname, '..', '..', '..');
  const ledger = ledgerUnderTest('keys');

  it('generates the signing key into its own directory beside DATA_DIR (0700 / 0600), never among the event files', async () => {
    await ledger.http().post('/api/registry/tenants').set('authorization', await ledger.as('koordinator')).send({ tenantId: 'kota-kupang', name: 'Pemerintah Kota Kupang', kind: 'kota', profileId: 'kupang-perwali-11-2025' }).expect(201);
    const keysDir = `${ledger.dataDir}-keys`;
    expect(ledger.config.ledger.keysDir).toBe(keysDir);
    expect(readdirSync(keysDir)).toEqual(['ledger-signing-key.pem']);
    expect(statSync(keysDir).mode & 0o777).toBe(0o700);
    expect(statSync(join(keysDir, 'ledger-signing-key.pem')).mode & 0o777).toBe(0o600);
    expect(readdirSync(ledger.dataDir)).not.toContain('ledger-signing-key.pem');
  });

  it('moves a key an older version kept in DATA_DIR, and never generates one where production configures it', () => {
    const dir = join(tmpdir(), `spbe-legacy-${process.pid}`);
    rmSync(dir, { recursive: true, force: true });
    rmSync(`${dir}-keys`, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const key = generateSigningKey();
    writeFileSync(join(dir, 'ledger-signing-key.pem'), key.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
    const moved = resolveSigningKey(loadConfig({ DATA_DIR: dir }))!;
    expect(moved.key.keyId).toBe(key.keyId);
    expect(existsSync(join(dir, 'ledger-signing-key.pem'))).toBe(false);
    expect(moved.source).toBe(join(`${dir}-keys`, 'ledger-signing-key.pem'));
    expect(resolveSigningKey(loadConfig({ DATA_DIR: join(dir, 'other') }), { generate: false })).toBeNull();
    expect(resolveSigningKey(loadConfig({ DATA_DIR: dir, EVENT_STORE: 'postgres', POSTGRES_URL: 'postgres://x@127.0.0.1/x' }))).toBeNull();
    rmSync(dir, { recursive: true, force: true });
    rmSync(`${dir}-keys`, { recursive: true, force: true });
  });

  it('`npm run ledger:public-key` prints the public key PEM, its key id and fingerprint', () => {
    execFileSync('node', ['scripts/build.mjs', '--quiet'], { cwd: root });
    const cli = spawnSync('node', [join(root, 'dist', 'libs', 'platform', 'src', 'public-key-cli.js')], { encoding: 'utf8', env: { ...process.env, DATA_DIR: ledger.dataDir } });
    expect(cli.status).toBe(0);
    const key = resolveSigningKey(ledger.config, { generate: false })!.key;
    expect(cli.stdout).toContain('-----BEGIN PUBLIC KEY-----');
    expect(cli.stdout).toContain(`# key id ${key.keyId}`);
    expect(cli.stdout).toContain(`# SHA-256 ${fingerprintOf(key)}`);
    const none = spawnSync('node', [join(root, 'dist', 'libs', 'platform', 'src', 'public-key-cli.js')], { encoding: 'utf8', env: { ...process.env, DATA_DIR: join(ledger.dataDir, 'nothing-here') } });
    expect(none.status).toBe(1);
    expect(none.stderr).toMatch(/no ledger signing key yet/);
  });
});
