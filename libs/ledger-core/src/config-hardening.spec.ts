import { ConfigError, loadConfig } from './config';

/** The configuration variables of issue 12 items 8 and 9: defaults and refusals of bad values. */
describe('configuration: input limits, token lifetime, rate limits, log level', () => {
  it('has defaults', () => {
    const c = loadConfig({});
    expect(c.maxJsonDepth).toBe(64);
    expect(c.auth).toMatchObject({ maxLifetimeSeconds: 12 * 3600, clockSkewSeconds: 60 });
    expect(c.rateLimit).toEqual({ heavyPerMinute: 20, authPerMinute: 10 });
    expect(c.logLevel).toBeUndefined();
  });

  it('reads the variables', () => {
    const c = loadConfig({ MAX_JSON_DEPTH: '32', AUTH_TOKEN_MAX_LIFETIME_SECONDS: '3600', AUTH_CLOCK_SKEW_SECONDS: '0', RATE_LIMIT_HEAVY_PER_MINUTE: '0', RATE_LIMIT_AUTH_PER_MINUTE: '5', LOG_LEVEL: 'debug' });
    expect(c).toMatchObject({ maxJsonDepth: 32, auth: { maxLifetimeSeconds: 3600, clockSkewSeconds: 0 }, rateLimit: { heavyPerMinute: 0, authPerMinute: 5 }, logLevel: 'debug' });
  });

  it.each([
    ['MAX_JSON_DEPTH', '5000'],
    ['MAX_JSON_DEPTH', '2'],
    ['AUTH_TOKEN_MAX_LIFETIME_SECONDS', '31536000'],
    ['AUTH_CLOCK_SKEW_SECONDS', '-1'],
    ['RATE_LIMIT_HEAVY_PER_MINUTE', 'many'],
    ['LOG_LEVEL', 'loud'],
  ])('refuses %s=%s naming the variable', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`^${name}: `));
  });
});
