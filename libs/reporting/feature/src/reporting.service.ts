import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { EventEnvelope, EventStore, LedgerConfig, LedgerSealer, SigningKey, uuidv7 } from '@spbe/ledger-core';
import { Bus, eventTopics, ConsumerHandle, Metrics, ParkedMessageSink, runConsumer } from '@spbe/messaging';
import { BUS, CONFIG, EVENT_STORE, HealthRegistry, METRICS, PARKED_MESSAGES, READ_MODELS, resolveSigningKey } from '@spbe/platform';
import { Projector, ReadModelStore } from '@spbe/read-models';
import { auditTrailProjection } from './audit-trail.projection';
import { complianceProjection, complianceTenantsProjection } from './compliance.projection';
import { auditViewsProjection } from './audit-views.projection';

/** Consumes every context's topic into the read models (idempotent, bounded retries, dead letters). */
@Injectable()
export class ReportingService implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly projector: Projector;
  private consumer?: ConsumerHandle;
  readonly signingKey: SigningKey | null;
  readonly sealer: LedgerSealer | null;
  private lagTimer?: NodeJS.Timeout;
  private readonly logger = new Logger('Reporting');

  constructor(
    @Inject(READ_MODELS) private readonly readModels: ReadModelStore,
    @Inject(BUS) private readonly bus: Bus,
    @Inject(EVENT_STORE) readonly store: EventStore,
    @Inject(METRICS) private readonly metrics: Metrics,
    @Inject(PARKED_MESSAGES) private readonly parked: ParkedMessageSink,
    @Inject(CONFIG) private readonly config: LedgerConfig,
    health: HealthRegistry,
  ) {
    this.projector = new Projector(readModels, [auditTrailProjection, complianceTenantsProjection, complianceProjection, auditViewsProjection]);
    health.register({ name: 'projections', report: async () => ({ lag: await this.projector.lag(this.store) }) });
    this.signingKey = resolveSigningKey(config);
    this.sealer = this.signingKey
      ? new LedgerSealer({
          store,
          key: this.signingKey,
          blockSize: config.ledger.checkpointEvents,
          intervalMs: config.ledger.checkpointSeconds * 1000,
          onSealed: (c) => this.metrics.set('spbe_ledger_checkpoint_sequence', 'Sequence of the latest sealed ledger checkpoint', {}, c.sequence),
          onError: (err) => this.logger.error(`sealer: ${err instanceof Error ? err.message : String(err)}`),
        })
      : null;
    health.register({
      name: 'sealer',
      report: async () => (this.signingKey ? { status: 'sealing', keyId: this.signingKey.keyId, everyEvents: config.ledger.checkpointEvents, everySeconds: config.ledger.checkpointSeconds } : { status: 'disabled', reason: 'no LEDGER_SIGNING_KEY configured' }),
    });
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
    this.sealer?.start();
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
    await this.sealer?.stop();
    await this.consumer?.stop();
    await this.projector.flushCheckpoints().catch(() => undefined);
  }
}
