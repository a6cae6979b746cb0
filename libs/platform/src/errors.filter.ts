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

/**
 * Maps typed ledger errors to HTTP once; everything else keeps Nest's status, body-parser's and the
 * request guards' client errors their 4xx, unknown errors are 500. Only a 5xx is logged (at error,
 * with its stack): a client error is the client's, and the request line already records it.
 */
@Catch()
export class LedgerExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const res = http.getResponse<{ status(n: number): { json(b: unknown): void } }>();
    const body = toErrorBody(exception);
    if (body.statusCode >= 500) {
      const req = http.getRequest<{ method?: string; originalUrl?: string; url?: string }>();
      this.logger.error(`${req?.method ?? ''} ${req?.originalUrl ?? req?.url ?? ''}: ${exception instanceof Error ? exception.message : String(exception)}`, exception instanceof Error ? exception.stack : undefined);
    }
    res.status(body.statusCode).json(body);
  }
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
  return { statusCode: 500, error: 'INTERNAL', message: 'kesalahan internal / internal error' };
}
