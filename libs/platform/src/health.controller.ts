import { Controller, Get, Header, HttpCode, Inject, Injectable, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { EventStore } from '@spbe/ledger-core';
import { Bus, Metrics, ParkedMessageSink } from '@spbe/messaging';
import { ReadModelStore } from '@spbe/read-models';
import { Public } from './auth';
import { PlatformOperation } from './operator.guard';
import { BUS, EVENT_STORE, METRICS, PARKED_MESSAGES, READ_MODELS, SERVICE_INFO, ServiceInfo } from './tokens';

/** Extra readiness facts a feature module contributes (e.g. projection lag in reporting). */
export interface HealthContributor {
  name: string;
  report(): Promise<Record<string, unknown>>;
}

/** Feature modules register their contributors here (onModuleInit). */
@Injectable()
export class HealthRegistry {
  readonly contributors: HealthContributor[] = [];
  register(c: HealthContributor): void {
    this.contributors.push(c);
  }
}

type Check = { status: 'up' | 'down'; adapter: string; error?: string; ms: number };

async function check(adapter: string, fn: () => Promise<void>, timeoutMs = 3000): Promise<Check> {
  const t0 = Date.now();
  try {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([fn(), new Promise((_, rej) => (timer = setTimeout(() => rej(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs)))]).finally(() =>
      clearTimeout(timer),
    );
    return { status: 'up', adapter, ms: Date.now() - t0 };
  } catch (err) {
    return { status: 'down', adapter, error: err instanceof Error ? err.message : String(err), ms: Date.now() - t0 };
  }
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(BUS) private readonly bus: Bus,
    @Inject(READ_MODELS) private readonly readModels: ReadModelStore,
    @Inject(SERVICE_INFO) private readonly info: ServiceInfo,
    private readonly registry: HealthRegistry,
  ) {}

  @Public()
  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process answers' })
  live() {
    return { status: 'ok', service: this.info.name };
  }

  @Public()
  @Get(['', 'ready'])
  @ApiOperation({ summary: 'Readiness: event store, bus and read-model connections (503 when one is down)' })
  async ready(@Res({ passthrough: true }) res: { status(n: number): void }) {
    const [eventStore, bus, readModels] = await Promise.all([
      check(this.store.kind, () => this.store.ping()),
      check(this.bus.kind, () => this.bus.ping()),
      check(this.readModels.kind, () => this.readModels.ping()),
    ]);
    const extra: Record<string, unknown> = {};
    for (const c of this.registry.contributors) extra[c.name] = await c.report().catch((e: Error) => ({ error: e.message }));
    const up = [eventStore, bus, readModels].every((c) => c.status === 'up');
    res.status(up ? 200 : 503);
    return { status: up ? 'ok' : 'unavailable', service: this.info.name, checks: { eventStore, bus, readModels }, ...extra };
  }
}

@ApiTags('operations')
@Controller()
export class OpsController {
  constructor(
    @Inject(METRICS) private readonly metrics: Metrics,
    @Inject(PARKED_MESSAGES) private readonly parked: ParkedMessageSink,
  ) {}

  @Public()
  @Get('metrics')
  @HttpCode(200)
  @Header('Content-Type', 'text/plain; version=0.0.4')
  @ApiOperation({ summary: 'Prometheus metrics' })
  render() {
    return this.metrics.render();
  }

  @Get('api/ops/dead-letters')
  @PlatformOperation()
  @ApiOperation({ summary: 'Messages parked on a dead-letter topic after bounded retries (platform operator)' })
  async deadLetters() {
    const items = await this.parked.list();
    return { count: items.length, items };
  }
}
