import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { issueToken, LedgerConfig, loadConfig, Role, TokenClaims } from '@spbe/ledger-core';
import { createApp } from '@spbe/platform';
import { ledgerAppModule } from '../app.module';

export interface LedgerUnderTest {
  readonly app: INestApplication;
  readonly config: LedgerConfig;
  readonly dataDir: string;
  /** The base URL when started with `listen` (127.0.0.1 and an ephemeral port). */
  readonly url: string;
  http(): ReturnType<typeof request>;
  /** `Bearer …` for an official with one role, by default `Pejabat <role>` of Kota Kupang. */
  as(role: Role, claims?: Partial<TokenClaims>): Promise<string>;
  /** Closes the app and starts it again on the same data directory. */
  restart(): Promise<void>;
}

export interface LedgerUnderTestOptions {
  /** Configuration variables besides DATA_DIR (e.g. REPORTING_MAX_PAGE). */
  env?: Record<string, string>;
  /** Listen on a port (for clients outside supertest: a browser, a CLI); otherwise only initialised. */
  listen?: boolean;
}

/**
 * The all-in-one app on embedded storage in a fresh data directory, started in `beforeAll` and closed
 * (directory removed) in `afterAll`. Call it at the top of a `describe`; later `beforeAll` hooks of the
 * spec run after the app is up.
 */
export function ledgerUnderTest(name: string, options: LedgerUnderTestOptions = {}): LedgerUnderTest {
  const dataDir = mkdtempSync(join(tmpdir(), `spbe-${name}-`));
  let app: INestApplication | undefined;
  let config: LedgerConfig | undefined;
  let url = '';
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the all-in-one app is used before beforeAll started it');
    return value;
  };
  const start = async () => {
    const c = started(config);
    app = await createApp(ledgerAppModule(c), c, { title: 't', description: 't' });
    if (options.listen) {
      await app.listen(0, '127.0.0.1');
      url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    } else {
      await app.init();
    }
  };
  beforeAll(async () => {
    // Overdue runs only on demand unless a spec asks for the schedule: a run a minute after start would
    // otherwise add markers in the middle of longer specs.
    config = loadConfig({ DATA_DIR: dataDir, AUDIT_OVERDUE_EVERY_MINUTES: '0', ...options.env });
    await start();
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
    // The embedded signing key lives beside the data, never in it (LEDGER_KEYS_DIR default).
    rmSync(`${dataDir}-keys`, { recursive: true, force: true });
  });
  return {
    get app() {
      return started(app);
    },
    get config() {
      return started(config);
    },
    dataDir,
    get url() {
      return url;
    },
    http: () => request(started(app).getHttpServer()),
    as: async (role, claims = {}) =>
      `Bearer ${await issueToken({ sub: `u-${role}`, name: `Pejabat ${role}`, tenant: 'kota-kupang', roles: [role], ...claims }, started(config).auth)}`,
    restart: async () => {
      await started(app).close();
      await start();
    },
  };
}
