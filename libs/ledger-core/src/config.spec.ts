import { ConfigError, DEFAULT_DEV_SECRET, loadConfig } from './config';

describe('loadConfig', () => {
  it('defaults to the embedded adapters on port 3000 with data in ./data', () => {
    expect(loadConfig({})).toMatchObject({ port: 3000, host: '127.0.0.1', dataDir: './data', eventStore: 'embedded', bus: 'memory', readModels: 'memory', maxPayloadBytes: 262144 });
    expect(loadConfig({ PORT: '8080', DATA_DIR: '/var/lib/spbe' })).toMatchObject({ port: 8080, dataDir: '/var/lib/spbe' });
    expect(loadConfig({}).reporting).toEqual({ maxPage: 200, xlsxMaxRows: 100_000 });
  });

  it.each([
    [{ EVENT_STORE: 'mysql' }, 'EVENT_STORE: "mysql" is not one of embedded | postgres | esdb'],
    [{ BUS: 'rabbit' }, 'BUS: "rabbit" is not one of memory | kafka'],
    [{ READ_MODELS: 'redis' }, 'READ_MODELS: "redis" is not one of memory | mongo'],
    [{ PORT: 'abc' }, 'PORT: "abc" is not an integer from 0 to 65535'],
    [{ PORT: '70000' }, 'PORT: "70000" is not an integer from 0 to 65535'],
    [{ EVENT_STORE: 'postgres' }, 'POSTGRES_URL: is required by the chosen adapter'],
    [{ EVENT_STORE: 'postgres', POSTGRES_URL: 'mysql://x' }, 'POSTGRES_URL: "mysql://x" must start with postgres: or postgresql://'],
    [{ EVENT_STORE: 'esdb' }, 'ESDB_URL: is required by the chosen adapter'],
    [{ BUS: 'kafka' }, 'KAFKA_BROKERS: is required when BUS=kafka (e.g. 127.0.0.1:9092)'],
    [{ BUS: 'kafka', KAFKA_BROKERS: 'localhost' }, 'KAFKA_BROKERS: "localhost" is not host:port'],
    [{ READ_MODELS: 'mongo', MONGO_URL: 'http://x' }, 'MONGO_URL: "http://x" must start with mongodb: or mongodb+srv://'],
    [{ MAX_PAYLOAD_BYTES: '12' }, 'MAX_PAYLOAD_BYTES: "12" is not an integer from 1024 to 16777216'],
    [{ AUTH_JWT_SECRET: 'short' }, 'AUTH_JWT_SECRET: must be at least 32 characters'],
    [{ LEDGER_SIGNING_KEY: 'abc' }, 'LEDGER_SIGNING_KEY: must be an Ed25519 private key in PKCS#8 PEM'],
    [{ LEDGER_SIGNING_KEY_FILE: '/nonexistent/key.pem' }, 'LEDGER_SIGNING_KEY_FILE: cannot be read'],
    [{ LEDGER_CHECKPOINT_EVENTS: '0' }, 'LEDGER_CHECKPOINT_EVENTS: "0" is not an integer from 1 to 4000'],
    [{ KAFKA_TOPIC_PREFIX: 'a b' }, "KAFKA_TOPIC_PREFIX: \"a b\" may only contain"],
    [{ REPORTING_MAX_PAGE: '0' }, 'REPORTING_MAX_PAGE: "0" is not an integer from 1 to 10000'],
    [{ REPORTING_XLSX_MAX_ROWS: 'many' }, 'REPORTING_XLSX_MAX_ROWS: "many" is not an integer from 1 to 1000000'],
  ])('stops on %j with one clear line', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('refuses the default development secret on a non-loopback address', () => {
    expect(() => loadConfig({ HOST: '0.0.0.0' })).toThrow('AUTH_JWT_SECRET: the default development secret is refused on the non-loopback address 0.0.0.0');
    expect(loadConfig({ HOST: '0.0.0.0', AUTH_JWT_SECRET: 'x'.repeat(32) }).auth.secret).toBe('x'.repeat(32));
    expect(loadConfig({ HOST: 'localhost' }).auth.secret).toBe(DEFAULT_DEV_SECRET);
    expect(loadConfig({ HOST: '0.0.0.0', AUTH_JWKS_URL: 'https://sso.example.go.id/jwks.json' }).auth).toMatchObject({ secret: undefined, jwksUrl: 'https://sso.example.go.id/jwks.json' });
  });
});
