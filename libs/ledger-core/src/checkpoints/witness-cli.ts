/**
 * The witness (the Inspektorat, or any party outside the Dinas that runs the server):
 *   npm run witness -- --generate-key witness-key.pem            (once; prints the public key to publish)
 *   npm run witness -- --url http://ledger:3000 --token <inspektorat token> --key witness-key.pem \
 *                      --ledger-key ledger-public.pem --state witness-state.json
 * Fetches the checkpoints after the one it cosigned last (kept in --state), checks that each is signed
 * by the pinned ledger key (or one the ledger announced), linked and consistent with the previous one —
 * the ledger only grew — then cosigns the latest and records the cosignature. Refuses (exit 1, naming
 * the checkpoint) when the ledger was rewritten. Exit 2 for usage errors.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { generateSigningKey } from './checkpoint';
import { WitnessState, witnessOnce } from './witness-client';

const USAGE = 'usage: npm run witness -- --url <ledger url> --token <token> --key <witness-key.pem> --ledger-key <ledger-public.pem> --state <state.json>\n       npm run witness -- --generate-key <witness-key.pem>\n';

async function main(): Promise<number> {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({ options: { url: { type: 'string' }, token: { type: 'string' }, key: { type: 'string' }, 'ledger-key': { type: 'string' }, state: { type: 'string' }, 'generate-key': { type: 'string' } } }));
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
    return 2;
  }
  if (values['generate-key']) {
    const k = generateSigningKey();
    writeFileSync(values['generate-key'], k.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), { mode: 0o600 });
    process.stdout.write(`${k.publicKey.export({ type: 'spki', format: 'pem' })}# witness key id ${k.keyId}\n`);
    return 0;
  }
  if (!values.url || !values.token || !values.key || !values['ledger-key'] || !values.state) {
    process.stderr.write(USAGE);
    return 2;
  }
  const state: WitnessState = existsSync(values.state) ? (JSON.parse(readFileSync(values.state, 'utf8')) as WitnessState) : { lastCosigned: null, announcedKeys: [] };
  const outcome = await witnessOnce({ url: values.url.replace(/\/$/, ''), token: values.token, witnessKeyPem: readFileSync(values.key, 'utf8'), ledgerKeyPem: readFileSync(values['ledger-key'], 'utf8'), state });
  if (!outcome.ok) {
    process.stderr.write(`GAGAL / REFUSED: ${outcome.reason}\n`);
    return 1;
  }
  writeFileSync(values.state, `${JSON.stringify(outcome.state, null, 2)}\n`);
  process.stdout.write(outcome.cosigned === null ? 'OK: nothing new to cosign\n' : `OK: cosigned checkpoint ${outcome.cosigned}\n`);
  return 0;
}

main().then(
  (code) => (process.exitCode = code),
  (err: unknown) => {
    process.stderr.write(`GAGAL / FAILED: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
