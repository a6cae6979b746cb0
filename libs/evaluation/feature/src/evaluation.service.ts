import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { EventEnvelope, parseStreamId, Role } from '@spbe/ledger-core';
import { ProjectionConsumer, ProjectionConsumers, tenantDocProjection } from '@spbe/platform';
import { foldTenantProfileDoc, profileOfDoc, TENANT_PROFILE_EVENTS, TenantProfileDoc } from '@spbe/registry-domain';
import { EffectiveProfile, HOLDER_ROLES, resolve } from '@spbe/regulations';
import { Projection, Projector } from '@spbe/read-models';

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
  private consumer?: ProjectionConsumer;

  constructor(private readonly consumers: ProjectionConsumers) {
    this.projector = consumers.projector('evaluation-scoring', [evaluationTenantsProjection, auditEvidenceProjection]);
  }

  async onApplicationBootstrap(): Promise<void> {
    this.consumer = await this.consumers.start('evaluation-scoring', this.projector, ['registry', 'audit']);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
  }

  /**
   * Who opens and finalises a cycle: the Koordinator SPBE's office, and the role that records the
   * decisions of the body the tenant's profile names as finaliser (e.g. the Dinas in Pasuruan Pasal 24(1)).
   */
  async coordinatorRoles(tenantId: string): Promise<Role[]> {
    const profile = await this.profile(tenantId);
    const holder = profile ? resolve(profile.roles.evaluationFinalizer)?.value : undefined;
    return [...new Set<Role>(['koordinator', ...(holder ? HOLDER_ROLES[holder] : [])])];
  }

  /** The tenant's regulation profile as learned from the registry's events (null before it arrives). */
  async profile(tenantId: string): Promise<EffectiveProfile | null> {
    const doc = await (await this.projector.read<TenantProfileDoc & { _id: string } & Record<string, unknown>>(EVALUATION_TENANTS)).get(tenantId);
    return doc ? profileOfDoc(doc) : null;
  }

  async closedAudits(tenantId: string): Promise<AuditEvidenceDoc[]> {
    return (await this.projector.read<AuditEvidenceDoc>(AUDIT_EVIDENCE)).find({ tenantId }, { sort: { closedOn: 1 } });
  }
}
