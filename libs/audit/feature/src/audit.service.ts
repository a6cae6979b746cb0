import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { auditDecider, AuditState, dueAudits, findingDecider, followUpOverdue, obligationMarkDecider, obligationStreamId, findingStreamId, DueEntry } from '@spbe/audit-domain';
import { ConcurrencyError, Decider, EventStore, fold, LedgerConfig, NotFoundError, SYSTEM_ACTOR } from '@spbe/ledger-core';
import { Metrics } from '@spbe/messaging';
import { AggregateStore, CONFIG, EVENT_STORE, METRICS, ProjectionConsumer, ProjectionConsumers } from '@spbe/platform';
import { Projector } from '@spbe/read-models';
import { profileOfDoc } from '@spbe/registry-domain';
import { EffectiveProfile } from '@spbe/regulations';
import { AUDIT_OBJECTS, AUDIT_TEAM, AUDIT_TENANTS, AUDIT_UNITS, AuditObjectDoc, AuditTeamMemberDoc, auditObjectsProjection, auditTenantsProjection, AuditTenantDoc, AuditUnitDoc } from './audit-objects.projection';

const MINUTE_MS = 60_000;

export interface OverdueRun {
  tenantId: string;
  asOf: string;
  auditsMarked: number;
  findingsMarked: number;
}

/**
 * The audit programme's edge: learns tenants and audit objects from the registry's topic, answers the
 * due list, and records overdue audits and follow-ups as system events once a day (and on demand).
 */
@Injectable()
export class AuditService implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly projector: Projector;
  private consumer?: ProjectionConsumer;
  private timer?: NodeJS.Timeout;
  private firstRun?: NodeJS.Timeout;
  /** The last scheduled run (for tests and diagnostics). */
  lastScheduledRun?: Promise<OverdueRun[]>;
  private readonly logger = new Logger('AuditScheduler');

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(METRICS) private readonly metrics: Metrics,
    @Inject(CONFIG) private readonly config: LedgerConfig,
    readonly aggregates: AggregateStore,
    private readonly consumers: ProjectionConsumers,
  ) {
    this.projector = consumers.projector('audit-scheduler', [auditTenantsProjection, auditObjectsProjection]);
  }

  async onApplicationBootstrap(): Promise<void> {
    this.consumer = await this.consumers.start('audit-scheduler', this.projector, ['registry']);
    const every = this.config.auditOverdueEveryMinutes;
    if (every > 0) this.startSchedule(every * MINUTE_MS, MINUTE_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopSchedule();
    await this.consumer?.stop();
  }

  /**
   * Runs the overdue check for every tenant `firstMs` after now (once the projections have caught up
   * after a start), then every `everyMs`; a restart therefore never postpones the check by a whole
   * period. Every instance may run it: the markers are recorded exactly once (see runOverdue).
   */
  startSchedule(everyMs: number, firstMs: number): void {
    this.stopSchedule();
    const run = () => {
      this.lastScheduledRun = this.runOverdueForAll().then(
        (runs) => {
          const marked = runs.reduce((n, r) => n + r.auditsMarked + r.findingsMarked, 0);
          if (marked > 0) this.logger.log(`overdue run: ${marked} marker(s) recorded for ${runs.length} tenant(s)`);
          return runs;
        },
        (err) => {
          this.logger.error(`overdue run: ${String(err)}`);
          return [];
        },
      );
    };
    this.firstRun = setTimeout(() => {
      run();
      this.timer = setInterval(run, everyMs);
      this.timer.unref();
    }, firstMs);
    this.firstRun.unref();
  }

  stopSchedule(): void {
    if (this.firstRun) clearTimeout(this.firstRun);
    if (this.timer) clearInterval(this.timer);
    this.firstRun = this.timer = undefined;
  }

  /** The tenant's profile as the audit programme knows it from the registry's events (404 before). */
  async tenant(tenantId: string): Promise<{ doc: AuditTenantDoc; profile: EffectiveProfile }> {
    const doc = await (await this.projector.read<AuditTenantDoc>(AUDIT_TENANTS)).get(tenantId);
    if (!doc) throw new NotFoundError('tenant', tenantId);
    return { doc, profile: profileOfDoc(doc) };
  }

  async objects(tenantId: string): Promise<AuditObjectDoc[]> {
    return (await this.projector.read<AuditObjectDoc>(AUDIT_OBJECTS)).find({ tenantId }, { sort: { _id: 1 } });
  }

  async object(tenantId: string, kind: string, id: string): Promise<AuditObjectDoc | null> {
    return (await this.projector.read<AuditObjectDoc>(AUDIT_OBJECTS)).get(`${tenantId}|${kind}|${id}`);
  }

  async unit(tenantId: string, unitId: string): Promise<AuditUnitDoc | null> {
    return (await this.projector.read<AuditUnitDoc>(AUDIT_UNITS)).get(`${tenantId}|${unitId}`);
  }

  /** The Tim Auditor TIK internal as appointed by decree in the registry (current and past members). */
  async team(tenantId: string): Promise<AuditTeamMemberDoc[]> {
    return (await this.projector.read<AuditTeamMemberDoc>(AUDIT_TEAM)).find({ tenantId }, { sort: { _id: 1 } });
  }

  audits(tenantId: string): Promise<(AuditState & { id: string; version: number })[]> {
    return this.aggregates.all(auditDecider, tenantId, 'audit', 'audit');
  }

  async due(tenantId: string, asOf: string): Promise<DueEntry[]> {
    const { doc, profile } = await this.tenant(tenantId);
    return dueAudits(profile, { id: tenantId, since: doc.registeredOn }, await this.objects(tenantId), await this.audits(tenantId), asOf);
  }

  /**
   * Records `AuditBecameOverdue` / `FindingFollowUpOverdue` for what passed its due date unmet.
   * Exactly once per occurrence: each goes to a stream of its own with the version read, and the
   * decider refuses a second marker for the same due date, so concurrent runs and restarts add nothing.
   */
  async runOverdue(tenantId: string, asOf: string): Promise<OverdueRun> {
    let auditsMarked = 0;
    for (const entry of await this.due(tenantId, asOf)) {
      for (const o of entry.obligations.filter((x) => x.status === 'overdue')) {
        auditsMarked += await this.markOnce(obligationMarkDecider, obligationStreamId(tenantId, o.ruleId, o.subject.id), { type: 'MarkAuditOverdue', obligation: o, asOf });
      }
    }
    let findingsMarked = 0;
    for (const f of await this.aggregates.all(findingDecider, tenantId, 'audit', 'finding')) {
      if (followUpOverdue(f, asOf)) findingsMarked += await this.markOnce(findingDecider, findingStreamId(tenantId, f.id), { type: 'MarkFollowUpOverdue', asOf });
    }
    this.metrics.inc('spbe_audit_overdue_marked_total', 'Overdue markers recorded by the audit scheduler', { kind: 'audit' }, auditsMarked);
    this.metrics.inc('spbe_audit_overdue_marked_total', 'Overdue markers recorded by the audit scheduler', { kind: 'finding' }, findingsMarked);
    return { tenantId, asOf, auditsMarked, findingsMarked };
  }

  async runOverdueForAll(asOf = new Date().toISOString().slice(0, 10)): Promise<OverdueRun[]> {
    const tenants = await (await this.projector.read<AuditTenantDoc>(AUDIT_TENANTS)).find({});
    const runs: OverdueRun[] = [];
    for (const t of tenants) runs.push(await this.runOverdue(t.tenantId, asOf));
    return runs;
  }

  private async markOnce<S, C>(decider: Decider<S, C>, streamId: string, command: C, attempt = 1): Promise<number> {
    const events = (await this.aggregates.read(streamId)) ?? [];
    const decided = decider.decide(command, fold(decider, events));
    if (decided.length === 0) return 0;
    try {
      await this.store.append({ streamId, expectedVersion: events.length ? events[events.length - 1].version : 'no-stream', events: decided, context: { actor: SYSTEM_ACTOR, commandId: null, correlationId: null, causationId: null } });
      return decided.length;
    } catch (err) {
      // Another instance recorded something on this stream meanwhile: decide again on what it wrote.
      if (err instanceof ConcurrencyError && attempt < 5) return this.markOnce(decider, streamId, command, attempt + 1);
      throw err;
    }
  }
}
