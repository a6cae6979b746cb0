import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, generateSigningKey, LedgerConfig, SigningKey, signingKeyFromPem } from '@spbe/ledger-core';

export const KEY_FILE = 'ledger-signing-key.pem';

/** SHA-256 over the public key (SPKI DER), hex in pairs: what the Inspektorat compares when pinning the key. */
export function fingerprintOf(key: Pick<SigningKey, 'publicKey'>): string {
  const der = key.publicKey.export({ type: 'spki', format: 'der' });
  return (createHash('sha256').update(der).digest('hex').match(/../g) ?? []).join(':');
}

export const publicKeyPem = (key: Pick<SigningKey, 'publicKey'>) => key.publicKey.export({ type: 'spki', format: 'pem' }).toString();

function fromPem(pem: string, variable: string): SigningKey {
  try {
    return signingKeyFromPem(pem);
  } catch (err) {
    throw new ConfigError(variable, (err as Error).message);
  }
}

/**
 * The ledger's checkpoint signing key and where it came from. In production only from
 * LEDGER_SIGNING_KEY(_FILE), kept outside the data. In the embedded mode, when none is configured, one is
 * generated once into its own keys directory (LEDGER_KEYS_DIR, default `<DATA_DIR>-keys`, mode 0700, the
 * file 0600), never among the event store's files: whoever can edit the data directory does not hold
 * the key by that alone. A key an older version kept in DATA_DIR is moved there. Distributed services
 * without a key do not seal (health says so). `generate: false` never creates one (the public-key CLI).
 */
export function resolveSigningKey(config: LedgerConfig, options: { generate?: boolean } = {}): { key: SigningKey; source: string } | null {
  if (config.ledger.signingKeyPem) return { key: fromPem(config.ledger.signingKeyPem, 'LEDGER_SIGNING_KEY'), source: 'LEDGER_SIGNING_KEY' };
  if (config.eventStore !== 'embedded') return null;
  const dir = config.ledger.keysDir;
  const file = join(dir, KEY_FILE);
  const legacy = join(config.dataDir, KEY_FILE);
  if (!existsSync(file) && existsSync(legacy)) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    renameSync(legacy, file);
    chmodSync(file, 0o600);
  }
  if (existsSync(file)) return { key: fromPem(readFileSync(file, 'utf8'), 'LEDGER_KEYS_DIR'), source: file };
  if (options.generate === false) return null;
  const key = generateSigningKey();
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeFileSync(file, key.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), { mode: 0o600 });
  return { key, source: file };
}

/** The key before a rotation (LEDGER_PREVIOUS_SIGNING_KEY(_FILE)), if configured. */
export function resolvePreviousSigningKey(config: LedgerConfig): SigningKey | undefined {
  return config.ledger.previousSigningKeyPem ? fromPem(config.ledger.previousSigningKeyPem, 'LEDGER_PREVIOUS_SIGNING_KEY') : undefined;
}
