import { EventEnvelope } from '@spbe/ledger-core';
import { refusal } from '@spbe/ledger-core/testing';
import { diff, EVOLVERS, historyWithDiffs, parseAsOf, stateAsOf } from './history';

const event = (version: number, type: string, payload: Record<string, unknown>, recordedAt: string): EventEnvelope =>
  ({
    eventId: `e${version}`,
    streamId: 'kota-kupang:registry.unit:dinas-kominfo',
    tenantId: 'kota-kupang',
    type,
    version,
    payload,
    occurredAt: recordedAt,
    recordedAt,
    actor: { id: 'u1', name: 'Pejabat', role: 'koordinator' },
    legalBasis: null,
  }) as unknown as EventEnvelope;

describe('history and state as of', () => {
  it('diffs nested values by path, additions and removals as null on the other side', () => {
    expect(diff({ a: 1, b: { c: [1, 2] } }, { a: 1, b: { c: [1, 3, 4] }, d: 'x' })).toEqual([
      { path: 'b.c.1', before: 2, after: 3 },
      { path: 'b.c.2', before: null, after: 4 },
      { path: 'd', before: null, after: 'x' },
    ]);
    expect(diff({ a: 1 }, {})).toEqual([{ path: 'a', before: 1, after: null }]);
    expect(diff(null, { a: 1 })).toEqual([{ path: '$', before: null, after: { a: 1 } }]);
    expect(diff({ a: [1] }, { a: [1] })).toEqual([]);
  });

  it('knows every aggregate the services write', () => {
    expect(Object.keys(EVOLVERS).sort()).toEqual([
      'audit.audit', 'audit.finding', 'audit.latik', 'audit.obligation', 'audit.programme',
      'evaluation.cycle', 'evaluation.framework',
      'registry.application', 'registry.appointment', 'registry.approval', 'registry.architecture', 'registry.dataset', 'registry.decision',
      'registry.designation', 'registry.infrastructure', 'registry.service', 'registry.tenant', 'registry.unit',
    ]);
  });

  const events = [event(0, 'UnitRegistered', { unitId: 'dinas-kominfo', name: 'Dinas Kominfo', kind: 'dinas-kominfo' }, '2026-03-01T02:00:00.000Z')];

  it("folds a unit's events with the registry's own evolve", () => {
    const [first] = historyWithDiffs('registry.unit', events);
    expect(first.changes).toEqual(expect.arrayContaining([{ path: 'exists', before: false, after: true }, { path: 'name', before: null, after: 'Dinas Kominfo' }]));
    expect(stateAsOf('registry.unit', events, parseAsOf('2026-03-01', undefined, 'now'))).toMatchObject({ version: 0, state: { name: 'Dinas Kominfo' } });
    expect(stateAsOf('registry.unit', events, parseAsOf('2026-02-28', undefined, 'now'))).toMatchObject({ version: null, state: null });
    expect(stateAsOf('registry.unit', events, parseAsOf(undefined, 'e0', 'now'))).toMatchObject({ eventId: 'e0', asOf: '2026-03-01T02:00:00.000Z' });
  });

  it('reads asOf as the end of a day (UTC) or a timestamp; refuses anything else', () => {
    expect(parseAsOf('2024-02-29', undefined, 'now')).toEqual({ kind: 'time', at: '2024-02-29T23:59:59.999Z' });
    expect(parseAsOf('2026-03-01T08:00:00+07:00', undefined, 'now')).toEqual({ kind: 'time', at: '2026-03-01T01:00:00.000Z' });
    expect(parseAsOf(undefined, undefined, '2026-11-29T00:00:00.000Z')).toEqual({ kind: 'time', at: '2026-11-29T00:00:00.000Z' });
    expect(refusal(() => parseAsOf('2025-02-29', undefined, 'now')).message).toMatch(/^asOf: /);
    expect(refusal(() => parseAsOf('kemarin', undefined, 'now')).message).toMatch(/^asOf: /);
    expect(refusal(() => parseAsOf('2026-01-01', 'e0', 'now')).message).toMatch(/^asOf: /);
    expect(refusal(() => stateAsOf('registry.unit', events, { kind: 'event', eventId: 'e9' })).message).toMatch(/^eventId: /);
    expect(refusal(() => historyWithDiffs('registry.nothing', events)).message).toMatch(/^entityType: /);
  });
});
