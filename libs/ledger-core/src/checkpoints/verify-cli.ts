/**
 * Checks an exported audit-trail bundle offline, failing closed:
 *   npm run verify -- --export <file> [--key <public-key.pem>]
 * Exit 0 and a summary when every stream chain, checkpoint signature and link, and every event's
 * inclusion proof hold; exit 1 naming the first failure otherwise (2 for usage errors).
 */
import { createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ExportBundle, verifyExportBundle } from './export-bundle';

function main(): number {
  const { values } = parseArgs({ options: { export: { type: 'string' }, key: { type: 'string' } } });
  if (!values.export) {
    process.stderr.write('usage: npm run verify -- --export <file> [--key <public-key.pem>]\n');
    return 2;
  }
  let bundle: ExportBundle;
  try {
    bundle = JSON.parse(readFileSync(values.export, 'utf8')) as ExportBundle;
  } catch (err) {
    process.stderr.write(`GAGAL / FAILED: ${values.export} cannot be read as JSON (${err instanceof Error ? err.message : String(err)})\n`);
    return 1;
  }
  const key = values.key ? createPublicKey(readFileSync(values.key, 'utf8')) : undefined;
  const result = verifyExportBundle(bundle, key);
  if (!result.ok) {
    process.stderr.write(`GAGAL / FAILED at ${result.where}: ${result.reason}\n`);
    return 1;
  }
  process.stdout.write(
    `OK: ${result.tenantId}: ${result.events} events in ${result.streams} streams, ${result.checkpoints} checkpoints; verified against checkpoint ${result.verifiedAgainst?.sequence} (root ${result.verifiedAgainst?.root})` +
      `${result.keyPinned ? '' : ' — key taken from the bundle; pass --key to pin the ledger key'}\n`,
  );
  return 0;
}

process.exitCode = main();
