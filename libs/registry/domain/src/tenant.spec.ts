import { EventEnvelope, InvariantError, ValidationError } from '@spbe/ledger-core';
import { tenantDecider, tenantProfile, tenantStreamId, OverrideProfileValue } from './tenant';
import { resolve } from '@spbe/regulations';

const register = { type: 'RegisterTenant' as const, tenantId: 'kota-kupang', name: 'Pemerintah Kota Kupang', kind: 'kota' as const, profileId: 'kupang-perwali-11-2025' };

function stored(type: string, payload: Record<string, unknown>): EventEnvelope {
  return { type, payload, occurredAt: '2025-04-15T00:00:00.000Z' } as EventEnvelope;
}

describe('tenant decider', () => {
  it('registers a Pemda with its regulation profile', () => {
    const events = tenantDecider.decide(register, tenantDecider.initialState());
    expect(events).toEqual([{ type: 'TenantRegistered', payload: { tenantId: 'kota-kupang', name: 'Pemerintah Kota Kupang', kind: 'kota', profileId: 'kupang-perwali-11-2025' }, legalBasis: { regulation: 'kupang-perwali-11-2025', article: 'Pasal 57' } }]);
    const state = tenantDecider.evolve(tenantDecider.initialState(), stored(events[0].type, events[0].payload));
    expect(state).toMatchObject({ registered: true, profileId: 'kupang-perwali-11-2025', kind: 'kota' });
    expect(tenantStreamId('kota-kupang')).toBe('kota-kupang:registry.tenant:kota-kupang');
  });

  it('refuses a second registration', () => {
    const state = tenantDecider.evolve(tenantDecider.initialState(), stored('TenantRegistered', { ...register }));
    expect(() => tenantDecider.decide(register, state)).toThrow(InvariantError);
  });

  it.each([
    ['tenantId', { tenantId: 'Kota Kupang' }],
    ['name', { name: 'x' }],
    ['kind', { kind: 'provinsi' }],
    ['profileId', { profileId: 'jakarta-2020' }],
  ])('refuses a bad %s naming the field', (field, patch) => {
    const err = (() => {
      try {
        tenantDecider.decide({ ...register, ...patch } as never, tenantDecider.initialState());
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).field).toBe(field);
  });

  describe('profile overrides by decree', () => {
    const registered = () => tenantDecider.evolve(tenantDecider.initialState(), stored('TenantRegistered', { ...register }));
    const override: OverrideProfileValue = {
      type: 'OverrideProfileValue',
      path: 'obligations.R-INF-05.window',
      value: 'rolling',
      decree: { number: '188.45/12/2026', date: '2026-01-05', signer: 'Wali Kota Kupang' },
      legalBasis: { regulation: 'kepwal-kupang-12-2026', article: 'Diktum KESATU' },
      today: '2026-02-01',
    };

    it('records the new value with the decree as its legal basis and applies it', () => {
      const events = tenantDecider.decide(override, registered());
      expect(events).toEqual([{ type: 'ProfileValueOverridden', payload: { path: override.path, value: 'rolling', decree: override.decree }, legalBasis: override.legalBasis }]);
      const state = tenantDecider.evolve(registered(), { ...stored(events[0].type, events[0].payload), legalBasis: override.legalBasis } as EventEnvelope);
      const rule = tenantProfile(state).obligations.find((o) => o.ruleId === 'R-INF-05');
      expect(rule?.kind === 'periodic' && resolve(rule.cadence)).toMatchObject({ value: { window: 'rolling' }, source: 'pemda-decision', citation: override.legalBasis });
    });

    it.each([
      ['decree.date', { decree: { ...override.decree, date: '2026-03-01' } }],
      ['path', { path: 'identity.title' }],
      ['value', { value: 'weekly' }],
      ['decree.signer', { decree: { ...override.decree, signer: '' } }],
    ])('refuses a bad %s, recording nothing', (field, patch) => {
      expect(() => tenantDecider.decide({ ...override, ...patch } as OverrideProfileValue, registered())).toThrow(new RegExp(`^${field.replace('.', '\\.')}: `));
    });

    it('refuses an override before registration', () => {
      expect(() => tenantDecider.decide(override, tenantDecider.initialState())).toThrow(InvariantError);
    });

    it('counts obligations of a profile without a printed date from registration until the Pemda records the date', () => {
      const state = tenantDecider.evolve(tenantDecider.initialState(), stored('TenantRegistered', { ...register, profileId: 'samarinda-perwali-draft-2023' }));
      expect(tenantProfile(state).validFrom).toBe('2025-04-15');
      const withDate = tenantDecider.evolve(tenantDecider.initialState(), stored('TenantRegistered', { ...register, profileId: 'samarinda-perwali-draft-2023', inForceFrom: '2024-03-01' }));
      expect(tenantProfile(withDate).validFrom).toBe('2024-03-01');
    });
  });
});
