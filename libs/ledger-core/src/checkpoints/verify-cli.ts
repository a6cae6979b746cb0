/**
 * Checks an exported audit-trail bundle offline, failing closed:
 *   npm run verify -- --export <bundle.json> [--key <ledger-public.pem>] [--trusted <checkpoint.json | older-bundle.json>]
 *                     [--require-witness <witness-public.pem>] [--save-checkpoint <checkpoint.json>]
 * Exit 0 and a summary when every stream chain, checkpoint signature, link and consistency proof hold and
 * the bundle holds every stream of the tenant, complete (and, with --trusted, extends the checkpoint saved
 * earlier, and with --require-witness carries that witness's cosignature of its checkpoint); exit 1 naming
 * the first failure otherwise (2 for usage errors). --save-checkpoint writes the
 * verified bundle's latest checkpoint for the next check.
 */
import { createPublicKey, KeyObject } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { CHECKPOINT_FILE_FORMAT, ExportBundle, TrustedCheckpoint, trustedCheckpointOf, verifyExportBundle } from './export-bundle';

const USAGE = 'usage: npm run verify -- --export <bundle.json> [--key <ledger-public.pem>] [--trusted <checkpoint.json>] [--require-witness <witness-public.pem>] [--save-checkpoint <file>]\n';

function readJson<T>(file: string, what: string): T {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch (err) {
    throw new Error(`${file} cannot be read as ${what} (${err instanceof Error ? err.message : String(err)})`);
  }
}

function trustedFrom(file: string): TrustedCheckpoint {
  const value = readJson<TrustedCheckpoint | ExportBundle>(file, 'JSON');
  if ((value as TrustedCheckpoint).format === CHECKPOINT_FILE_FORMAT) return value as TrustedCheckpoint;
  return trustedCheckpointOf(value as ExportBundle);
}

function main(): number {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({ options: { export: { type: 'string' }, key: { type: 'string' }, trusted: { type: 'string' }, 'require-witness': { type: 'string' }, 'save-checkpoint': { type: 'string' } } }));
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
    return 2;
  }
  if (!values.export) {
    process.stderr.write(USAGE);
    return 2;
  }
  let bundle: ExportBundle;
  let key: KeyObject | undefined;
  let trusted: TrustedCheckpoint | undefined;
  let requireWitness: KeyObject | undefined;
  try {
    bundle = readJson<ExportBundle>(values.export, 'JSON');
    key = values.key ? createPublicKey(readFileSync(values.key, 'utf8')) : undefined;
    trusted = values.trusted ? trustedFrom(values.trusted) : undefined;
    requireWitness = values['require-witness'] ? createPublicKey(readFileSync(values['require-witness'], 'utf8')) : undefined;
  } catch (err) {
    process.stderr.write(`GAGAL / FAILED: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
  const result = verifyExportBundle(bundle, key, { trusted, requireWitness });
  if (!result.ok) {
    process.stderr.write(`GAGAL / FAILED at ${result.where}: ${result.reason}\n`);
    return 1;
  }
  if (values['save-checkpoint']) writeFileSync(values['save-checkpoint'], `${JSON.stringify(trustedCheckpointOf(bundle), null, 2)}\n`);
  const against = result.verifiedAgainst;
  process.stdout.write(
    `OK: ${result.tenantId}: ${result.events} events in ${result.streams} streams, ${result.checkpoints} checkpoints; verified against checkpoint ${against?.sequence} (root ${against?.root}` +
      `${against?.treeSize ? `, ${against.treeSize} events in the log` : ''})` +
      `${result.complete ? '; complete: every stream of the tenant, each up to the checkpoint' : '; completeness not provable (bundle format 1)'}` +
      `${result.extends ? `; extends trusted checkpoint ${result.extends.sequence}` : ''}` +
      `${result.witnessed ? `; cosigned by witness ${result.witnessed}` : ''}` +
      `${result.keyPinned ? '' : ' — key taken from the bundle; pass --key to pin the ledger key'}\n`,
  );
  return 0;
}

process.exitCode = main();
