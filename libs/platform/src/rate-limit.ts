import { ExecutionContext, HttpException, HttpStatus, Injectable, SetMetadata } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerLimitDetail, ThrottlerModuleOptions, ThrottlerOptions } from '@nestjs/throttler';
import type { LedgerConfig, Principal } from '@spbe/ledger-core';

/**
 * Rate limits (@nestjs/throttler) on the routes that cost the most: `heavy` — integrity verify and
 * every export (they re-read and re-verify a tenant's ledger) — per user; `auth` — sign-in and
 * other credential checks — per client address. Limits are per minute and per route, from
 * RATE_LIMIT_HEAVY_PER_MINUTE and RATE_LIMIT_AUTH_PER_MINUTE; beyond them a 429 with the usual error
 * body and Retry-After. Counters live in the process (one replica's view).
 */
export type RateLimitKind = 'heavy' | 'auth';

const RATE_LIMIT = 'spbe:rateLimit';

/** Puts a route (or a controller) under a rate limit, e.g. `@RateLimit('auth')` on a sign-in route. */
export const RateLimit = (kind: RateLimitKind) => SetMetadata(RATE_LIMIT, kind);

/** Routes limited without a decorator, by their path pattern (e.g. /api/reporting/tenants/:tenantId/audit-trail/export). */
const BY_PATH: Array<[RegExp, RateLimitKind]> = [
  [/\/integrity\/(verify|export)$/, 'heavy'],
  [/^\/api\/reporting\/.*(\/export|\/bundle|\.pdf|\.csv|\.xlsx)$/, 'heavy'],
  [/\/(sign-in|signin|login)$/, 'auth'],
];

export function rateLimitKindOf(context: ExecutionContext): RateLimitKind | undefined {
  const marked = (Reflect.getMetadata(RATE_LIMIT, context.getHandler()) ?? Reflect.getMetadata(RATE_LIMIT, context.getClass())) as RateLimitKind | undefined;
  if (marked) return marked;
  if (context.getType() !== 'http') return undefined;
  const path = context.switchToHttp().getRequest<{ route?: { path?: unknown } }>().route?.path;
  if (typeof path !== 'string') return undefined;
  return BY_PATH.find(([pattern]) => pattern.test(path))?.[1];
}

const WINDOW_MS = 60_000;

/** The throttlers for the configured limits (a limit of 0 is off); empty when every limit is off. */
export function rateLimitOptions(config: Pick<LedgerConfig, 'rateLimit'>): ThrottlerModuleOptions {
  const limits: Record<RateLimitKind, number> = { heavy: config.rateLimit.heavyPerMinute, auth: config.rateLimit.authPerMinute };
  const throttlers: ThrottlerOptions[] = (Object.keys(limits) as RateLimitKind[])
    .filter((kind) => limits[kind] > 0)
    .map((kind) => ({ name: kind, ttl: WINDOW_MS, limit: limits[kind], skipIf: (context: ExecutionContext) => rateLimitKindOf(context) !== kind }));
  return {
    throttlers,
    // heavy routes are counted per user (many officials may share one gateway address), sign-in per address
    getTracker: (req: { principal?: Principal; ip?: string }, context) => {
      const p = req.principal;
      if (p && rateLimitKindOf(context) === 'heavy') return p.platformOperator ? `operator:${p.id}` : `user:${p.tenantId}:${p.id}`;
      return `ip:${req.ip ?? 'unknown'}`;
    },
  };
}

/** The throttler guard with the ledger's 429: Retry-After and a bilingual message in the usual error body. */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const seconds = Math.max(1, Math.ceil(detail.timeToBlockExpire));
    context.switchToHttp().getResponse<{ setHeader(name: string, value: string): void }>().setHeader('Retry-After', String(seconds));
    throw new HttpException(
      {
        statusCode: HttpStatus.TOO_MANY_REQUESTS,
        error: 'TOO_MANY_REQUESTS',
        message: `terlalu banyak permintaan ke rute ini (batas ${detail.limit} per menit); coba lagi dalam ${seconds} detik / too many requests to this route (limit ${detail.limit} per minute); retry after ${seconds} s`,
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}
