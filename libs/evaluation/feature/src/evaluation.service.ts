import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { EventEnvelope, EventStore, LedgerConfig, parseStreamId, Role, uuidv7 } from '@spbe/ledger-core';
import { Bus, ConsumerHandle, Metrics, ParkedMessageSink, runConsumer, topicForContext } from '@spbe/messaging';
import { BUS, CONFIG, EVENT_STORE, HealthRegistry, METRICS, PARKED_MESSAGES, READ_MODELS, tenantDocProjection } from '@spbe/platform';
import { foldTenantProfileDoc, profileOfDoc, TENANT_PROFILE_EVENTS, TenantProfileDoc } from '@spbe/registry-domain';
import { HOLDER_ROLES, resolve } from '@spbe/regulations';
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

export const EVALUATION_TENANTS = 'evaluation_tenants';
/** Each tenant's regulation profile, from the registry's events (who finalises a cycle). */
export const evaluationTenantsProjection = tenantDocProjection<TenantProfileDoc>('evaluation-tenants', EVALUATION_TENANTS, TENANT_PROFILE_EVENTS, foldTenantProfileDoc);

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
    this.projector = new Projector(readModels, [evaluationTenantsProjection, auditEvidenceProjection]);
    health.register({ name: 'audit-evidence', report: async () => ({ lag: await this.projector.lag(this.store) }) });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.projector.init();
    const group = `${this.config.kafkaTopicPrefix}spbe-evaluation-scoring`;
    this.consumer = await runConsumer({
      bus: this.bus,
      groupId: this.readModels.kind === 'memory' ? `${group}-${uuidv7()}` : group,
      topics: [topicForContext('registry', this.config.kafkaTopicPrefix), topicForContext('audit', this.config.kafkaTopicPrefix)],
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

  /**
   * Who opens and finalises a cycle: the Koordinator SPBE's office, and the role that records the
   * decisions of the body the tenant's profile names as finaliser (e.g. the Dinas in Pasuruan Pasal 24(1)).
   */
  async coordinatorRoles(tenantId: string): Promise<Role[]> {
    const doc = await (await this.projector.read<TenantProfileDoc & { _id: string } & Record<string, unknown>>(EVALUATION_TENANTS)).get(tenantId);
    const holder = doc ? resolve(profileOfDoc(doc).roles.evaluationFinalizer)?.value : undefined;
    return [...new Set<Role>(['koordinator', ...(holder ? HOLDER_ROLES[holder] : [])])];
  }

  async closedAudits(tenantId: string): Promise<AuditEvidenceDoc[]> {
    return (await this.projector.read<AuditEvidenceDoc>(AUDIT_EVIDENCE)).find({ tenantId }, { sort: { closedOn: 1 } });
  }
}
