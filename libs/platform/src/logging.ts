import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoggerService, LogLevel as NestLogLevel } from '@nestjs/common';
import { pino, DestinationStream, Level, Logger as Pino } from 'pino';
import type { LogLevel } from '@spbe/ledger-core';

/**
 * Structured JSON logs (pino): one JSON object per line on stdout. Nest's own logging goes through
 * PinoLoggerService; every request is logged once when it ends, with its request id, which is also
 * stamped on every line logged while the request is handled (AsyncLocalStorage) and returned in the
 * X-Request-Id response header.
 */

/** The request being handled, for log lines written on its behalf. */
export const requestContext = new AsyncLocalStorage<{ requestId: string }>();

/** The request id of the request being handled, if any. */
export function currentRequestId(): string | undefined {
  return requestContext.getStore()?.requestId;
}

export function createJsonLogger(options: { level: LogLevel; service: string; destination?: DestinationStream }): Pino {
  return pino(
    {
      level: options.level,
      base: { service: options.service },
      timestamp: pino.stdTimeFunctions.isoTime,
      mixin: () => {
        const requestId = currentRequestId();
        return requestId ? { requestId } : {};
      },
    },
    options.destination ?? process.stdout,
  );
}

/** The log level when LOG_LEVEL is not set: info, or warn under NODE_ENV=test (quiet test output). */
export function defaultLogLevel(configured: LogLevel | undefined): LogLevel {
  return configured ?? (process.env.NODE_ENV === 'test' ? 'warn' : 'info');
}

const NEST_TO_PINO: Record<NestLogLevel, Level> = { log: 'info', error: 'error', warn: 'warn', debug: 'debug', verbose: 'trace', fatal: 'fatal' };

/**
 * Nest's LoggerService on pino. Nest calls `log(message, context)` and `error(message, stack?, context)`;
 * the context becomes a field, a stack its own field, an object message is merged into the line.
 */
export class PinoLoggerService implements LoggerService {
  constructor(readonly pino: Pino) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('log', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('verbose', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(level: NestLogLevel, message: unknown, params: unknown[]): void {
    const errorLike = level === 'error' || level === 'fatal';
    const rest = [...params];
    const fields: Record<string, unknown> = {};
    const last = rest[rest.length - 1];
    // the context comes last (Nest appends it), unless the only parameter of error() is a stack
    if (rest.length > 0 && (typeof last === 'string' || last === undefined) && !(errorLike && rest.length === 1 && looksLikeStack(last))) {
      rest.pop();
      if (last) fields.context = last;
    }
    if (errorLike && rest.length > 0 && (typeof rest[0] === 'string' || rest[0] === undefined)) {
      const stack = rest.shift();
      if (stack) fields.stack = stack;
    }
    if (rest.length > 0) fields.extra = rest;
    const target = this.pino[NEST_TO_PINO[level]].bind(this.pino);
    if (message instanceof Error) target({ ...fields, err: message }, message.message);
    else if (message && typeof message === 'object') target({ ...fields, ...(message as Record<string, unknown>) });
    else target(fields, String(message));
  }
}

function looksLikeStack(v: unknown): boolean {
  return typeof v === 'string' && /\n\s+at /.test(v);
}

/** A client's X-Request-Id is reused when it is short and plain (no log injection); else a UUID is made. */
export const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

type Req = IncomingMessage & { id?: string; originalUrl?: string; principal?: { id: string; tenantId: string; platformOperator?: true } };

/**
 * Express middleware, first in the chain: assigns the request id (X-Request-Id header on the
 * response), runs the rest of the chain in its context, and writes one line when the response ends:
 * method, path, status, duration, and who asked (principal id and tenant) once authenticated.
 */
export function requestLogging(logger: Pino) {
  return (req: Req, res: ServerResponse, next: () => void): void => {
    const given = req.headers['x-request-id'];
    const requestId = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    req.id = requestId;
    res.setHeader('X-Request-Id', requestId);
    const started = process.hrtime.bigint();
    res.once('close', () => {
      const p = req.principal;
      logger.info(
        {
          requestId,
          req: { method: req.method, path: (req.originalUrl ?? req.url ?? '').slice(0, 512) },
          res: { status: res.statusCode },
          ms: Number((process.hrtime.bigint() - started) / 1000n) / 1000,
          ...(p ? { user: p.platformOperator ? { id: p.id, platformOperator: true } : { id: p.id, tenantId: p.tenantId } } : {}),
          ...(res.writableFinished ? {} : { aborted: true }),
        },
        'request',
      );
    });
    requestContext.run({ requestId }, next);
  };
}

/**
 * Express middleware after the body parser: re-enters the request's context, which stream callbacks
 * of the body parser do not carry over.
 */
export function requestContextAfterBody() {
  return (req: Req, _res: ServerResponse, next: () => void): void => {
    if (req.id) requestContext.run({ requestId: req.id }, next);
    else next();
  };
}
