import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { LedgerError, LedgerErrorKind } from '@spbe/ledger-core';
import { ACCEPTED_CONTENT_ENCODINGS } from './request-guards';

export const STATUS_BY_KIND: Record<LedgerErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'too-large': 413,
  'rule-violated': 422,
};

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details?: Record<string, unknown>;
  legalBasis?: { regulation: string; article: string };
}

/** Seconds a client is asked to wait (Retry-After) when a backing server is unreachable. */
export const RETRY_AFTER_SECONDS = 2;

/**
 * Maps typed ledger errors to HTTP once; everything else keeps Nest's status, body-parser's and the
 * request guards' client errors their 4xx, an unreachable event store, read-model store or bus is
 * 503 with Retry-After, unknown errors are 500. A 500 is logged at error with its stack; a 503 at
 * warn in one line (the outage is the server's, not a bug); a client error is the client's, and the
 * request line already records it.
 */
@Catch()
export class LedgerExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const res = http.getResponse<{ status(n: number): { json(b: unknown): void }; setHeader?(name: string, value: string): void }>();
    const body = toErrorBody(exception);
    if (body.statusCode >= 500) {
      const req = http.getRequest<{ method?: string; originalUrl?: string; url?: string }>();
      const line = `${req?.method ?? ''} ${req?.originalUrl ?? req?.url ?? ''}: ${exception instanceof Error ? exception.message : String(exception)}`;
      if (body.statusCode === 503) this.logger.warn(`${line} (${body.details?.['cause'] ?? 'unavailable'}; answered 503)`);
      else this.logger.error(line, exception instanceof Error ? exception.stack : undefined);
    }
    if (body.statusCode === 503) res.setHeader?.('Retry-After', String(RETRY_AFTER_SECONDS));
    res.status(body.statusCode).json(body);
  }
}

/** Socket-level failures reaching a server (Node system error codes). */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/** PostgreSQL SQLSTATEs of a server going away or not accepting connections (class 08: connection exception). */
const PG_UNAVAILABLE = /^(08...|57P0[123]|53300)$/;
/** Errors of node-postgres, the MongoDB driver and kafkajs that mean the server cannot be reached. */
const UNAVAILABLE_NAMES = new Set(['MongoNetworkError', 'MongoNetworkTimeoutError', 'MongoServerSelectionError', 'MongoPoolClearedError', 'MongoTopologyClosedError', 'KafkaJSConnectionError', 'KafkaJSConnectionClosedError']);
const UNAVAILABLE_MESSAGES = /^Connection terminated|^Client has encountered a connection error|^timeout exceeded when trying to connect|the database system is (shutting down|starting up|in recovery mode)|failed to connect to `|connect: connection refused/;

/**
 * The reason when an error (or its cause) says a backing server — PostgreSQL, MongoDB/FerretDB,
 * Kafka — cannot be reached right now; undefined for any other error.
 */
export function unavailableCause(err: unknown, depth = 0): string | undefined {
  if (!err || typeof err !== 'object' || depth > 3) return undefined;
  const e = err as { code?: unknown; name?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
  if (typeof e.code === 'string' && NETWORK_CODES.has(e.code)) return e.code;
  if (typeof e.code === 'string' && PG_UNAVAILABLE.test(e.code)) return `SQLSTATE ${e.code}`;
  if (typeof e.name === 'string' && UNAVAILABLE_NAMES.has(e.name)) return e.name;
  if (typeof e.message === 'string' && UNAVAILABLE_MESSAGES.test(e.message)) return e.message.split('\n')[0].slice(0, 120);
  for (const inner of [e.cause, ...(Array.isArray(e.errors) ? e.errors : [])]) {
    const found = unavailableCause(inner, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** An error from body-parser (http-errors) or the request guards: a numeric 4xx `status` and a `type`. */
interface ParserError {
  status?: number;
  statusCode?: number;
  type?: string;
  code?: string;
  encoding?: string;
  charset?: string;
  limit?: number;
}

const ENCODINGS = ACCEPTED_CONTENT_ENCODINGS.join(', ');

/** body-parser's and the request guards' error types → the ledger's error body. */
function parserErrorBody(status: number, e: ParserError): ErrorBody {
  switch (e.type) {
    case 'encoding.unsupported':
      return {
        statusCode: 415,
        error: 'UNSUPPORTED_CONTENT_ENCODING',
        message: `Content-Encoding "${e.encoding ?? ''}" tidak didukung; gunakan ${ENCODINGS} / unsupported Content-Encoding "${e.encoding ?? ''}"; use ${ENCODINGS}`,
      };
    case 'charset.unsupported':
      return { statusCode: 415, error: 'UNSUPPORTED_CHARSET', message: `charset "${e.charset ?? ''}" tidak didukung; gunakan utf-8 / unsupported charset "${e.charset ?? ''}"; use utf-8` };
    case 'entity.too.large':
      return { statusCode: 413, error: 'PAYLOAD_TOO_LARGE', message: `badan permintaan terlalu besar (batas ${e.limit} byte) / request body too large (limit ${e.limit} bytes)` };
    case 'entity.parse.failed':
      return { statusCode: 400, error: 'MALFORMED_JSON', message: 'badan permintaan bukan JSON yang sah / request body is not valid JSON' };
    case 'json.too.deep':
      return {
        statusCode: 400,
        error: 'JSON_TOO_DEEP',
        message: `JSON bersarang lebih dari ${e.limit} tingkat / JSON nested deeper than ${e.limit} levels (MAX_JSON_DEPTH)`,
        details: { limit: e.limit },
      };
    case 'request.aborted':
      return { statusCode: 400, error: 'REQUEST_ABORTED', message: 'permintaan terputus sebelum selesai / request aborted before its body was complete' };
    case 'request.size.invalid':
      return { statusCode: 400, error: 'MALFORMED_BODY', message: 'panjang badan permintaan tidak sesuai Content-Length / request body size does not match Content-Length' };
  }
  if (e.code?.startsWith('Z_') || e.code === 'ERR_BROTLI_DECOMPRESSION_FAILED') {
    // zlib: the body is not what its Content-Encoding says (e.g. gzip that is not gzip)
    return { statusCode: 400, error: 'MALFORMED_BODY', message: 'badan permintaan tidak dapat didekompresi sesuai Content-Encoding / request body cannot be decompressed as its Content-Encoding says' };
  }
  return { statusCode: status, error: status === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : 'BAD_REQUEST', message: 'permintaan tidak dapat dibaca / the request cannot be read' };
}

export function toErrorBody(exception: unknown): ErrorBody {
  if (exception instanceof LedgerError) {
    return {
      statusCode: STATUS_BY_KIND[exception.kind],
      error: exception.code,
      message: exception.message,
      details: exception.details,
      ...(exception.legalBasis ? { legalBasis: exception.legalBasis } : {}),
    };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const r = exception.getResponse() as string | { message?: string | string[]; error?: string };
    const message = typeof r === 'string' ? r : Array.isArray(r.message) ? r.message.join('; ') : (r.message ?? exception.message);
    const error =
      status === 400 ? 'VALIDATION_FAILED'
      : status === 413 ? 'PAYLOAD_TOO_LARGE'
      : status === 429 ? 'TOO_MANY_REQUESTS'
      : (typeof r === 'object' && r.error ? r.error : exception.name).toUpperCase().replace(/\s+/g, '_');
    return { statusCode: status, error, message };
  }
  const e = (exception ?? {}) as ParserError;
  const status = e.status ?? e.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) return parserErrorBody(status, e);
  const cause = unavailableCause(exception);
  if (cause) {
    return {
      statusCode: 503,
      error: 'SERVICE_UNAVAILABLE',
      message: `layanan sementara tidak tersedia, coba lagi sebentar / a backing server (event store, read models or bus) cannot be reached; retry in a moment (${cause})`,
      details: { cause, retryAfterSeconds: RETRY_AFTER_SECONDS },
    };
  }
  return { statusCode: 500, error: 'INTERNAL', message: 'kesalahan internal / internal error' };
}
