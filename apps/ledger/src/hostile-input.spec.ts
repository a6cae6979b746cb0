import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { Logger } from '@nestjs/common';
import { ledgerUnderTest } from './testing/ledger';

/**
 * Hostile input over HTTP (issue 12 item 8): unsupported charsets and encodings, bodies that are not
 * what they claim, JSON nested deeper than MAX_JSON_DEPTH. Each is a client error (4xx) with the usual
 * error body, without a token, on any route, and nothing is logged at error level.
 */
describe('hostile input (all-in-one app)', () => {
  const ledger = ledgerUnderTest('hostile');
  const { http } = ledger;
  const kupang = { tenantId: 'kota-kupang', name: 'Pemerintah Kota Kupang', kind: 'kota', profileId: 'kupang-perwali-11-2025' };

  /** Everything written at error level while `fn` runs: Nest's Logger.error, ERROR lines on stderr/stdout, pino level ≥ 50. */
  async function errorLogsDuring(fn: () => Promise<unknown>): Promise<string[]> {
    const seen: string[] = [];
    const nest = jest.spyOn(Logger.prototype, 'error').mockImplementation((...args: unknown[]) => void seen.push(`Logger.error ${args.map(String).join(' ')}`));
    const nestStatic = jest.spyOn(Logger, 'error').mockImplementation((...args: unknown[]) => void seen.push(`Logger.error ${args.map(String).join(' ')}`));
    const capture = (stream: NodeJS.WriteStream) => {
      const original = stream.write.bind(stream);
      return jest.spyOn(stream, 'write').mockImplementation(((chunk: unknown, ...rest: unknown[]) => {
        const text = String(chunk);
        if (/\bERROR\b|"level":(50|60|"error"|"fatal")/.test(text)) seen.push(text);
        return (original as (...a: unknown[]) => boolean)(chunk, ...rest);
      }) as never);
    };
    const out = capture(process.stdout);
    const err = capture(process.stderr);
    try {
      await fn();
    } finally {
      nest.mockRestore();
      nestStatic.mockRestore();
      out.mockRestore();
      err.mockRestore();
    }
    return seen;
  }

  const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
  /** Sends bytes as they are (superagent would JSON-serialise a Buffer under a JSON content type). */
  const raw = <T extends { serialize(fn: (b: unknown) => string): T; send(b: unknown): T }>(req: T, body: string | Buffer): T =>
    req.serialize((b) => b as string).send(body);

  it.each([
    ['charset latin1', { 'content-type': 'application/json; charset=latin1' }, '{}', 415, 'UNSUPPORTED_CHARSET'],
    ['charset utf-16', { 'content-type': 'application/json; charset=utf-16le' }, Buffer.from('{}', 'utf16le'), 415, 'UNSUPPORTED_CHARSET'],
    ['Content-Encoding x-unknown', { 'content-type': 'application/json', 'content-encoding': 'x-unknown' }, '{}', 415, 'UNSUPPORTED_CONTENT_ENCODING'],
    ['Content-Encoding br (even a valid brotli body)', { 'content-type': 'application/json', 'content-encoding': 'br' }, brotliCompressSync('{}'), 415, 'UNSUPPORTED_CONTENT_ENCODING'],
    ['Content-Encoding br with a plain body', { 'content-type': 'application/json', 'content-encoding': 'br' }, '{}', 415, 'UNSUPPORTED_CONTENT_ENCODING'],
    ['gzip that is not gzip', { 'content-type': 'application/json', 'content-encoding': 'gzip' }, '{"not":"gzip"}', 400, 'MALFORMED_BODY'],
    ['deflate that is not deflate', { 'content-type': 'application/json', 'content-encoding': 'deflate' }, '{"not":"deflate"}', 400, 'MALFORMED_BODY'],
    ['JSON nested 5,000 levels deep', { 'content-type': 'application/json' }, nested(5000), 400, 'JSON_TOO_DEEP'],
    ['gzip JSON nested 5,000 levels deep', { 'content-type': 'application/json', 'content-encoding': 'gzip' }, gzipSync(nested(5000)), 400, 'JSON_TOO_DEEP'],
    ['malformed JSON', { 'content-type': 'application/json' }, '{"a":', 400, 'MALFORMED_JSON'],
  ])('refuses %s without a token on /health, a write route and a token route, logging nothing at error level', async (_name, headers, body, status, code) => {
    for (const path of ['/health', '/health/live', '/api/registry/tenants', '/api/registry/tenants/kota-kupang/units']) {
      const logs = await errorLogsDuring(async () => {
        const req = http().post(path);
        for (const [k, v] of Object.entries(headers)) req.set(k, v);
        const res = await raw(req, body);
        expect({ path, status: res.status }).toEqual({ path, status });
        expect(res.body).toMatchObject({ statusCode: status, error: code, message: expect.stringContaining(' / ') });
        expect(res.text).not.toMatch(/\bat .*\.js:\d+/); // no stack in the response either
      });
      expect(logs).toEqual([]);
    }
  });

  it('refuses JSON deeper than MAX_JSON_DEPTH (default 64) and parses it up to the limit', async () => {
    const at = await http().post('/health').set('content-type', 'application/json').send(nested(64));
    expect(at.status).toBe(404); // parsed, then no such route
    const over = await http().post('/health').set('content-type', 'application/json').send(nested(65)).expect(400);
    expect(over.body).toMatchObject({ error: 'JSON_TOO_DEEP', message: expect.stringContaining('64') });
    // brackets inside strings are text, not nesting
    const koordinator = await ledger.as('koordinator', { tenant: 'kota-x' });
    const res = await http().post('/api/registry/tenants').set('authorization', koordinator).send({ ...kupang, tenantId: 'kota-x', name: `[{${'['.repeat(100)}"\\"{{{` });
    expect({ status: res.status, body: res.body }).toMatchObject({ status: 201, body: { tenantId: 'kota-x' } });
  });

  it('refuses a deeply nested body on a route with a DTO (no stack overflow in class-transformer)', async () => {
    const koordinator = await ledger.as('koordinator', { tenant: 'kota-deep' });
    const body = `{"tenantId":"kota-deep","name":"x","kind":"kota","profileId":"kupang-perwali-11-2025","extra":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}`;
    const logs = await errorLogsDuring(async () => {
      const res = await http().post('/api/registry/tenants').set('authorization', koordinator).set('content-type', 'application/json').send(body).expect(400);
      expect(res.body.error).toBe('JSON_TOO_DEEP');
    });
    expect(logs).toEqual([]);
  });

  it('accepts identity, gzip and deflate bodies', async () => {
    const as = (tenant: string) => ledger.as('koordinator', { tenant });
    const body = (id: string) => JSON.stringify({ ...kupang, tenantId: id });
    await http().post('/api/registry/tenants').set('authorization', await as('kota-plain')).set('content-type', 'application/json; charset=utf-8').send(body('kota-plain')).expect(201);
    await raw(http().post('/api/registry/tenants').set('authorization', await as('kota-gzip')).set('content-type', 'application/json').set('content-encoding', 'gzip'), gzipSync(body('kota-gzip'))).expect(201);
    await raw(http().post('/api/registry/tenants').set('authorization', await as('kota-deflate')).set('content-type', 'application/json').set('content-encoding', 'deflate'), deflateSync(body('kota-deflate'))).expect(201);
    await http().get('/api/registry/tenants/kota-gzip').set('authorization', await as('kota-gzip')).expect(200);
  });

  it('sets security headers (helmet) and keeps the dashboard its own Content-Security-Policy', async () => {
    const health = await http().get('/health/live').expect(200);
    expect(health.headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'x-frame-options': 'SAMEORIGIN', 'referrer-policy': 'no-referrer' });
    expect(health.headers['content-security-policy']).toContain("default-src 'self'");
    expect(health.headers['x-powered-by']).toBeUndefined();
    const page = await http().get('/').expect(200);
    expect(page.headers['content-security-policy']).toBe("default-src 'self'; img-src 'self' blob: data:; style-src 'self'; script-src 'self'; connect-src 'self'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.text).toContain('Buku Besar Tata Kelola SPBE');
    const script = await http().get('/dashboard/app.js').expect(200);
    expect(script.headers['content-type']).toContain('text/javascript');
    expect(script.headers['cross-origin-resource-policy']).toBe('same-origin');
  });

  it('answers every request with a request id: the client\'s X-Request-Id when well-formed, else a new one', async () => {
    const given = await http().get('/health/live').set('X-Request-Id', 'req-abc.123').expect(200);
    expect(given.headers['x-request-id']).toBe('req-abc.123');
    const fresh = await http().get('/health/live').expect(200);
    expect(fresh.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const hostile = await http().get('/health/live').set('X-Request-Id', 'a" b{}').expect(200);
    expect(hostile.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const refused = await http().post('/health').set('content-type', 'application/json; charset=latin1').set('X-Request-Id', 'req-415').send('{}').expect(415);
    expect(refused.headers['x-request-id']).toBe('req-415');
  });
});
