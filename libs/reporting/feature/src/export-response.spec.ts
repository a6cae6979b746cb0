import { createServer, get, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import { ValidationError } from '@spbe/ledger-core';
import { send, streamed } from './export-response';
import { Table, writeCsv } from './exports';
import { testAttestation } from './exports.fixture';

const attestation = testAttestation;

/** Rows that fail after `good` of them, as a read model lost in the middle of an export would. */
async function* failingRows(good: number): AsyncIterable<Record<string, unknown>> {
  for (let i = 1; i <= good; i++) yield { a: i };
  throw new Error('read model connection lost');
}

const table = (rows: Table['rows']): Table => ({ name: { id: 'T', en: 'T' }, columns: [{ key: 'a', header: { id: 'A', en: 'A' } }], rows });

/** A real HTTP server whose one route runs `handle`; resolves with what the client saw. */
async function over(handle: (res: import('node:http').ServerResponse) => Promise<void>): Promise<{ status?: number; headers: IncomingMessage['headers']; body: string; aborted: boolean; handlerError?: unknown }> {
  let handlerError: unknown;
  const server: Server = createServer((_req, res) => {
    handle(res).catch((err) => {
      handlerError = err;
      res.statusCode = 400;
      res.end('refused');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    const { port } = server.address() as AddressInfo;
    return await new Promise((resolve) => {
      get({ host: '127.0.0.1', port, path: '/' }, (res) => {
        const chunks: Buffer[] = [];
        let aborted = false;
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('aborted', () => (aborted = true));
        res.on('error', () => (aborted = true));
        res.on('close', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString('utf8'), aborted: aborted || !res.complete, handlerError }));
      });
    });
  } finally {
    await new Promise((r) => server.close(r));
  }
}

describe('export responses', () => {
  it('a complete CSV ends with its end-of-file line and the transfer completes', async () => {
    const got = await over((res) => send(res, 'csv', 'jejak', [table([{ a: 1 }, { a: 2 }])], attestation, 'id'));
    expect(got.status).toBe(200);
    expect(got.aborted).toBe(false);
    expect(got.headers['x-ledger-checkpoint-sequence']).toBe('3');
    expect(got.body.trimEnd().split('\r\n').slice(-3)).toEqual(['1', '2', '# Akhir berkas: 2 baris data.']);
  });

  it('a failure after streaming began aborts the connection: the client sees a failed transfer, and the partial CSV lacks its end line', async () => {
    const got = await over((res) => send(res, 'csv', 'jejak', [table(failingRows(2))], attestation, 'en'));
    expect(got.status).toBe(200);
    expect(got.aborted).toBe(true);
    expect(got.body).not.toContain('End of file');
  });

  it('a failure before anything was sent is an ordinary refusal, without the download headers', async () => {
    const got = await over((res) =>
      streamed(res, 'text/csv', 'x.csv', attestation, async () => {
        throw new ValidationError('format', 'not supported');
      }),
    );
    expect(got.handlerError).toBeInstanceOf(ValidationError);
    expect(got.status).toBe(400);
    expect(got.headers['content-disposition']).toBeUndefined();
    expect(got.headers['x-ledger-checkpoint-root']).toBeUndefined();
  });

  it('a reader that goes away ends the export instead of leaving it waiting to write', async () => {
    const out = new PassThrough({ highWaterMark: 16 });
    const many = async function* () {
      for (let i = 0; i < 10_000; i++) yield { a: i };
    };
    const writing = writeCsv(out, table(many()), attestation, 'id');
    setImmediate(() => out.destroy());
    await expect(writing).rejects.toThrow('export aborted: the connection was closed');
  });
});
