import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { KeyObject } from 'node:crypto';
import { buildExportBundle, EventEnvelope, EventStore, InvariantError, LedgerConfig, LedgerSealer, NotFoundError, SigningKey, uuidv7, ValidationError } from '@spbe/ledger-core';
import { isDate } from '@spbe/regulations';
import { Bus, eventTopics, ConsumerHandle, Metrics, ParkedMessageSink, runConsumer } from '@spbe/messaging';
import { BUS, CONFIG, EVENT_STORE, HealthRegistry, METRICS, PARKED_MESSAGES, READ_MODELS, fingerprintOf, resolvePreviousSigningKey, resolveSigningKey, today } from '@spbe/platform';
import { Filter, Projector, ReadModelStore } from '@spbe/read-models';
import { AUDIT_TRAIL, auditTrailProjection, AuditTrailRow } from './audit-trail.projection';
import { COMPLIANCE_FACTS, COMPLIANCE_SUBJECTS, COMPLIANCE_TENANTS, ComplianceTenantDoc, complianceProjection, complianceTenantsProjection, FactDoc, SubjectDoc } from './compliance.projection';
import { complianceByYear, complianceReport } from './compliance.report';
import { AUDIT_VIEW, AuditViewDoc, auditViewsProjection, FINDING_VIEW, FindingViewDoc } from './audit-views.projection';
import { CycleViewDoc, EVALUATION_VIEW, evaluationViewsProjection } from './evaluation-views.projection';
import { LedgerVerifier } from './verification';
import { Attestation, PdfAttachment } from './exports';

/** Consumes every context's topic into the read models (idempotent, bounded retries, dead letters). */
@Injectable()
export class ReportingService implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly projector: Projector;
  /** Largest audit-trail page and XLSX export (configuration). */
  readonly limits: LedgerConfig['reporting'];
  private consumer?: ConsumerHandle;
  readonly signingKey: SigningKey | null;
  private readonly previousKey?: SigningKey;
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
    this.limits = config.reporting;
    this.projector = new Projector(readModels, [auditTrailProjection, complianceTenantsProjection, complianceProjection, auditViewsProjection, evaluationViewsProjection]);
    health.register({ name: 'projections', report: async () => ({ lag: await this.projector.lag(this.store) }) });
    const resolved = resolveSigningKey(config);
    this.signingKey = resolved?.key ?? null;
    this.previousKey = resolvePreviousSigningKey(config);
    if (resolved) this.logger.log(`ledger signing key ${resolved.key.keyId} (SHA-256 ${fingerprintOf(resolved.key)}) from ${resolved.source}; public key: npm run ledger:public-key`);
    this.sealer = this.signingKey
      ? new LedgerSealer({
          store,
          key: this.signingKey,
          previousKey: this.previousKey,
          maxRecordBytes: config.maxPayloadBytes,
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

  /** The compliance report of a tenant (or one OPD) on a date, from the read models. */
  async compliance(tenantId: string, asOf: string | undefined, unitId: string | undefined) {
    const { tenant, subjects, facts } = await this.complianceInputs(tenantId);
    return complianceReport(tenant, subjects, facts, asOf ?? today(), unitId ?? null);
  }

  /** The compliance report at the end of every year since the Pemda was registered. */
  async complianceYears(tenantId: string, asOf: string | undefined, unitId: string | undefined) {
    return (await this.complianceWithYears(tenantId, asOf, unitId)).years;
  }

  /** The report on asOf and the per-year summary, from one read of the read models. */
  async complianceWithYears(tenantId: string, asOf: string | undefined, unitId: string | undefined) {
    const { tenant, subjects, facts } = await this.complianceInputs(tenantId);
    const report = complianceReport(tenant, subjects, facts, asOf ?? today(), unitId ?? null);
    return { report, years: complianceByYear(tenant, subjects, facts, report.asOf, unitId ?? null, report) };
  }

  private async complianceInputs(tenantId: string) {
    const tenant = await (await this.projector.read<ComplianceTenantDoc>(COMPLIANCE_TENANTS)).get(tenantId);
    if (!tenant) throw new NotFoundError('tenant', tenantId);
    const subjects = await (await this.projector.read<SubjectDoc>(COMPLIANCE_SUBJECTS)).find({ tenantId });
    const facts = await (await this.projector.read<FactDoc>(COMPLIANCE_FACTS)).find({ tenantId });
    return { tenant, subjects, facts };
  }

  /** The audit and finding view documents of a tenant. */
  async audits(tenantId: string, asOf: string | undefined) {
    const on = asOf ?? today();
    if (!isDate(on)) throw new ValidationError('asOf', 'must be a calendar date YYYY-MM-DD');
    const audits = await (await this.projector.read<AuditViewDoc>(AUDIT_VIEW)).find({ tenantId }, { sort: { year: 1, auditId: 1 } });
    const findings = await (await this.projector.read<FindingViewDoc>(FINDING_VIEW)).find({ tenantId }, { sort: { dueDate: 1, findingId: 1 } });
    return { on, audits, findings };
  }

  /** The findings recorded against one audit. */
  async findingsOf(tenantId: string, auditId: string): Promise<FindingViewDoc[]> {
    return (await this.projector.read<FindingViewDoc>(FINDING_VIEW)).find({ tenantId, auditId }, { sort: { dueDate: 1, findingId: 1 } });
  }

  async cycles(tenantId: string): Promise<CycleViewDoc[]> {
    return (await this.projector.read<CycleViewDoc>(EVALUATION_VIEW)).find({ tenantId });
  }

  async cycle(tenantId: string, cycleId: string): Promise<CycleViewDoc> {
    const doc = await (await this.projector.read<CycleViewDoc>(EVALUATION_VIEW)).get(`${tenantId}|${cycleId}`);
    if (!doc || !doc.state.exists) throw new NotFoundError('cycle', cycleId);
    return doc;
  }

  /** Audit-trail rows matching a filter, in time order, read a page at a time (exports stream them). */
  async *auditTrailRows(filter: Filter, pageSize = 1000): AsyncGenerator<AuditTrailRow> {
    const collection = await this.projector.read<AuditTrailRow>(AUDIT_TRAIL);
    let after: string | null = null;
    for (;;) {
      const page: AuditTrailRow[] = await collection.find(after ? { $and: [filter, { sortKey: { $gt: after } }] } : filter, { sort: { sortKey: 1 }, limit: pageSize });
      yield* page;
      if (page.length < pageSize) return;
      after = page[page.length - 1].sortKey;
    }
  }

  /** Waits (at most 10 s) until a projection has applied the log up to `position`; 409 otherwise, so an export never misses rows it is attested for. */
  async projectedUpTo(projection: string, position: number, timeoutMs = 10_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (((await this.projector.checkpoint(projection)) ?? -1) < position) {
      if (Date.now() > until) throw new InvariantError('PROJECTION_BEHIND', `the ${projection} view has not caught up with checkpoint position ${position} yet; try again shortly / tampilan belum mutakhir`, { projection, position });
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** The tenant's verifiable bundle, to embed in a PDF report (verify it with `npm run verify -- --export <report.pdf>`). */
  async bundleAttachment(tenantId: string): Promise<PdfAttachment> {
    const bundle = await buildExportBundle(this.store, tenantId, this.sealing().key);
    return { name: `bundle-${tenantId}.json`, content: Buffer.from(JSON.stringify(bundle)), description: 'SPBE ledger bundle: npm run verify -- --export <this PDF>' };
  }

  async countAuditTrail(filter: Filter): Promise<number> {
    return (await this.projector.read<AuditTrailRow>(AUDIT_TRAIL)).count(filter);
  }

  /** The sealer and its key; 409 SEALER_DISABLED when this service has no LEDGER_SIGNING_KEY. */
  sealing(): { sealer: LedgerSealer; key: SigningKey } {
    if (!this.sealer || !this.signingKey) throw new InvariantError('SEALER_DISABLED', 'no LEDGER_SIGNING_KEY is configured; the ledger is not sealed by this service');
    return { sealer: this.sealer, key: this.signingKey };
  }

  /** The public keys checkpoints are verified with: this service's key and, during a rotation, the previous one (which announces it). */
  trustedKeys(): Map<string, KeyObject> {
    return new Map([this.signingKey, this.previousKey].filter((k): k is SigningKey => !!k).map((k) => [k.keyId, k.publicKey]));
  }

  /** The tenant's verification, cached while nothing changed and bounded in concurrency (verification.ts). */
  @Inject(LedgerVerifier) private readonly verifier!: LedgerVerifier;

  /**
   * Seals what is pending, re-checks every stream chain of the tenant and every checkpoint, and
   * names the checkpoint an export is verified against. Fails closed: a broken ledger or a service
   * without a signing key exports nothing (409 naming the reason).
   */
  async attest(tenantId: string): Promise<Attestation> {
    await this.sealing().sealer.sealPending();
    const result = await this.verifier.verifyTenant(tenantId, this.trustedKeys());
    if (!result.ok) throw new InvariantError('INTEGRITY_BROKEN', `the ledger failed verification (${result.kind}); see GET …/integrity/verify — nothing exported / tidak diekspor`, { verification: result });
    if (!result.latestCheckpoint) throw new InvariantError('NOT_YET_SEALED', 'no checkpoint yet; nothing to verify an export against');
    const { sequence, root, toPosition, count, sealedAt, keyId, signature } = result.latestCheckpoint;
    return { tenantId, verifiedAt: result.verifiedAt, streams: result.streams, events: result.events, checkpoint: { sequence, root, toPosition, count, sealedAt, keyId, signature } };
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
