import { Inject, Injectable, Logger } from '@nestjs/common';
import { EventEnvelope, EventStore, LedgerConfig, uuidv7 } from '@spbe/ledger-core';
import { Bus, ConsumerHandle, Metrics, ParkedMessageSink, runConsumer, topicForContext } from '@spbe/messaging';
import { Projection, Projector, ReadModelStore } from '@spbe/read-models';
import { HealthRegistry } from './health.controller';
import { BUS, CONFIG, EVENT_STORE, METRICS, PARKED_MESSAGES, READ_MODELS } from './tokens';

export interface ProjectionConsumer {
  projector: Projector;
  stop(): Promise<void>;
}

/**
 * Runs a context's own read models from other contexts' topics: a projector over `projections`, fed by
 * a consumer group on the topics of `contexts` (bounded retries, dead letters), its lag in /health.
 * In-memory read models start empty, so they read from the beginning with a fresh group.
 */
@Injectable()
export class ProjectionConsumers {
  constructor(
    @Inject(READ_MODELS) private readonly readModels: ReadModelStore,
    @Inject(BUS) private readonly bus: Bus,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(METRICS) private readonly metrics: Metrics,
    @Inject(PARKED_MESSAGES) private readonly parked: ParkedMessageSink,
    @Inject(CONFIG) private readonly config: LedgerConfig,
    private readonly health: HealthRegistry,
  ) {}

  projector(name: string, projections: Projection[]): Projector {
    const projector = new Projector(this.readModels, projections);
    this.health.register({ name, report: async () => ({ lag: await projector.lag(this.store) }) });
    return projector;
  }

  async start(name: string, projector: Projector, contexts: string[]): Promise<ProjectionConsumer> {
    const logger = new Logger(name);
    await projector.init();
    const group = `${this.config.kafkaTopicPrefix}spbe-${name}`;
    const consumer: ConsumerHandle = await runConsumer({
      bus: this.bus,
      groupId: this.readModels.kind === 'memory' ? `${group}-${uuidv7()}` : group,
      topics: contexts.map((c) => topicForContext(c, this.config.kafkaTopicPrefix)),
      parked: this.parked,
      metrics: this.metrics,
      maxAttempts: this.config.consumerMaxAttempts,
      handler: async (m) => projector.handle(m.value as EventEnvelope),
      onError: (err, m, attempt) => logger.warn(`${m.topic}@${m.offset} failed (attempt ${attempt}): ${err instanceof Error ? err.message : String(err)}`),
    });
    return {
      projector,
      stop: async () => {
        await consumer.stop();
        await projector.flushCheckpoints().catch(() => undefined);
      },
    };
  }
}
