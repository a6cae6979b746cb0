/**
 * Rebuilds a read model from the start of the event log without downtime for readers:
 *   npm run rebuild -- <projection> [--url http://127.0.0.1:3000] [--token <platform-operator bearer token>]
 * The running service (reporting, or the all-in-one app) builds the projection into new collections,
 * switches its readers to them once caught up, and drops the old ones. Without --token a short-lived
 * platform-operator token (`npm run token -- --operator`) is signed with AUTH_JWT_SECRET (or the
 * embedded development secret).
 * Exit codes: 0 rebuilt, 1 refused or failed (the server's message is printed), 2 usage.
 */
import { parseArgs } from 'node:util';
import { issueOperatorToken, loadConfig } from '@spbe/ledger-core';

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { url: { type: 'string' }, token: { type: 'string' } } });
  const [projection] = positionals;
  if (!projection || positionals.length > 1) {
    process.stderr.write('usage: npm run rebuild -- <projection> [--url http://127.0.0.1:3000] [--token <platform-operator token>]\n  projections: audit-trail, compliance-tenants, compliance, audit-views, evaluation-views (reporting)\n');
    return 2;
  }
  const url = (values.url ?? process.env.LEDGER_URL ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`).replace(/\/$/, '');
  const token = values.token ?? (await issueOperatorToken({ sub: 'rebuild-cli', name: 'npm run rebuild' }, loadConfig({ ...process.env, HOST: '127.0.0.1' }).auth, 600));
  const started = Date.now();
  process.stdout.write(`rebuilding ${projection} at ${url} …\n`);
  let res: Response;
  try {
    res = await fetch(`${url}/api/ops/projections/${encodeURIComponent(projection)}/rebuild`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
  } catch (err) {
    process.stderr.write(`cannot reach ${url}: ${err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err)} — is the service running?\n`);
    return 1;
  }
  const body = (await res.json().catch(() => ({}))) as { message?: string; events?: number; collections?: Record<string, string> };
  if (!res.ok) {
    process.stderr.write(`refused (${res.status}): ${body.message ?? res.statusText}\n`);
    return 1;
  }
  const collections = Object.entries(body.collections ?? {}).map(([logical, physical]) => `${logical} → ${physical}`).join(', ');
  process.stdout.write(`rebuilt ${projection}: ${body.events} events replayed in ${((Date.now() - started) / 1000).toFixed(1)} s; readers now use ${collections}\n`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
