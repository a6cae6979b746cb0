import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { resolve as resolvePath } from 'node:path';

/**
 * Configuration from environment variables, validated at start. A bad value stops the start with
 * one line naming the variable and what it accepts.
 */
export class ConfigError extends Error {
  constructor(readonly variable: string, message: string) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}

export const DEFAULT_DEV_SECRET = 'spbe-ledger-embedded-development-secret-change-me';

export interface LedgerConfig {
  port: number;
  host: string;
  dataDir: string;
  eventStore: 'embedded' | 'postgres' | 'esdb';
  bus: 'memory' | 'kafka';
  readModels: 'memory' | 'mongo';
  postgresUrl?: string;
  esdbUrl?: string;
  kafkaBrokers?: string[];
  kafkaClientId: string;
  /** Namespace for topic names (KAFKA_TOPIC_PREFIX), e.g. `staging.`; empty by default. */
  kafkaTopicPrefix: string;
  mongoUrl?: string;
  mongoDb: string;
  maxPayloadBytes: number;
  /** Deepest JSON nesting a request body may have (MAX_JSON_DEPTH, default 64), checked before parsing. */
  maxJsonDepth: number;
  /**
   * Bearer tokens: HS256 secret or JWKS URL, issuer, audience; the longest accepted lifetime `exp - iat`
   * (AUTH_TOKEN_MAX_LIFETIME_SECONDS, default 12 h) and how far `iat` may lie ahead (AUTH_CLOCK_SKEW_SECONDS, default 60).
   */
  auth: { secret?: string; jwksUrl?: string; issuer: string; audience: string; maxLifetimeSeconds: number; clockSkewSeconds: number };
  /**
   * Requests per minute per user (per address before sign-in) on heavy routes — integrity verify and
   * exports (RATE_LIMIT_HEAVY_PER_MINUTE, default 20) — and on authentication (RATE_LIMIT_AUTH_PER_MINUTE,
   * default 10); 0 turns a limit off.
   */
  rateLimit: { heavyPerMinute: number; authPerMinute: number };
  /** LOG_LEVEL for the JSON logs; unset: info, or warn under NODE_ENV=test. */
  logLevel?: LogLevel;
  consumerMaxAttempts: number;
  /** Kafka consumer group of the reporting projections. */
  reportingGroupId: string;
  /** Reporting limits: largest audit-trail page (REPORTING_MAX_PAGE) and largest XLSX export in rows (REPORTING_XLSX_MAX_ROWS). */
  reporting: { maxPage: number; xlsxMaxRows: number };
  /**
   * The audit-scheduler's overdue run (AUDIT_OVERDUE_EVERY_MINUTES, default 1440 = daily; 0 = only on
   * demand): the first run one minute after start, then every so many minutes.
   */
  auditOverdueEveryMinutes: number;
  /** Ledger checkpoints: Ed25519 key (PKCS#8 PEM) and block size / interval. */
  ledger: {
    signingKeyPem?: string;
    /** The key the ledger was signed with before a rotation; the next checkpoint signed with it announces the new one. */
    previousSigningKeyPem?: string;
    /** Embedded mode: where the generated key is kept, outside DATA_DIR (default: DATA_DIR followed by `-keys`). */
    keysDir: string;
    checkpointEvents: number;
    checkpointSeconds: number;
  };
}

type Env = Record<string, string | undefined>;

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const v = env[name];
  if (v === undefined || v === '') return fallback;
  if (!allowed.includes(v as T)) throw new ConfigError(name, `"${v}" is not one of ${allowed.join(' | ')}`);
  return v as T;
}

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const v = env[name];
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw new ConfigError(name, `"${v}" is not an integer from ${min} to ${max}`);
  return n;
}

function url(env: Env, name: string, protocols: string[], required: boolean): string | undefined {
  const v = env[name];
  if (!v) {
    if (required) throw new ConfigError(name, 'is required by the chosen adapter');
    return undefined;
  }
  let u: URL;
  try {
    u = new URL(v);
  } catch {
    throw new ConfigError(name, `"${v}" is not a URL`);
  }
  if (!protocols.includes(u.protocol)) throw new ConfigError(name, `"${v}" must start with ${protocols.join(' or ')}//`);
  return v;
}

/** A private key from `<NAME>` or the file `<NAME>_FILE` (LEDGER_SIGNING_KEY, LEDGER_PREVIOUS_SIGNING_KEY). */
function signingKeyPem(env: Env, name = 'LEDGER_SIGNING_KEY'): string | undefined {
  const fileVar = `${name}_FILE`;
  let pem = env[name] || undefined;
  if (!pem && env[fileVar]) {
    try {
      pem = readFileSync(env[fileVar] as string, 'utf8');
    } catch (err) {
      throw new ConfigError(fileVar, `cannot be read: ${(err as Error).message}`);
    }
  }
  if (pem && !pem.includes('-----BEGIN PRIVATE KEY-----')) throw new ConfigError(pem === env[name] ? name : fileVar, 'must be an Ed25519 private key in PKCS#8 PEM (-----BEGIN PRIVATE KEY-----)');
  return pem;
}

function topicPrefix(env: Env): string {
  const v = env.KAFKA_TOPIC_PREFIX ?? '';
  if (!/^[A-Za-z0-9._-]{0,100}$/.test(v)) throw new ConfigError('KAFKA_TOPIC_PREFIX', `"${v}" may only contain letters, digits, '.', '_' and '-'`);
  return v;
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || (isIP(host) === 4 && host.startsWith('127.'));
}

export interface ConfigDefaults {
  port?: number;
  eventStore?: LedgerConfig['eventStore'];
  bus?: LedgerConfig['bus'];
  readModels?: LedgerConfig['readModels'];
}

export function loadConfig(env: Env = process.env, defaults: ConfigDefaults = {}): LedgerConfig {
  const eventStore = oneOf(env, 'EVENT_STORE', ['embedded', 'postgres', 'esdb'] as const, defaults.eventStore ?? 'embedded');
  const bus = oneOf(env, 'BUS', ['memory', 'kafka'] as const, defaults.bus ?? 'memory');
  const readModels = oneOf(env, 'READ_MODELS', ['memory', 'mongo'] as const, defaults.readModels ?? 'memory');
  const host = env.HOST || '127.0.0.1';
  const brokers = env.KAFKA_BROKERS?.split(',').map((b) => b.trim()).filter(Boolean);
  if (bus === 'kafka' && !brokers?.length) throw new ConfigError('KAFKA_BROKERS', 'is required when BUS=kafka (e.g. 127.0.0.1:9092)');
  for (const b of brokers ?? []) {
    if (!/^[A-Za-z0-9.-]+:\d{1,5}$/.test(b)) throw new ConfigError('KAFKA_BROKERS', `"${b}" is not host:port`);
  }
  const secret = env.AUTH_JWT_SECRET || undefined;
  const jwksUrl = url(env, 'AUTH_JWKS_URL', ['https:', 'http:'], false);
  if (secret && secret.length < 32) throw new ConfigError('AUTH_JWT_SECRET', 'must be at least 32 characters');
  const effectiveSecret = jwksUrl ? secret : secret ?? DEFAULT_DEV_SECRET;
  if (effectiveSecret === DEFAULT_DEV_SECRET && !isLoopback(host)) {
    throw new ConfigError('AUTH_JWT_SECRET', `the default development secret is refused on the non-loopback address ${host}; set AUTH_JWT_SECRET or AUTH_JWKS_URL`);
  }
  return {
    port: int(env, 'PORT', defaults.port ?? 3000, 0, 65535),
    host,
    dataDir: env.DATA_DIR || './data',
    eventStore,
    bus,
    readModels,
    postgresUrl: url(env, 'POSTGRES_URL', ['postgres:', 'postgresql:'], eventStore === 'postgres'),
    esdbUrl: url(env, 'ESDB_URL', ['esdb:', 'esdb+discover:'], eventStore === 'esdb'),
    kafkaBrokers: brokers,
    kafkaClientId: env.KAFKA_CLIENT_ID || 'spbe-ledger',
    kafkaTopicPrefix: topicPrefix(env),
    mongoUrl: url(env, 'MONGO_URL', ['mongodb:', 'mongodb+srv:'], readModels === 'mongo'),
    mongoDb: env.MONGO_DB || 'spbe',
    maxPayloadBytes: int(env, 'MAX_PAYLOAD_BYTES', 256 * 1024, 1024, 16 * 1024 * 1024),
    maxJsonDepth: int(env, 'MAX_JSON_DEPTH', 64, 8, 256),
    auth: {
      secret: effectiveSecret,
      jwksUrl,
      issuer: env.AUTH_ISSUER || 'spbe-ledger',
      audience: env.AUTH_AUDIENCE || 'spbe-ledger',
      maxLifetimeSeconds: int(env, 'AUTH_TOKEN_MAX_LIFETIME_SECONDS', 12 * 3600, 60, 7 * 86_400),
      clockSkewSeconds: int(env, 'AUTH_CLOCK_SKEW_SECONDS', 60, 0, 600),
    },
    rateLimit: {
      heavyPerMinute: int(env, 'RATE_LIMIT_HEAVY_PER_MINUTE', 20, 0, 100_000),
      authPerMinute: int(env, 'RATE_LIMIT_AUTH_PER_MINUTE', 10, 0, 100_000),
    },
    logLevel: env.LOG_LEVEL ? oneOf(env, 'LOG_LEVEL', LOG_LEVELS, 'info') : undefined,
    consumerMaxAttempts: int(env, 'CONSUMER_MAX_ATTEMPTS', 5, 1, 100),
    reportingGroupId: env.REPORTING_GROUP_ID || 'spbe-reporting',
    reporting: {
      maxPage: int(env, 'REPORTING_MAX_PAGE', 200, 1, 10_000),
      xlsxMaxRows: int(env, 'REPORTING_XLSX_MAX_ROWS', 100_000, 1, 1_000_000),
    },
    auditOverdueEveryMinutes: int(env, 'AUDIT_OVERDUE_EVERY_MINUTES', 1440, 0, 7 * 1440),
    ledger: {
      signingKeyPem: signingKeyPem(env),
      previousSigningKeyPem: signingKeyPem(env, 'LEDGER_PREVIOUS_SIGNING_KEY'),
      keysDir: resolvePath(env.LEDGER_KEYS_DIR || `${resolvePath(env.DATA_DIR || './data')}-keys`),
      checkpointEvents: int(env, 'LEDGER_CHECKPOINT_EVENTS', 1000, 1, 4000),
      checkpointSeconds: int(env, 'LEDGER_CHECKPOINT_SECONDS', 10, 1, 86_400),
    },
  };
}
