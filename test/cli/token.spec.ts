import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { loadConfig, tokenVerifier } from '@spbe/ledger-core';

const root = join(__dirname, '..', '..');
const cli = join(root, 'dist', 'libs', 'ledger-core', 'src', 'auth', 'token-cli.js');

describe('npm run token', () => {
  beforeAll(() => execFileSync('node', ['scripts/build.mjs', '--quiet'], { cwd: root }));

  it('prints a token the embedded app accepts', async () => {
    const out = execFileSync('node', [cli, '--tenant', 'kota-kupang', '--role', 'asesor', '--role', 'inspektorat', '--name', 'Maria Bere', '--unit', 'inspektorat'], {
      encoding: 'utf8',
      env: { ...process.env, AUTH_JWT_SECRET: '' },
    }).trim();
    const principal = await tokenVerifier(loadConfig({}).auth)(out);
    expect(principal).toEqual({ id: 'maria-bere', name: 'Maria Bere', tenantId: 'kota-kupang', unitId: 'inspektorat', roles: ['asesor', 'inspektorat'] });
  });

  it.each([
    [['--tenant', 'kota-kupang', '--name', 'X'], 'usage: npm run token'],
    [['--tenant', 'kota-kupang', '--role', 'raja', '--name', 'X'], 'unknown role "raja"'],
  ])('refuses %j with exit code 2', (args, message) => {
    const r = spawnSync('node', [cli, ...args], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(message);
  });
});
