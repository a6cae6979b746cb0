/**
 * Prints a bearer token for the embedded mode:
 *   npm run token -- --tenant kota-kupang --role asesor --name "Maria Bere" [--id u-1] [--unit dinas-kominfo] [--ttl 28800]
 *   npm run token -- --operator --name "Operator Platform" [--id op-1] [--ttl 3600]
 * The second is the platform-operator credential (`platformOperator: true`, no tenant, no roles): the only
 * one the platform operations under /api/ops/* accept (seal, projection rebuild, dead letters).
 * Every token carries iat and exp; --ttl (default 8 h) may not exceed AUTH_TOKEN_MAX_LIFETIME_SECONDS (default 12 h).
 * Signed with AUTH_JWT_SECRET (or the embedded development secret, which only a loopback server accepts).
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { Role, ROLES } from '../envelope';
import { DEFAULT_TOKEN_TTL_SECONDS, describeSeconds, issueOperatorToken, issueToken } from './tokens';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      tenant: { type: 'string' },
      role: { type: 'string', multiple: true },
      name: { type: 'string' },
      id: { type: 'string' },
      unit: { type: 'string' },
      operator: { type: 'boolean', default: false },
      ttl: { type: 'string', default: String(DEFAULT_TOKEN_TTL_SECONDS) },
    },
  });
  const usage =
    'usage: npm run token -- --tenant <tenantId> --role <role> [--role <role>] --name "<name>" [--id <id>] [--unit <unitId>] [--ttl <seconds>]\n' +
    '       npm run token -- --operator --name "<name>" [--id <id>] [--ttl <seconds>]   (platform operator: /api/ops/* only)';
  if (!values.name) throw new Error(usage);
  const config = loadConfig({ ...process.env, HOST: '127.0.0.1' });
  const ttl = Number(values.ttl);
  const max = config.auth.maxLifetimeSeconds;
  if (!Number.isInteger(ttl) || ttl < 1 || ttl > max) {
    throw new Error(`--ttl "${values.ttl}" must be whole seconds from 1 to ${max} (${describeSeconds(max)}, AUTH_TOKEN_MAX_LIFETIME_SECONDS)`);
  }
  const id = values.id ?? values.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  if (values.operator) {
    if (values.tenant || values.role?.length || values.unit) throw new Error(`--operator is a platform credential: no --tenant, --role or --unit\n${usage}`);
    process.stdout.write(`${await issueOperatorToken({ sub: id, name: values.name }, config.auth, ttl)}\n`);
    return;
  }
  if (!values.tenant || !values.role?.length) throw new Error(usage);
  const roles = values.role as Role[];
  const bad = roles.find((r) => !ROLES.includes(r) || r === 'system');
  if (bad) throw new Error(`unknown role "${bad}"; roles: ${ROLES.filter((r) => r !== 'system').join(', ')}`);
  const token = await issueToken({ sub: id, name: values.name, tenant: values.tenant, unit: values.unit ?? null, roles }, config.auth, ttl);
  process.stdout.write(`${token}\n`);
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(2);
});
