import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { createJsonLogger, currentRequestId, PinoLoggerService, requestContext, requestLogging } from './logging';

/** The lines a JSON logger writes, parsed. */
function sink() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, destination };
}

describe('JSON logs (pino) behind Nest\'s LoggerService', () => {
  it('writes one JSON object per line with level, time, service, context and message', () => {
    const { lines, destination } = sink();
    const log = new PinoLoggerService(createJsonLogger({ level: 'info', service: 'ledger', destination }));
    log.log('listening', 'Bootstrap');
    log.warn('slow', 'Forwarder');
    log.debug('hidden below info', 'X');
    expect(lines).toEqual([
      expect.objectContaining({ level: 30, service: 'ledger', context: 'Bootstrap', msg: 'listening', time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) }),
      expect.objectContaining({ level: 40, context: 'Forwarder', msg: 'slow' }),
    ]);
  });

  it("maps Nest's error(message, stack, context) and error(message, context)", () => {
    const { lines, destination } = sink();
    const log = new PinoLoggerService(createJsonLogger({ level: 'info', service: 'ledger', destination }));
    log.error('boom', 'Error: boom\n    at x (y.js:1:1)', 'HTTP');
    log.error('no stack', undefined, 'HTTP');
    log.error('only a stack', 'Error: z\n    at a (b.js:2:2)');
    log.error(new Error('as error'));
    expect(lines[0]).toMatchObject({ level: 50, msg: 'boom', context: 'HTTP', stack: expect.stringContaining('at x') });
    expect(lines[1]).toMatchObject({ level: 50, msg: 'no stack', context: 'HTTP' });
    expect(lines[1].stack).toBeUndefined();
    expect(lines[2]).toMatchObject({ msg: 'only a stack', stack: expect.stringContaining('at a') });
    expect(lines[2].context).toBeUndefined();
    expect(lines[3]).toMatchObject({ msg: 'as error', err: expect.objectContaining({ message: 'as error' }) });
  });

  it('stamps the request id of the request being handled on every line', () => {
    const { lines, destination } = sink();
    const log = new PinoLoggerService(createJsonLogger({ level: 'info', service: 'ledger', destination }));
    requestContext.run({ requestId: 'req-1' }, () => log.log('inside', 'X'));
    log.log('outside', 'X');
    expect(lines[0]).toMatchObject({ msg: 'inside', requestId: 'req-1' });
    expect(lines[1].requestId).toBeUndefined();
  });
});

describe('requestLogging', () => {
  it('logs one line per request with its request id (the client\'s or a new one) and returns it in X-Request-Id', async () => {
    const { lines, destination } = sink();
    const logger = createJsonLogger({ level: 'info', service: 'ledger', destination });
    const middleware = requestLogging(logger);
    const server = createServer((req, res) =>
      middleware(req, res, () => {
        (req as { principal?: unknown }).principal = { id: 'u-1', tenantId: 'kota-kupang', roles: [] };
        logger.warn('handled');
        res.statusCode = req.url === '/missing' ? 404 : 200;
        res.end(currentRequestId());
      }),
    );
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const given = await fetch(`${base}/health?x=1`, { headers: { 'x-request-id': 'req-42' } });
      expect(given.headers.get('x-request-id')).toBe('req-42');
      expect(await given.text()).toBe('req-42');
      const fresh = await fetch(`${base}/missing`, { headers: { 'x-request-id': 'x'.repeat(200) } });
      const id = fresh.headers.get('x-request-id');
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      await new Promise((r) => setTimeout(r, 50));
      const requests = lines.filter((l) => l.msg === 'request');
      expect(requests).toEqual([
        expect.objectContaining({ level: 30, requestId: 'req-42', req: { method: 'GET', path: '/health?x=1' }, res: { status: 200 }, ms: expect.any(Number), user: { id: 'u-1', tenantId: 'kota-kupang' } }),
        expect.objectContaining({ requestId: id, res: { status: 404 } }),
      ]);
      expect(lines.find((l) => l.msg === 'handled')).toMatchObject({ requestId: 'req-42' });
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
