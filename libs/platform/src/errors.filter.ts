import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { LedgerError, LedgerErrorKind } from '@spbe/ledger-core';

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

/** Maps typed ledger errors to HTTP once; everything else keeps Nest's status, unknown errors are 500. */
@Catch()
export class LedgerExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<{ status(n: number): { json(b: unknown): void } }>();
    const body = toErrorBody(exception);
    if (body.statusCode >= 500) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    res.status(body.statusCode).json(body);
  }
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
    const error = status === 400 ? 'VALIDATION_FAILED' : status === 413 ? 'PAYLOAD_TOO_LARGE' : (typeof r === 'object' && r.error ? r.error : exception.name).toUpperCase().replace(/\s+/g, '_');
    return { statusCode: status, error, message };
  }
  const typeError = exception as { type?: string; status?: number; message?: string };
  if (typeError?.type === 'entity.too.large') return { statusCode: 413, error: 'PAYLOAD_TOO_LARGE', message: 'request body too large' };
  if (typeError?.type === 'entity.parse.failed') return { statusCode: 400, error: 'MALFORMED_JSON', message: 'request body is not valid JSON' };
  return { statusCode: 500, error: 'INTERNAL', message: 'internal error / kesalahan internal' };
}
