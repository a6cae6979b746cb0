import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { decodeJwt } from 'jose';
import { assertPlatformOperator, loadConfig, tokenVerifier } from '@spbe/ledger-core';

const root = join(__dirname, '..', '..');
const cli = join(root, 'dist', 'libs', 'ledger-core', 'src', 'auth', 'token-cli.js');
const env = { ...process.env, AUTH_JWT_SECRET: '', AUTH_TOKEN_MAX_LIFETIME_SECONDS: '' };

/** `npm run token` issues tokens the lifetime rules accept, and the platform-operator credential (issue 12 item 9). */
describe('npm run token: lifetime and --operator', () => {
  beforeAll(() => execFileSync('node', ['scripts/build.mjs', '--quiet'], { cwd: root }));

  it('issues tokens with iat and exp, 8 h by default', () => {
    const out = execFileSync('node', [cli, '--tenant', 'kota-kupang', '--role', 'asesor', '--name', 'Maria Bere'], { encoding: 'utf8', env }).trim();
    const claims = decodeJwt(out);
    expect(typeof claims.iat).toBe('number');
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(8 * 3600);
  });

  it('issues the platform-operator credential: platformOperator, no tenant, no roles', async () => {
    const out = execFileSync('node', [cli, '--operator', '--name', 'Operator Platform', '--ttl', '3600'], { encoding: 'utf8', env }).trim();
    const principal = await tokenVerifier(loadConfig({}).auth)(out);
    expect(principal).toEqual({ id: 'operator-platform', name: 'Operator Platform', tenantId: '', unitId: null, roles: [], platformOperator: true });
    expect(() => assertPlatformOperator(principal)).not.toThrow();
    expect(decodeJwt(out)).not.toHaveProperty('tenant');
  });

  it.each([
    [['--tenant', 'kota-kupang', '--role', 'asesor', '--name', 'X', '--ttl', String(12 * 3600 + 1)], 'from 1 to 43200 (12 h', {}],
    [['--tenant', 'kota-kupang', '--role', 'asesor', '--name', 'X', '--ttl', '7200'], 'from 1 to 3600', { AUTH_TOKEN_MAX_LIFETIME_SECONDS: '3600' }],
    [['--tenant', 'kota-kupang', '--role', 'asesor', '--name', 'X', '--ttl', 'soon'], '--ttl "soon"', {}],
    [['--operator', '--tenant', 'kota-kupang', '--name', 'X'], 'no --tenant, --role or --unit', {}],
    [['--operator', '--role', 'admin', '--name', 'X'], 'no --tenant, --role or --unit', {}],
    [['--operator'], 'usage: npm run token', {}],
  ])('refuses %j with exit code 2', (args, message, extra) => {
    const r = spawnSync('node', [cli, ...args], { encoding: 'utf8', env: { ...env, ...extra } });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(message);
  });
});
