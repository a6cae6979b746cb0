import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { EventEnvelope, EventStore, LedgerConfig, uuidv7 } from '@spbe/ledger-core';
import { Bus, eventTopics, ConsumerHandle, Metrics, ParkedMessageSink, runConsumer } from '@spbe/messaging';
import { BUS, CONFIG, EVENT_STORE, HealthRegistry, METRICS, PARKED_MESSAGES, READ_MODELS } from '@spbe/platform';
import { Projector, ReadModelStore } from '@spbe/read-models';
import { auditTrailProjection } from './audit-trail.projection';

/** Consumes every context's topic into the read models (idempotent, bounded retries, dead letters). */
@Injectable()
export class ReportingService implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly projector: Projector;
  private consumer?: ConsumerHandle;
  private lagTimer?: NodeJS.Timeout;
  private readonly logger = new Logger('Reporting');

  constructor(
    @Inject(READ_MODELS) private readonly readModels: ReadModelStore,
    @Inject(BUS) private readonly bus: Bus,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(METRICS) private readonly metrics: Metrics,
    @Inject(PARKED_MESSAGES) private readonly parked: ParkedMessageSink,
    @Inject(CONFIG) private readonly config: LedgerConfig,
    health: HealthRegistry,
  ) {
    this.projector = new Projector(readModels, [auditTrailProjection]);
    health.register({ name: 'projections', report: async () => ({ lag: await this.projector.lag(this.store) }) });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.projector.init();
    this.consumer = await runConsumer({
      bus: this.bus,
      // In-memory read models start empty: read every topic from the beginning with a fresh group.
      groupId: this.readModels.kind === 'memory' ? `${this.config.reportingGroupId}-${uuidv7()}` : this.config.reportingGroupId,
      topics: eventTopics(this.config.kafkaTopicPrefix),
      parked: this.parked,
      metrics: this.metrics,
      maxAttempts: this.config.consumerMaxAttempts,
      handler: async (m) => this.projector.handle(m.value as EventEnvelope),
      batchHandler: async (ms) => this.projector.handleBatch(ms.map((m) => m.value as EventEnvelope)),
      onError: (err, m, attempt) => this.logger.warn(`projection of ${m.topic}@${m.offset} failed (attempt ${attempt}): ${err instanceof Error ? err.message : String(err)}`),
    });
    this.lagTimer = setInterval(() => void this.publishLag().catch(() => undefined), 5000);
    this.lagTimer.unref();
  }

  async publishLag(): Promise<Record<string, number>> {
    const lag = await this.projector.lag(this.store);
    for (const [projection, value] of Object.entries(lag)) this.metrics.set('spbe_projection_lag', 'Head position minus projection checkpoint', { projection }, value);
    return lag;
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.lagTimer) clearInterval(this.lagTimer);
    await this.consumer?.stop();
    await this.projector.flushCheckpoints().catch(() => undefined);
  }
}
