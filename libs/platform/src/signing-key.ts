import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, generateSigningKey, LedgerConfig, SigningKey, signingKeyFromPem } from '@spbe/ledger-core';

/**
 * The ledger's checkpoint signing key: from LEDGER_SIGNING_KEY(_FILE); in the embedded mode, when
 * none is configured, one is generated once and kept in DATA_DIR (mode 0600) so checkpoints stay
 * verifiable across restarts. Distributed services without a key do not seal (health says so).
 */
export function resolveSigningKey(config: LedgerConfig): SigningKey | null {
  if (config.ledger.signingKeyPem) {
    try {
      return signingKeyFromPem(config.ledger.signingKeyPem);
    } catch (err) {
      throw new ConfigError('LEDGER_SIGNING_KEY', (err as Error).message);
    }
  }
  if (config.eventStore !== 'embedded') return null;
  const file = join(config.dataDir, 'ledger-signing-key.pem');
  if (existsSync(file)) return signingKeyFromPem(readFileSync(file, 'utf8'));
  const key = generateSigningKey();
  mkdirSync(config.dataDir, { recursive: true });
  writeFileSync(file, key.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), { mode: 0o600 });
  return key;
}
