/**
 * Checks what the ledger exported, offline, failing closed:
 *   npm run verify -- --export <bundle.json | file.csv | file.xlsx | report.pdf> [--bundle <bundle.json>]
 *                     [--key <ledger-public.pem>] [--trusted <checkpoint.json | older-bundle.json>]
 *                     [--require-witness <witness-public.pem>] [--save-checkpoint <checkpoint.json>]
 * - a bundle: every stream chain, checkpoint signature, link and consistency proof, and that it holds every
 *   stream of the tenant, complete (with --trusted: extends the checkpoint saved earlier; with
 *   --require-witness: carries that witness's cosignature);
 * - a CSV or XLSX audit-trail export, with the tenant's bundle (--bundle): the bundle as above, then every row
 *   re-derived from the bundle's events with the export's own filter and compared cell by cell (an edited,
 *   missing or extra row is named);
 * - a PDF report: the bundle it embeds, as above.
 * Exit 0 and a summary; 1 naming the first failure; 2 for usage errors.
 */
import { createPublicKey, KeyObject } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { CHECKPOINT_FILE_FORMAT, ExportBundle, ExportVerification, TrustedCheckpoint, trustedCheckpointOf, verifyExportBundle } from '@spbe/ledger-core';
import { FileVerification, pdfAttachment, verifyCsvExport, verifyPdfExport, verifyXlsxExport } from './export-verify';

const USAGE =
  'usage: npm run verify -- --export <bundle.json | file.csv | file.xlsx | report.pdf> [--bundle <bundle.json>] [--key <ledger-public.pem>] [--trusted <checkpoint.json>] [--require-witness <witness-public.pem>] [--save-checkpoint <file>]\n';

const readJson = <T>(file: string): T => {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch (err) {
    throw new Error(`${file} cannot be read as JSON (${err instanceof Error ? err.message : String(err)})`);
  }
};

function trustedFrom(file: string): TrustedCheckpoint {
  const value = readJson<TrustedCheckpoint | ExportBundle>(file);
  return (value as TrustedCheckpoint).format === CHECKPOINT_FILE_FORMAT ? (value as TrustedCheckpoint) : trustedCheckpointOf(value as ExportBundle);
}

function summary(r: ExportVerification & { ok: true }): string {
  const against = r.verifiedAgainst;
  return (
    `${r.tenantId}: ${r.events} events in ${r.streams} streams, ${r.checkpoints} checkpoints; verified against checkpoint ${against?.sequence} (root ${against?.root}` +
    `${against?.treeSize ? `, ${against.treeSize} events in the log` : ''})` +
    `${r.complete ? '; complete: every stream of the tenant, each up to the checkpoint' : '; completeness not provable (bundle format 1)'}` +
    `${r.extends ? `; extends trusted checkpoint ${r.extends.sequence}` : ''}` +
    `${r.witnessed ? `; cosigned by witness ${r.witnessed}` : ''}` +
    `${r.keyPinned ? '' : ' — key taken from the bundle; pass --key to pin the ledger key'}`
  );
}

async function main(): Promise<number> {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({ options: { export: { type: 'string' }, bundle: { type: 'string' }, key: { type: 'string' }, trusted: { type: 'string' }, 'require-witness': { type: 'string' }, 'save-checkpoint': { type: 'string' } } }));
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
    return 2;
  }
  const file = values.export;
  if (!file) {
    process.stderr.write(USAGE);
    return 2;
  }
  const kind = /\.csv$/i.test(file) ? 'csv' : /\.xlsx$/i.test(file) ? 'xlsx' : /\.pdf$/i.test(file) ? 'pdf' : 'bundle';
  if ((kind === 'csv' || kind === 'xlsx') && !values.bundle) {
    process.stderr.write(`a ${kind} export is checked against the tenant's bundle: add --bundle <bundle.json> (GET …/integrity/export)\n${USAGE}`);
    return 2;
  }
  let result: FileVerification;
  let bundle: ExportBundle | undefined;
  try {
    const key: KeyObject | undefined = values.key ? createPublicKey(readFileSync(values.key, 'utf8')) : undefined;
    const options = { trusted: values.trusted ? trustedFrom(values.trusted) : undefined, requireWitness: values['require-witness'] ? createPublicKey(readFileSync(values['require-witness'], 'utf8')) : undefined };
    if (kind === 'bundle') {
      bundle = readJson<ExportBundle>(file);
      result = verifyExportBundle(bundle, key, options);
    } else if (kind === 'pdf') {
      const pdf = readFileSync(file);
      result = verifyPdfExport(pdf, key, options);
      const embedded = pdfAttachment(pdf);
      bundle = embedded ? (JSON.parse(embedded.toString('utf8')) as ExportBundle) : undefined;
    } else {
      bundle = readJson<ExportBundle>(values.bundle!);
      result = kind === 'csv' ? await verifyCsvExport(readFileSync(file, 'utf8'), bundle, key, options) : await verifyXlsxExport(readFileSync(file), bundle, key, options);
    }
  } catch (err) {
    process.stderr.write(`GAGAL / FAILED: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
  if (!result.ok) {
    process.stderr.write(`GAGAL / FAILED at ${result.where}: ${result.reason}\n`);
    return 1;
  }
  if (values['save-checkpoint'] && bundle) writeFileSync(values['save-checkpoint'], `${JSON.stringify(trustedCheckpointOf(bundle), null, 2)}\n`);
  const head = 'file' in result ? `OK: ${result.file}${result.rows === null ? ' (embedded bundle)' : `: ${result.rows} rows, each re-derived from the ledger`}; ` : 'OK: ';
  process.stdout.write(`${head}${summary('file' in result ? result.bundle : (result as ExportVerification & { ok: true }))}\n`);
  return 0;
}

main().then(
  (code) => (process.exitCode = code),
  (err: unknown) => {
    process.stderr.write(`GAGAL / FAILED: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
