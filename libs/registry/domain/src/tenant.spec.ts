import { EventEnvelope, InvariantError, ValidationError } from '@spbe/ledger-core';
import { tenantDecider, tenantStreamId } from './tenant';

const register = { type: 'RegisterTenant' as const, tenantId: 'kota-kupang', name: 'Pemerintah Kota Kupang', kind: 'kota' as const, profileId: 'kupang-perwali-11-2025' };

function stored(type: string, payload: Record<string, unknown>): EventEnvelope {
  return { type, payload, occurredAt: '2025-04-15T00:00:00.000Z' } as EventEnvelope;
}

describe('tenant decider', () => {
  it('registers a Pemda with its regulation profile', () => {
    const events = tenantDecider.decide(register, tenantDecider.initialState());
    expect(events).toEqual([{ type: 'TenantRegistered', payload: { tenantId: 'kota-kupang', name: 'Pemerintah Kota Kupang', kind: 'kota', profileId: 'kupang-perwali-11-2025' } }]);
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
});
