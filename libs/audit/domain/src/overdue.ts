import { Decider, EventEnvelope, NewEvent, streamIdOf } from '@spbe/ledger-core';
import type { Citation, ObligationResult } from '@spbe/regulations';

/**
 * A due audit that passed unmet: recorded once per (rule, object, due date) as a system event on the
 * obligation's own stream, so that several scheduler instances and restarts record it exactly once
 * (same stream + optimistic concurrency + this decider's "already marked" check). Pure.
 */
export interface ObligationMarkState {
  markedDueDates: string[];
}

export interface MarkAuditOverdue {
  type: 'MarkAuditOverdue';
  obligation: Pick<ObligationResult, 'ruleId' | 'subject' | 'dueDate' | 'status'> & { citation: Citation | null };
  asOf: string;
}

export const obligationStreamId = (tenantId: string, ruleId: string, subjectId: string) =>
  streamIdOf({ tenantId, context: 'audit', aggregate: 'obligation', id: `${ruleId}~${subjectId}` });

export const obligationMarkDecider: Decider<ObligationMarkState, MarkAuditOverdue> = {
  initialState: () => ({ markedDueDates: [] }),
  decide(c, s): NewEvent[] {
    const o = c.obligation;
    if (o.status !== 'overdue' || !o.dueDate || s.markedDueDates.includes(o.dueDate)) return [];
    return [
      {
        type: 'AuditBecameOverdue',
        payload: { ruleId: o.ruleId, objectKind: o.subject.kind, objectId: o.subject.id, dueDate: o.dueDate, detectedOn: c.asOf },
        legalBasis: o.citation ? { regulation: o.citation.regulation, article: o.citation.article } : null,
      },
    ];
  },
  evolve(s, e: EventEnvelope): ObligationMarkState {
    return e.type === 'AuditBecameOverdue' ? { markedDueDates: [...s.markedDueDates, String((e.payload as { dueDate: string }).dueDate)] } : s;
  },
};
