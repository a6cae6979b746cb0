/**
 * Prints a bearer token for the embedded mode:
 *   npm run token -- --tenant kota-kupang --role asesor --name "Maria Bere" [--id u-1] [--unit dinas-kominfo] [--ttl 28800]
 * Signed with AUTH_JWT_SECRET (or the embedded development secret, which only a loopback server accepts).
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { Role, ROLES } from '../envelope';
import { issueToken } from './tokens';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      tenant: { type: 'string' },
      role: { type: 'string', multiple: true },
      name: { type: 'string' },
      id: { type: 'string' },
      unit: { type: 'string' },
      ttl: { type: 'string', default: String(8 * 3600) },
    },
  });
  const usage = 'usage: npm run token -- --tenant <tenantId> --role <role> [--role <role>] --name "<name>" [--id <id>] [--unit <unitId>] [--ttl <seconds>]';
  if (!values.tenant || !values.role?.length || !values.name) throw new Error(usage);
  const roles = values.role as Role[];
  const bad = roles.find((r) => !ROLES.includes(r) || r === 'system');
  if (bad) throw new Error(`unknown role "${bad}"; roles: ${ROLES.filter((r) => r !== 'system').join(', ')}`);
  const config = loadConfig({ ...process.env, HOST: '127.0.0.1' });
  const id = values.id ?? values.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  const token = await issueToken({ sub: id, name: values.name, tenant: values.tenant, unit: values.unit ?? null, roles }, config.auth, Number(values.ttl));
  process.stdout.write(`${token}\n`);
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(2);
});
