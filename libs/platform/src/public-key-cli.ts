/**
 * Prints the ledger's public key (PEM), its key id and SHA-256 fingerprint, for the Inspektorat to pin:
 *   npm run ledger:public-key [-- --out ledger-public.pem]
 * Reads the same configuration as the app (LEDGER_SIGNING_KEY(_FILE), or the embedded keys directory
 * LEDGER_KEYS_DIR / DATA_DIR). Never creates a key: exit 1 when there is none yet.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '@spbe/ledger-core';
import { fingerprintOf, publicKeyPem, resolveSigningKey } from './signing-key';

function main(): number {
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  let resolved;
  try {
    resolved = resolveSigningKey(loadConfig(process.env), { generate: false });
  } catch (err) {
    process.stderr.write(`${err instanceof ConfigError ? 'configuration error: ' : ''}${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
  if (!resolved) {
    process.stderr.write('belum ada kunci penandatangan / no ledger signing key yet: start the ledger once (npm start), or set LEDGER_SIGNING_KEY_FILE\n');
    return 1;
  }
  const pem = publicKeyPem(resolved.key);
  if (values.out) writeFileSync(values.out, pem);
  process.stdout.write(`${pem}# key id ${resolved.key.keyId}\n# SHA-256 ${fingerprintOf(resolved.key)}\n# from ${resolved.source}\n`);
  return 0;
}

process.exitCode = main();
