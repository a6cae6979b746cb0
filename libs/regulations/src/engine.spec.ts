import { LedgerError, RuleViolationError, ValidationError } from '@spbe/ledger-core';
import { effectiveProfile } from './adopt';
import { addPeriod, isDate, termEnd } from './dates';
import { architectureTerm, calendarPeriod, evaluateObligations, ObligationResult, termWindows } from './engine';
import type { Fact, Subject } from './facts';
import { assertGates, checkGates } from './gates';
import type { EffectiveProfile } from './model';
import { assertOrder, checkOrder } from './order';
import { kupang } from './profiles/kupang';
import { assertDutyRole, dutyHolder } from './roles';
import { validateProfile } from './validate';

const KUPANG = effectiveProfile({ profileId: 'kupang-perwali-11-2025' });
const NASIONAL = effectiveProfile({ profileId: 'nasional-perpres-95-2018', inForceFrom: '2024-01-01' });
const tenant = { id: 'kota-kupang', since: '2025-04-15' };

const unit: Subject = { kind: 'unit', id: 'dinas-pu', since: '2025-04-15' };
const infra: Subject = { kind: 'infrastructure', id: 'pusat-data', since: '2025-04-15' };
const fact = (eventId: string, type: string, date: string, subject: Subject, data?: Record<string, unknown>): Fact => ({ eventId, type, date, subject: { kind: subject.kind, id: subject.id }, data });

function one(profile: EffectiveProfile, ruleId: string, asOf: string, subjects: Subject[], facts: Fact[], subjectId?: string): ObligationResult {
  const all = evaluateObligations(profile, { asOf, tenant, subjects, facts });
  const found = all.filter((r) => r.ruleId === ruleId && (!subjectId || r.subject.id === subjectId));
  expect(found).toHaveLength(1);
  return found[0];
}

describe('dates', () => {
  it.each([
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2100-02-29', false],
    ['2000-02-29', true],
    ['2025-13-01', false],
    ['2025-4-1', false],
  ])('%s is a date: %s', (s, ok) => expect(isDate(s)).toBe(ok));

  it.each([
    ['2024-02-29', { years: 1 }, '2025-02-28'],
    ['2024-02-29', { years: 4 }, '2028-02-29'],
    ['2025-01-31', { months: 1 }, '2025-02-28'],
    ['2025-12-15', { months: 1 }, '2026-01-15'],
  ])('%s + %j = %s', (d, p, out) => expect(addPeriod(d, p)).toBe(out));

  // Issue 15 item 11: a term from 29 February ends on the last day of February when the anniversary
  // does not exist (common year), and on the day before the anniversary when it does (leap year).
  it.each([1, 2, 3, 4, 5, 6, 7, 8, 10].map((years) => [years, `${2024 + years}-02-28`]))(
    'a %i-year term from 2024-02-29 ends %s',
    (years, end) => expect(termEnd('2024-02-29', { years: years as number })).toBe(end),
  );
  it.each([
    ['2024-03-01', { years: 5 }, '2029-02-28'],
    ['2023-03-01', { years: 5 }, '2028-02-29'],
    ['2025-01-31', { months: 1 }, '2025-02-28'],
    ['2025-01-15', { months: 1 }, '2025-02-14'],
  ])('a term from %s of %j ends %s', (d, p, out) => expect(termEnd(d, p)).toBe(out));
  it('a five-year architecture term from 2024-02-29 ends 2029-02-28 (Kupang Pasal 8(1))', () => {
    expect(architectureTerm(KUPANG, { validFrom: '2024-02-29' })).toMatchObject({ from: '2024-02-29', to: '2029-02-28' });
  });
});

describe('periodic obligation, calendar year (Kupang R-INF-05, Pasal 25(1)†)', () => {
  const lan = (d: string) => fact(`lan-${d}`, 'LanDiagramSubmitted', d, unit);
  it.each([
    ['open, far from the due date', '2025-06-01', [], 'due', '2025-12-31'],
    ['30 days before the end of the year', '2025-12-01', [], 'due-soon', '2025-12-31'],
    ['due today', '2025-12-31', [], 'due-soon', '2025-12-31'],
    ['one day late', '2026-01-01', [], 'overdue', '2025-12-31'],
    ['submitted this year', '2025-06-01', ['2025-05-01'], 'fulfilled', '2025-12-31'],
    ['submitted last year, new year open', '2026-01-01', ['2025-05-01'], 'due', '2026-12-31'],
    ['missed last year, caught up this year', '2026-03-01', ['2026-02-01'], 'fulfilled', '2026-12-31'],
    ['a submission in the future of asOf does not count', '2025-06-01', ['2025-07-01'], 'due', '2025-12-31'],
  ])('%s', (_what, asOf, dates, status, due) => {
    const r = one(KUPANG, 'R-INF-05', asOf, [unit], (dates as string[]).map(lan), 'dinas-pu');
    expect(r).toMatchObject({ status, dueDate: due, citation: { regulation: 'kupang-perwali-11-2025', article: 'Pasal 25(1)', inferred: true }, source: 'regional' });
    expect(r.actor).toEqual({ duty: null, holder: 'opd' });
  });

  it('names the evidence events and the missed periods', () => {
    const r = one(KUPANG, 'R-INF-05', '2026-03-01', [unit], [lan('2026-02-01')], 'dinas-pu');
    expect(r.evidence).toEqual(['lan-2026-02-01']);
    expect(r.missedPeriods).toEqual([{ from: '2025-01-01', to: '2025-12-31' }]);
  });

  it('calendar periods of several years count from the start year', () => {
    expect(calendarPeriod('2025-04-15', { years: 2 }, '2026-12-31')).toEqual({ from: '2025-01-01', to: '2026-12-31' });
    expect(calendarPeriod('2025-04-15', { years: 2 }, '2027-01-01')).toEqual({ from: '2027-01-01', to: '2028-12-31' });
  });
});

describe('periodic obligation, rolling 2 years (Kupang R-AUD-09, Pasal 48(1))', () => {
  const audit = (d: string, auditType = 'infrastruktur') => fact(`audit-${d}`, 'AuditReported', d, infra, { auditType, mode: 'internal' });
  it.each([
    ['no audit yet, first due two years after the start', '2026-01-01', [], 'due', '2027-04-15'],
    ['due today', '2027-04-15', [], 'due-soon', '2027-04-15'],
    ['one day late', '2027-04-16', [], 'overdue', '2027-04-15'],
    ['audited, next due two years later', '2026-06-01', ['2026-01-10'], 'fulfilled', '2028-01-10'],
    ['audited on 29 February, next due 28 February (leap year)', '2030-02-28', ['2028-02-29'], 'due-soon', '2030-02-28'],
    ['audited on 29 February, one day late', '2030-03-01', ['2028-02-29'], 'overdue', '2030-02-28'],
    ['an audit before the regulation does not bring the first due date forward', '2025-05-01', ['2024-01-01'], 'fulfilled', '2027-04-15'],
  ])('%s', (_what, asOf, dates, status, due) => {
    const r = one(KUPANG, 'R-AUD-09', asOf, [infra], (dates as string[]).map((d) => audit(d)), 'pusat-data');
    expect(r).toMatchObject({ status, dueDate: due, citation: { article: 'Pasal 48(1)' } });
    expect(r.actor).toEqual({ duty: 'auditPlanner', holder: 'inspektorat' });
  });

  it('an audit of another type is not evidence', () => {
    expect(one(KUPANG, 'R-AUD-09', '2027-05-01', [infra], [audit('2026-01-10', 'keamanan')], 'pusat-data').status).toBe('overdue');
  });

  it('records a gap longer than the period as missed', () => {
    const r = one(KUPANG, 'R-AUD-09', '2030-01-01', [infra], [audit('2028-01-01')], 'pusat-data');
    expect(r.missedPeriods).toEqual([{ from: '2025-04-15', to: '2027-04-15' }]);
    expect(r.status).toBe('due-soon');
  });
});

describe('subjects and scope', () => {
  const apps: Subject[] = [
    { kind: 'application', id: 'simpeg', since: '2025-05-01', attributes: { category: 'khusus' } },
    { kind: 'application', id: 'srikandi', since: '2025-05-01', attributes: { category: 'umum' } },
  ];
  it('the Aplikasi Khusus audit applies to Aplikasi Khusus only (Pasal 49(1)–(2))', () => {
    const rows = evaluateObligations(KUPANG, { asOf: '2026-01-01', tenant, subjects: apps }).filter((r) => r.ruleId === 'R-AUD-10');
    expect(rows.map((r) => r.subject.id)).toEqual(['simpeg']);
    expect(rows[0].dueDate).toBe('2027-05-01');
  });

  it('a retired subject is not applicable any more', () => {
    const r = one(KUPANG, 'R-AUD-10', '2026-01-01', [{ ...apps[0], until: '2025-12-01' }], [], 'simpeg');
    expect(r.status).toBe('not-applicable');
  });

  it('a silent rule without a national fallback is reported as not applicable, with the reason', () => {
    const r = one(NASIONAL, 'R-AUD-10', '2025-01-01', [], []);
    expect(r).toMatchObject({ status: 'not-applicable', citation: null, subject: { kind: 'tenant' } });
    expect(r.note?.en).toMatch(/silent/);
  });

  it('a silent rule with a national fallback applies it and says so (Perpres 95/2018 Pasal 58(4))', () => {
    const r = one(NASIONAL, 'R-AUD-11.infrastructure', '2025-01-01', [{ ...infra, since: '2024-01-01' }], []);
    expect(r).toMatchObject({ status: 'due', source: 'national-fallback', dueDate: '2026-01-01', citation: { regulation: 'perpres-95-2018', article: 'Pasal 58(4)', grade: 'V' } });
  });

  it('rejects a date before the profile took effect, naming the field and the article', () => {
    expect(() => evaluateObligations(KUPANG, { asOf: '2025-04-14', tenant })).toThrow(ValidationError);
    expect(() => evaluateObligations(KUPANG, { asOf: '2025-04-14', tenant })).toThrow(/^asOf: .*kupang-perwali-11-2025 Pasal 57/);
    expect(() => evaluateObligations(KUPANG, { asOf: '2025-02-30', tenant })).toThrow(/^asOf: must be a calendar date/);
  });

  it("counts any matching fact of the tenant for a duty of the Pemda as a whole (Samarinda R-AUD-07/08, Pasal 30(7)), but only the subject's own facts otherwise", () => {
    const samarinda = effectiveProfile({ profileId: 'samarinda-perwali-draft-2023', inForceFrom: '2024-01-01' });
    const t = { id: 'kota-samarinda', since: '2025-01-01' };
    const subjects = [{ ...infra, since: '2025-01-01' }];
    const audits = [fact('int-2026', 'AuditReported', '2026-05-10', infra, { mode: 'internal', auditType: 'infrastruktur' })];
    const all = evaluateObligations(samarinda, { asOf: '2026-06-01', tenant: t, subjects, facts: audits });
    const yearly = all.find((r) => r.ruleId === 'R-AUD-07')!;
    expect(yearly).toMatchObject({ subject: { kind: 'tenant', id: 'kota-samarinda' }, status: 'fulfilled', evidence: ['int-2026'], citation: { regulation: 'samarinda-perwali-draft-2023', article: 'Pasal 30(7)' } });
    // An internal audit is no evidence for the external one.
    expect(all.find((r) => r.ruleId === 'R-AUD-08')!.evidence).toEqual([]);
    // Kupang's LAN diagram duty is per unit: a diagram of another unit does not count.
    const other = fact('lan', 'LanDiagramSubmitted', '2025-06-01', { kind: 'unit', id: 'dinas-lain', since: '2025-04-15' });
    expect(one(KUPANG, 'R-INF-05', '2025-12-01', [unit], [other], 'dinas-pu').status).not.toBe('fulfilled');
  });

  it('is deterministic: the same input gives the same output', () => {
    const input = { asOf: '2027-06-01', tenant, subjects: [unit, infra], facts: [fact('e1', 'LanDiagramSubmitted', '2027-02-01', unit)] };
    expect(evaluateObligations(KUPANG, input)).toEqual(evaluateObligations(KUPANG, input));
  });
});

describe('term reviews (mid-term and final year)', () => {
  it('windows of a five-year term: the middle year and the last year', () => {
    expect(termWindows('2026-01-01', '2030-12-31')).toEqual({ midTerm: { from: '2028-01-01', to: '2028-12-31' }, finalYear: { from: '2030-01-01', to: '2030-12-31' } });
  });

  it('windows of a term set mid-RPJMD (shorter than five years) follow its actual length', () => {
    expect(termWindows('2023-03-01', '2026-12-31')).toEqual({ midTerm: { from: '2024-03-01', to: '2025-02-28' }, finalYear: { from: '2026-01-01', to: '2026-12-31' } });
  });

  const arch: Subject = { kind: 'architecture', id: 'arsitektur-2026', since: '2026-01-01', until: '2030-12-31' };
  const review = (d: string) => fact(`rev-${d}`, 'ArchitectureReviewed', d, arch, { kind: 'mid-term' });
  it.each([
    ['mid-term, before its window', 'R-ARC-08.mid-term', '2027-01-01', [], 'due', '2028-12-31'],
    ['mid-term, reviewed in the window', 'R-ARC-08.mid-term', '2029-01-01', ['2028-06-01'], 'fulfilled', '2028-12-31'],
    ['mid-term, last day of the window', 'R-ARC-08.mid-term', '2028-12-31', [], 'due-soon', '2028-12-31'],
    ['mid-term, one day late', 'R-ARC-08.mid-term', '2029-01-01', [], 'overdue', '2028-12-31'],
    ['a review outside the window does not count', 'R-ARC-08.mid-term', '2029-01-01', ['2027-06-01'], 'overdue', '2028-12-31'],
    ['final year, reviewed', 'R-ARC-08.final-year', '2030-12-31', ['2030-02-01'], 'fulfilled', '2030-12-31'],
  ])('%s', (_what, ruleId, asOf, dates, status, due) => {
    const r = one(KUPANG, ruleId, asOf, [arch], (dates as string[]).map(review));
    expect(r).toMatchObject({ status, dueDate: due, citation: { article: 'Pasal 8(2)', inferred: true }, actor: { duty: 'architectureReviewer', holder: 'dinas' } });
  });

  it('after the term ends the review is no longer applicable, but a missed one stays on record', () => {
    const r = one(KUPANG, 'R-ARC-08.final-year', '2031-01-02', [arch], []);
    expect(r).toMatchObject({ status: 'not-applicable', missedPeriods: [{ from: '2030-01-01', to: '2030-12-31' }] });
  });

  it('the architecture term: five years, or ending with the RPJMD when set mid-RPJMD where the profile aligns it', () => {
    expect(architectureTerm(KUPANG, { validFrom: '2026-01-01' })).toMatchObject({ from: '2026-01-01', to: '2030-12-31', citation: { article: 'Pasal 8(1)' } });
    // Kupang states no RPJMD alignment (Pasal 8(1)†): five years regardless.
    expect(architectureTerm(KUPANG, { validFrom: '2023-03-01', rpjmd: { from: '2021-01-01', to: '2026-12-31' } }).to).toBe('2028-02-29');
    const aligned: EffectiveProfile = { ...KUPANG, architecture: { ...KUPANG.architecture, validity: { kind: 'stated', value: { years: 5, rpjmdAligned: true }, citation: { regulation: 'x', article: 'Pasal 5(3)' } } } };
    expect(architectureTerm(aligned, { validFrom: '2023-03-01', rpjmd: { from: '2021-01-01', to: '2026-12-31' } })).toMatchObject({ from: '2023-03-01', to: '2026-12-31' });
    expect(architectureTerm(aligned, { validFrom: '2021-01-01', rpjmd: { from: '2021-01-01', to: '2025-12-31' } }).to).toBe('2025-12-31');
    expect(() => architectureTerm(aligned, { validFrom: '2027-01-01', rpjmd: { from: '2021-01-01', to: '2026-12-31' } })).toThrow(/^validFrom: .*Pasal 5\(3\)/);
    expect(() => architectureTerm(aligned, { validFrom: '2021-01-01', rpjmd: { from: '2021-01-01', to: '2020-12-31' } })).toThrow(/^rpjmd.to: /);
  });
});

describe('Kupang Pasal 19(13): data-centre use reviewed at mid-term and final year of a term the Pemda sets', () => {
  const review = (date: string) => fact(`r-${date}`, 'DataCentreServiceReviewed', date, { kind: 'tenant', id: 'kota-kupang', since: '2025-04-15' });
  const r24 = (p: EffectiveProfile, asOf: string, facts: Fact[]) => evaluateObligations(p, { asOf, tenant, facts }).filter((r) => r.ruleId.startsWith('R-INF-24'));
  it('is not applicable until the Pemda anchors the term by decree, and says why', () => {
    expect(r24(KUPANG, '2027-06-01', [])).toMatchObject([
      { ruleId: 'R-INF-24.mid-term', status: 'not-applicable', citation: { article: 'Pasal 19(13)' }, note: { en: expect.stringContaining('obligations.R-INF-24.term') } },
      { ruleId: 'R-INF-24.final-year', status: 'not-applicable' },
    ]);
  });
  it('after the decree the windows follow that term; a review in the window fulfils it', () => {
    const basis = { regulation: 'keputusan-walikota-kupang-3-2026', article: 'Diktum KESATU' };
    const p = effectiveProfile({ profileId: 'kupang-perwali-11-2025' }, [{ path: 'obligations.R-INF-24.term', value: { from: '2025-01-01', to: '2029-12-31' }, decree: { number: '3/2026', date: '2026-01-10', signer: 'Wali Kota Kupang' }, legalBasis: basis }]);
    expect(r24(p, '2027-06-01', [])).toMatchObject([
      { ruleId: 'R-INF-24.mid-term', status: 'due', period: { from: '2027-01-01', to: '2027-12-31' } },
      { ruleId: 'R-INF-24.final-year', status: 'due', period: { from: '2029-01-01', to: '2029-12-31' } },
    ]);
    expect(r24(p, '2027-06-01', [review('2027-03-01')])[0]).toMatchObject({ status: 'fulfilled', evidence: ['r-2027-03-01'] });
    expect(r24(p, '2028-02-01', [])[0]).toMatchObject({ status: 'overdue' });
    expect(() => effectiveProfile({ profileId: 'kupang-perwali-11-2025' }, [{ path: 'obligations.R-INF-24.term', value: { from: '2029-01-01', to: '2025-01-01' }, decree: { number: '3/2026', date: '2026-01-10', signer: 'x' }, legalBasis: basis }])).toThrow(/^value.to: /);
  });
});

describe('Dumai Pasal 5(3): the blueprint "dapat ditinjau ulang 2 (dua) tahun sekali" (optional)', () => {
  const DUMAI = effectiveProfile({ profileId: 'dumai-perwako-18-2019' });
  const blueprint: Subject = { kind: 'architecture', id: 'cetak-biru-2025', since: '2025-01-01', until: '2029-12-31' };
  const arc = (asOf: string, facts: Fact[]) => evaluateObligations(DUMAI, { asOf, tenant: { id: 'kota-dumai', since: '2019-04-29' }, subjects: [blueprint], facts }).filter((r) => r.subject.kind === 'architecture');
  it('is never due or overdue, only fulfilled when held; no national mid-term / final-year review applies', () => {
    expect(arc('2028-06-01', [])).toMatchObject([{ ruleId: 'R-ARC-13', status: 'not-applicable', missedPeriods: [], note: { en: expect.stringContaining('Optional') } }]);
    expect(arc('2026-06-01', [fact('rv', 'ArchitectureReviewed', '2026-05-01', blueprint)])).toMatchObject([{ ruleId: 'R-ARC-13', status: 'fulfilled', citation: { article: 'Pasal 5(3)' } }]);
  });
});

describe('order-of-events checks', () => {
  const app: Subject = { kind: 'application', id: 'simpeg', since: '2025-05-01' };
  it('Mojokerto Pasal 23(1) asks the test only of an Aplikasi Khusus', () => {
    const mojokerto = effectiveProfile({ profileId: 'mojokerto-perbup-15-2021', inForceFrom: '2021-06-01' });
    const khusus = fact('live-k', 'ApplicationDeployedToProduction', '2025-07-01', app, { category: 'khusus' });
    const umum = fact('live-u', 'ApplicationDeployedToProduction', '2025-07-01', app, { category: 'umum' });
    expect(checkOrder(mojokerto, [khusus]).filter((r) => r.ruleId === 'R-APP-11')).toMatchObject([{ status: 'violated', citation: { article: 'Pasal 23(1)' } }]);
    expect(checkOrder(mojokerto, [umum]).filter((r) => r.ruleId === 'R-APP-11')).toEqual([]);
  });

  it('an application must be tested before it goes live (Pasuruan Pasal 14(1))', () => {
    const PASURUAN = effectiveProfile({ profileId: 'pasuruan-perwali-24-2021' });
    const r = (facts: Fact[]) => checkOrder(PASURUAN, facts).filter((x) => x.ruleId === 'R-APP-11');
    const live = fact('live', 'ApplicationDeployedToProduction', '2025-07-01', app);
    expect(r([live])).toMatchObject([{ ruleId: 'R-APP-11', status: 'violated', citation: { regulation: 'pasuruan-perwali-24-2021', article: 'Pasal 14(1)' } }]);
    expect(r([fact('test', 'ApplicationTested', '2025-06-01', app, { result: 'lulus' }), live])).toMatchObject([{ status: 'ok', evidence: ['test'] }]);
    // Same day: the order in the ledger decides.
    expect(r([fact('test', 'ApplicationTested', '2025-07-01', app, { result: 'lulus' }), live])[0].status).toBe('ok');
    expect(r([live, fact('test', 'ApplicationTested', '2025-07-01', app, { result: 'lulus' })])[0].status).toBe('violated');
    // "wajib melakukan pengujian … sebelum diimplementasikan": a test, passed or not; not a test of another application.
    expect(r([fact('failed', 'ApplicationTested', '2025-06-01', app, { result: 'gagal' }), live])[0].status).toBe('ok');
    expect(r([fact('t2', 'ApplicationTested', '2025-06-01', { ...app, id: 'other' }, { result: 'lulus' }), live])[0].status).toBe('violated');
  });

  // Issue 15 items 1–2: Samarinda Pasal 12(2) says who does user testing, Kupang Pasal 28(6)(e) lists the
  // development stages; neither orders a test before going live, so neither profile holds that rule.
  it.each([
    ['samarinda-perwali-draft-2023', 'Pasal 12(2)'],
    ['kupang-perwali-11-2025', 'Pasal 28(6)(e)'],
  ])('%s sets no test-before-live order (%s): going live untested is not a violation', (profileId) => {
    const p = effectiveProfile({ profileId, inForceFrom: '2024-01-01' });
    expect(p.orderRules.map((x) => x.ruleId)).not.toContain('R-APP-11');
    expect(checkOrder(p, [fact('live', 'ApplicationDeployedToProduction', '2025-07-01', app)])).toEqual([]);
  });

  it('the data-owner approval must precede Dinas management of the same data set (Pasal 20(2))', () => {
    const managed = fact('m', 'DataManagedByDinas', '2025-08-01', unit, { datasetId: 'ds-1' });
    expect(checkOrder(KUPANG, [fact('a', 'DataOwnerApprovalGranted', '2025-07-01', unit, { datasetId: 'ds-2' }), managed])[0].status).toBe('violated');
    expect(checkOrder(KUPANG, [fact('a', 'DataOwnerApprovalGranted', '2025-07-01', unit, { datasetId: 'ds-1' }), managed])[0].status).toBe('ok');
  });

  const withLead = (lead: 'min' | 'max'): EffectiveProfile => ({
    ...KUPANG,
    orderRules: [
      {
        ruleId: 'R-AUD-06',
        title: { id: 'Audit internal paling lambat 1 bulan sebelum', en: 'Internal audit at least 1 month before' },
        trigger: { types: ['AuditScheduled'], where: { mode: 'eksternal' } },
        requires: { types: ['AuditReported'], where: { mode: 'internal' } },
        sameSubject: true,
        sameFields: ['auditType'],
        ...(lead === 'min' ? { minLead: { months: 1 } } : { maxLead: { months: 1 } }),
        citation: { regulation: 'mojokerto-perbup-15-2021', article: 'Pasal 39(5)' },
      },
    ],
  });
  it.each([
    ['exactly one month before', '2026-02-28', 'ok'],
    ['one day short of a month', '2026-03-01', 'violated'],
  ])('a minimum lead of one month: internal audit %s the external one', (_w, internalOn, status) => {
    const facts = [fact('int', 'AuditReported', internalOn, infra, { mode: 'internal', auditType: 'keamanan' }), fact('ext', 'AuditScheduled', '2026-03-31', infra, { mode: 'eksternal', auditType: 'keamanan' })];
    expect(checkOrder(withLead('min'), facts)[0].status).toBe(status);
  });

  it('a maximum lead: the report must be at most one month old', () => {
    const facts = (d: string) => [fact('int', 'AuditReported', d, infra, { mode: 'internal', auditType: 'keamanan' }), fact('ext', 'AuditScheduled', '2026-03-31', infra, { mode: 'eksternal', auditType: 'keamanan' })];
    expect(checkOrder(withLead('max'), facts('2026-02-28'))[0].status).toBe('ok');
    expect(checkOrder(withLead('max'), facts('2026-02-27'))[0].status).toBe('violated');
  });

  it('the write-side guard refuses with the article (HTTP 422)', () => {
    const ext = fact('ext', 'AuditScheduled', '2026-03-31', infra, { mode: 'eksternal', auditType: 'keamanan' });
    let error: unknown;
    try {
      assertOrder(withLead('min'), ext, [fact('int', 'AuditReported', '2026-03-15', infra, { mode: 'internal', auditType: 'keamanan' })]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RuleViolationError);
    expect((error as LedgerError).legalBasis).toEqual({ regulation: 'mojokerto-perbup-15-2021', article: 'Pasal 39(5)' });
    expect((error as Error).message).toMatch(/1 bulan.*mojokerto-perbup-15-2021 Pasal 39\(5\)/);
  });
});

describe('approval gates', () => {
  it('an Aplikasi Khusus build needs the PD Mandiri TIK status and a Dinas consultation (Kupang Pasal 28(1)(c), 28(2))', () => {
    expect(checkGates(KUPANG, 'aplikasi-khusus-build', { mandiriTik: false, given: [] }).missing.map((g) => g.citation.article)).toEqual(['Pasal 28(1)(c)', 'Pasal 28(2)']);
    expect(() => assertGates(KUPANG, 'aplikasi-khusus-build', { mandiriTik: false, given: [] })).toThrow(/PD Mandiri TIK.*Pasal 28\(1\)\(c\)/);
    expect(() => assertGates(KUPANG, 'aplikasi-khusus-build', { mandiriTik: true, given: [] })).toThrow(/berkonsultasi kepada Dinas.*Pasal 28\(2\)/);
    const ok = assertGates(KUPANG, 'aplikasi-khusus-build', { mandiriTik: true, designationEventId: 'd1', given: [{ gate: 'konsultasi', eventId: 'k1' }] });
    expect(ok.satisfiedBy.map((s) => s.eventId)).toEqual(['d1', 'k1']);
  });

  it('an action no gate covers passes', () => {
    expect(assertGates(KUPANG, 'procurement', { mandiriTik: false, given: [] }).required).toEqual([]);
  });
});

describe('profile validation', () => {
  it('refuses a rule that refers to a role the profile lacks, naming the field and the citation', () => {
    const broken = { ...kupang, roles: { ...kupang.roles, auditPlanner: { kind: 'silent' as const, note: { id: '-', en: '-' } } } };
    expect(() => validateProfile(broken)).toThrow(/^obligations\[R-AUD-09\]\.actor: .*"auditPlanner".*kupang-perwali-11-2025 Pasal 48\(1\)/);
  });

  it('refuses a period of zero or negative length, naming the field and the citation', () => {
    const withPeriod = (every: { years?: number; months?: number }) => ({
      ...kupang,
      obligations: kupang.obligations.map((o) => (o.ruleId === 'R-INF-05' && o.kind === 'periodic' ? { ...o, cadence: { ...o.cadence, value: { every, window: 'calendar' as const } } } : o)),
    });
    expect(() => validateProfile(withPeriod({ years: 0 }))).toThrow(/^obligations\[R-INF-05\]\.cadence\.every: .*positive.*Pasal 25\(1\)†/);
    expect(() => validateProfile(withPeriod({ years: -1 }))).toThrow(ValidationError);
    expect(() => validateProfile(withPeriod({ months: 1.5 }))).toThrow(ValidationError);
  });
});

describe('who may record a duty', () => {
  it('names the body, the article and the recording roles', () => {
    expect(dutyHolder(KUPANG, 'mandiriTikDesignator')).toEqual({ duty: 'mandiriTikDesignator', holder: 'kepala-daerah', citation: { regulation: 'kupang-perwali-11-2025', article: 'Pasal 52(7)' }, roles: ['koordinator'] });
    expect(assertDutyRole(KUPANG, 'auditPlanner', 'inspektorat').holder).toBe('inspektorat');
  });
  it('refuses another role (403) naming the article', () => {
    expect(() => assertDutyRole(KUPANG, 'auditPlanner', 'dinas')).toThrow(/inspektorat \(kupang-perwali-11-2025 Pasal 48\(1\)\).*not dinas/);
  });
  it('refuses a duty the regulation leaves to no one (422) until the Pemda decides', () => {
    expect(() => dutyHolder(NASIONAL, 'mandiriTikDesignator')).toThrow(RuleViolationError);
  });
});
