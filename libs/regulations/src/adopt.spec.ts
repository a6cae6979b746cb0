import { ValidationError } from '@spbe/ledger-core';
import { adoptProfile, applyOverride, effectiveProfile, ProfileOverride } from './adopt';
import { evaluateObligations } from './engine';
import { getProfile } from './profiles';
import { resolve } from './model';

const decree = { number: '100.3.3.2/45/2026', date: '2026-02-01', signer: 'Wali Kota Kupang' };
const legalBasis = { regulation: 'keputusan-walikota-kupang-45-2026', article: 'Diktum KESATU' };
const o = (path: string, value: unknown): ProfileOverride => ({ path, value, decree, legalBasis });

describe('adopting a profile', () => {
  it('refuses an unknown profile id, naming the field and the known ids', () => {
    expect(() => getProfile('kota-antah-berantah')).toThrow(ValidationError);
    expect(() => adoptProfile({ profileId: 'kota-antah-berantah' })).toThrow(/^profileId: unknown regulation profile "kota-antah-berantah"; known: pasuruan-perwali-24-2021, /);
  });

  it('takes the in-force date of the regulation', () => {
    expect(adoptProfile({ profileId: 'kupang-perwali-11-2025' })).toMatchObject({ validFrom: '2025-04-15', validFromCitation: { article: 'Pasal 57' }, settings: { dueSoonDays: 30 } });
  });

  it('requires the Pemda to record the date where the copy leaves it blank', () => {
    expect(() => adoptProfile({ profileId: 'nasional-perpres-95-2018' })).toThrow(/^inForceFrom: /);
    expect(() => adoptProfile({ profileId: 'nasional-perpres-95-2018', inForceFrom: '2024-02-30' })).toThrow(/^inForceFrom: must be a calendar date/);
    expect(adoptProfile({ profileId: 'nasional-perpres-95-2018', inForceFrom: '2024-01-01' }).validFrom).toBe('2024-01-01');
  });
});

describe('overriding a value by the Pemda\'s own decree', () => {
  const kupang = () => adoptProfile({ profileId: 'kupang-perwali-11-2025' });

  it('replaces a cadence, keeps what it replaced, and cites the decree', () => {
    const p = applyOverride(kupang(), o('obligations.R-INF-05.cadence', { every: { months: 6 }, window: 'rolling' }));
    const rule = p.obligations.find((x) => x.ruleId === 'R-INF-05');
    expect(rule?.kind === 'periodic' && rule.cadence).toMatchObject({ kind: 'pemda-decision', value: { every: { months: 6 }, window: 'rolling' }, decree, citation: legalBasis, replaces: { kind: 'stated', citation: { article: 'Pasal 25(1)' } } });
    expect(p.overrides).toEqual([{ path: 'obligations.R-INF-05.cadence', value: { every: { months: 6 }, window: 'rolling' }, decree, legalBasis }]);
    const r = evaluateObligations(p, { asOf: '2026-03-01', tenant: { id: 'kota-kupang', since: '2025-04-15' }, subjects: [{ kind: 'unit', id: 'u', since: '2025-04-15' }] }).find((x) => x.ruleId === 'R-INF-05');
    expect(r).toMatchObject({ status: 'overdue', dueDate: '2025-10-15', source: 'pemda-decision', citation: legalBasis });
  });

  it('adopts a test-before-live order by the Pemda\'s own decree (Kupang Pasal 28(6)(e) sets none), citing the decree; and drops it again', () => {
    const adopted = applyOverride(kupang(), o('orderRules.R-APP-11', true));
    expect(adopted.orderRules.find((r) => r.ruleId === 'R-APP-11')).toMatchObject({ trigger: { types: ['ApplicationDeployedToProduction'] }, citation: legalBasis });
    expect(applyOverride(adopted, o('orderRules.R-APP-11', false)).orderRules.map((r) => r.ruleId)).not.toContain('R-APP-11');
    expect(() => applyOverride(kupang(), o('orderRules.R-APP-11', 'yes'))).toThrow(/^value: must be true/);
    expect(() => applyOverride(kupang(), o('orderRules.R-XYZ-01', true))).toThrow(/^path: order rule "R-XYZ-01" cannot be adopted/);
    expect(() => applyOverride(kupang(), o('orderRules.R-APP-11', false))).toThrow(/^path: kupang-perwali-11-2025 has no order rule "R-APP-11"/);
  });

  it('switches the window only', () => {
    const p = applyOverride(kupang(), o('obligations.R-AUD-09.window', 'calendar'));
    const rule = p.obligations.find((x) => x.ruleId === 'R-AUD-09');
    expect(rule?.kind === 'periodic' && resolve(rule.cadence)?.value).toEqual({ every: { years: 2 }, window: 'calendar' });
  });

  it('lets a Pemda whose regulation defines no Mandiri TIK criteria record its own', () => {
    const p = effectiveProfile({ profileId: 'nasional-perpres-95-2018', inForceFrom: '2024-01-01' }, [
      o('mandiriTik.criteria', [{ id: '1', text: { id: 'memiliki pranata komputer', en: 'has computer staff' } }]),
      o('roles.mandiriTikDesignator', 'kepala-daerah'),
    ]);
    expect(resolve(p.mandiriTik.criteria)?.value).toEqual([{ id: '1', text: { id: 'memiliki pranata komputer', en: 'has computer staff' }, citation: legalBasis }]);
    expect(resolve(p.roles.mandiriTikDesignator)).toEqual({ value: 'kepala-daerah', citation: legalBasis, source: 'pemda-decision' });
  });

  it.each([
    ['an unknown path', o('obligations.R-XXX.cadence', { every: { years: 1 }, window: 'calendar' }), /^path: kupang-perwali-11-2025 has no obligation "R-XXX"/],
    ['a path that cannot be set', o('identity.title', 'x'), /^path: "identity.title" cannot be set/],
    ['a period of zero length', o('obligations.R-INF-05.cadence', { every: { years: 0 }, window: 'calendar' }), /^value.every: a period must be a positive/],
    ['a negative period', o('obligations.R-INF-05.cadence', { every: { months: -3 }, window: 'calendar' }), /^value.every: /],
    ['an unknown window', o('obligations.R-INF-05.window', 'weekly'), /^value: must be "calendar" or "rolling"/],
    ['a cadence on a term review', o('obligations.R-ARC-08.mid-term.cadence', { every: { years: 1 }, window: 'calendar' }), /^path: /],
    ['an unknown body', o('roles.auditPlanner', 'bpk'), /^value: must be one of/],
    ['an unknown role', o('roles.walikota', 'sekda'), /^path: unknown role "walikota"/],
    ['empty criteria', o('mandiriTik.criteria', []), /^value: criteria must be a non-empty list/],
    ['a decree without a date', { ...o('settings.dueSoonDays', 10), decree: { number: '1', signer: 'x' } }, /^decree.date: /],
    ['a decree without a legal basis', { ...o('settings.dueSoonDays', 10), legalBasis: { regulation: '', article: 'x' } }, /^legalBasis.regulation: /],
    ['an end before the start', o('validUntil', '2025-01-01'), /^value: validUntil 2025-01-01 is before/],
    ['too many due-soon days', o('settings.dueSoonDays', 400), /^value: dueSoonDays/],
  ])('refuses %s', (_what, override, message) => {
    expect(() => applyOverride(kupang(), override as ProfileOverride)).toThrow(message);
  });

  it('once revoked (validUntil), a later date is outside the profile', () => {
    const p = applyOverride(kupang(), o('validUntil', '2027-12-31'));
    expect(() => evaluateObligations(p, { asOf: '2028-01-01', tenant: { id: 'k', since: '2025-04-15' } })).toThrow('asOf: 2028-01-01 is after kupang-perwali-11-2025 ceased to apply on 2027-12-31 (keputusan-walikota-kupang-45-2026 Diktum KESATU)');
  });
});
