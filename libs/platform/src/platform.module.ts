import {
  DynamicModule,
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { ThrottlerModule } from '@nestjs/throttler';
import { EventStore, LedgerConfig, tokenVerifier } from '@spbe/ledger-core';
import { Bus, Forwarder, MemoryCheckpoints, Metrics, startForwarder, MemoryParkedMessages } from '@spbe/messaging';
import { ReadModelStore } from '@spbe/read-models';
import { createBus, createEventStore, createReadModels } from './adapters';
import { AuthGuard } from './auth';
import { LedgerExceptionFilter } from './errors.filter';
import { HealthController, HealthRegistry, OpsController } from './health.controller';
import { ReadModelParkedMessages } from './parked-messages';
import { rateLimitOptions, RateLimitGuard } from './rate-limit';
import { BUS, CONFIG, EVENT_STORE, METRICS, PARKED_MESSAGES, READ_MODELS, SERVICE_INFO, ServiceInfo, TOKEN_VERIFIER } from './tokens';

/** Starts the forwarder after the app boots and closes every adapter on shutdown. */
@Injectable()
class Lifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private forwarder?: Forwarder;
  private readonly logger = new Logger('Ledger');

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(BUS) private readonly bus: Bus,
    @Inject(READ_MODELS) private readonly readModels: ReadModelStore,
    @Inject(METRICS) private readonly metrics: Metrics,
    @Inject(SERVICE_INFO) private readonly info: ServiceInfo,
    @Inject(CONFIG) private readonly config: LedgerConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.info.forwards.length === 0) return;
    this.forwarder = await startForwarder({
      name: this.info.name,
      store: this.store,
      bus: this.bus,
      checkpoints: this.info.persistentForwarderCheckpoint ? this.store : new MemoryCheckpoints(),
      contexts: this.info.forwards,
      metrics: this.metrics,
      topicPrefix: this.config.kafkaTopicPrefix,
      onError: (err) => this.logger.error(`forwarder: ${err instanceof Error ? err.message : String(err)}`),
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.forwarder?.stop();
    await this.bus.close().catch(() => undefined);
    await this.readModels.close().catch(() => undefined);
    await this.store.close().catch(() => undefined);
  }
}

/**
 * The ports (event store, bus, read models), authentication, error mapping, health, metrics and
 * the forwarder, configured once per process. Feature modules inject the ports by token.
 */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(config: LedgerConfig, info: ServiceInfo): DynamicModule {
    const rateLimits = rateLimitOptions(config);
    const limited = !Array.isArray(rateLimits) && rateLimits.throttlers.length > 0;
    return {
      module: PlatformModule,
      imports: [CqrsModule.forRoot(), ThrottlerModule.forRoot(rateLimits)],
      controllers: [HealthController, OpsController],
      providers: [
        { provide: CONFIG, useValue: config },
        { provide: SERVICE_INFO, useValue: info },
        { provide: METRICS, useValue: new Metrics() },
        { provide: TOKEN_VERIFIER, useValue: tokenVerifier(config.auth) },
        { provide: EVENT_STORE, useFactory: () => createEventStore(config) },
        { provide: BUS, useFactory: () => createBus(config, info.name) },
        { provide: READ_MODELS, useFactory: () => createReadModels(config) },
        {
          provide: PARKED_MESSAGES,
          inject: [READ_MODELS],
          useFactory: (rm: ReadModelStore) => (rm.kind === 'memory' ? new MemoryParkedMessages() : new ReadModelParkedMessages(rm)),
        },
        // guards run in this order: authentication first, so rate limits count per user
        { provide: APP_GUARD, useClass: AuthGuard },
        ...(limited ? [{ provide: APP_GUARD, useClass: RateLimitGuard }] : []),
        { provide: APP_FILTER, useClass: LedgerExceptionFilter },
        Lifecycle,
        HealthRegistry,
      ],
      exports: [HealthRegistry, CONFIG, SERVICE_INFO, METRICS, TOKEN_VERIFIER, EVENT_STORE, BUS, READ_MODELS, PARKED_MESSAGES, CqrsModule],
    };
  }
}
