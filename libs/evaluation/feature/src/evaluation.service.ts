import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { EventEnvelope, EventStore, LedgerConfig, parseStreamId, uuidv7 } from '@spbe/ledger-core';
import { Bus, ConsumerHandle, Metrics, ParkedMessageSink, runConsumer, topicForContext } from '@spbe/messaging';
import { BUS, CONFIG, EVENT_STORE, HealthRegistry, METRICS, PARKED_MESSAGES, READ_MODELS } from '@spbe/platform';
import { Projection, Projector, ReadModelStore } from '@spbe/read-models';

/** Closed audits from the audit-scheduler's topic, kept as evidence candidates for the audit indicators. */
export const AUDIT_EVIDENCE = 'evaluation_audit_evidence';

export interface AuditEvidenceDoc extends Record<string, unknown> {
  _id: string;
  tenantId: string;
  auditId: string;
  eventId: string;
  auditType: string;
  mode: string;
  objectId: string;
  conclusion: string | null;
  closedOn: string;
}

export const auditEvidenceProjection: Projection = {
  name: 'evaluation-audit-evidence',
  collections: [AUDIT_EVIDENCE],
  indexes: { [AUDIT_EVIDENCE]: [{ tenantId: 1, closedOn: 1 }] },
  async apply(e: EventEnvelope, target) {
    if (e.type !== 'AuditClosed') return;
    const p = e.payload as Record<string, unknown>;
    const auditId = parseStreamId(e.streamId).id;
    await target.collection<AuditEvidenceDoc>(AUDIT_EVIDENCE).put({
      _id: `${e.tenantId}|${auditId}`,
      tenantId: e.tenantId,
      auditId,
      eventId: e.eventId,
      auditType: String(p['auditType']),
      mode: String(p['mode']),
      objectId: String(p['objectId']),
      conclusion: typeof p['conclusion'] === 'string' ? p['conclusion'] : null,
      closedOn: String(p['closedOn'] ?? e.occurredAt.slice(0, 10)),
    });
  },
};

/** Consumes the audit topic (Kafka, or in-process in the embedded mode) into the evidence read model. */
@Injectable()
export class EvaluationService implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly projector: Projector;
  private consumer?: ConsumerHandle;
  private readonly logger = new Logger('Evaluation');

  constructor(
    @Inject(READ_MODELS) private readonly readModels: ReadModelStore,
    @Inject(BUS) private readonly bus: Bus,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(METRICS) private readonly metrics: Metrics,
    @Inject(PARKED_MESSAGES) private readonly parked: ParkedMessageSink,
    @Inject(CONFIG) private readonly config: LedgerConfig,
    health: HealthRegistry,
  ) {
    this.projector = new Projector(readModels, [auditEvidenceProjection]);
    health.register({ name: 'audit-evidence', report: async () => ({ lag: await this.projector.lag(this.store) }) });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.projector.init();
    const group = `${this.config.kafkaTopicPrefix}spbe-evaluation-scoring`;
    this.consumer = await runConsumer({
      bus: this.bus,
      groupId: this.readModels.kind === 'memory' ? `${group}-${uuidv7()}` : group,
      topics: [topicForContext('audit', this.config.kafkaTopicPrefix)],
      parked: this.parked,
      metrics: this.metrics,
      maxAttempts: this.config.consumerMaxAttempts,
      handler: async (m) => this.projector.handle(m.value as EventEnvelope),
      onError: (err, m, attempt) => this.logger.warn(`audit evidence from ${m.topic}@${m.offset} failed (attempt ${attempt}): ${err instanceof Error ? err.message : String(err)}`),
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
    await this.projector.flushCheckpoints().catch(() => undefined);
  }

  async closedAudits(tenantId: string): Promise<AuditEvidenceDoc[]> {
    return (await this.projector.read<AuditEvidenceDoc>(AUDIT_EVIDENCE)).find({ tenantId }, { sort: { closedOn: 1 } });
  }
}
