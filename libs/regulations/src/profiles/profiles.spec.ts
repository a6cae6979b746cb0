import { ValidationError } from '@spbe/ledger-core';
import { adoptProfile } from '../adopt';
import { DUTIES, resolve } from '../model';
import { PROFILE_IDS } from '../profile-ids';
import { validateProfile } from '../validate';
import { getProfile, PROFILES } from '.';

describe('the regulation profiles', () => {
  it('are exactly the stable ids, each under its own id', () => {
    expect(Object.keys(PROFILES).sort()).toEqual([...PROFILE_IDS].sort());
    for (const id of PROFILE_IDS) expect(getProfile(id).id).toBe(id);
    expect(() => getProfile(undefined)).toThrow(ValidationError);
  });

  it.each(PROFILE_IDS)('%s is valid: every rule\'s role exists, every period is positive', (id) => {
    const p = getProfile(id);
    expect(() => validateProfile(p)).not.toThrow();
    for (const d of DUTIES) expect(p.roles[d]).toBeDefined();
  });

  it.each(PROFILE_IDS)('%s cites its own regulation for every regional value, a national one for every fallback', (id) => {
    const p = getProfile(id);
    for (const d of DUTIES) {
      const r = resolve(p.roles[d]);
      if (r?.source === 'regional') expect(r.citation.regulation).toBe(id);
    }
    for (const o of p.obligations) {
      const r = resolve<unknown>(o.kind === 'periodic' ? o.cadence : o.provision);
      if (r?.source === 'regional') expect(r.citation.regulation).toBe(id);
      if (r?.source === 'national-fallback') expect(r.citation.regulation).not.toBe(id);
      expect(r?.citation.article ?? 'silent').toMatch(/^(Pasal \d|silent)/);
    }
    for (const g of p.gates) expect(g.citation).toMatchObject({ regulation: id, article: expect.stringMatching(/^Pasal \d/) });
  });

  it.each(PROFILE_IDS)('%s can be adopted', (id) => {
    const p = getProfile(id);
    const adopted = adoptProfile({ profileId: id, inForceFrom: p.identity.inForceFrom ?? '2024-01-01' });
    expect(adopted.validFrom).toBe(p.identity.inForceFrom ?? '2024-01-01');
  });
});
