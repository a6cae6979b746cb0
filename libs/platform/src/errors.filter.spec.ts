import { ConcurrencyError, RuleViolationError } from '@spbe/ledger-core';
import { toErrorBody, unavailableCause } from './errors.filter';

describe('error mapping', () => {
  it.each([
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:55432'), { code: 'ECONNREFUSED' }), 'ECONNREFUSED'],
    ['PostgreSQL shutting down (SQLSTATE 57P01)', Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }), 'SQLSTATE 57P01'],
    ['a wrapped cause', new Error('append failed', { cause: Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }) }), 'ECONNRESET'],
  ])('%s is 503 SERVICE_UNAVAILABLE with Retry-After details, not a 500', (_what, err, cause) => {
    expect(unavailableCause(err)).toBe(cause);
    expect(toErrorBody(err)).toMatchObject({ statusCode: 503, error: 'SERVICE_UNAVAILABLE', details: { cause, retryAfterSeconds: 2 } });
  });

  it('an unknown error stays a 500 without details; typed ledger errors keep their status and article', () => {
    expect(toErrorBody(new TypeError('x is undefined'))).toEqual({ statusCode: 500, error: 'INTERNAL', message: 'kesalahan internal / internal error' });
    expect(toErrorBody(new RuleViolationError('GATE_MISSING', 'butuh rekomendasi', { regulation: 'kupang-perwali-11-2025', article: 'Pasal 28(2)' }))).toMatchObject({ statusCode: 422, legalBasis: { article: 'Pasal 28(2)' } });
    expect(toErrorBody(new ConcurrencyError('s', 1, 2)).statusCode).toBe(409);
  });
});
