import { effectiveProfile, PROFILE_IDS } from '@spbe/regulations';
import { dueAudits } from './due';

/** Due audits per profile at their boundaries: who cites what, and the national floor where a region is silent. */
describe('due audits per profile', () => {
  const objects = [
    { kind: 'infrastructure' as const, id: 'pusat-data', since: '2026-01-01' },
    { kind: 'application' as const, id: 'simpus', since: '2026-01-01', attributes: { category: 'khusus' } },
  ];
  const rows = (profileId: string, asOf: string) => {
    const profile = effectiveProfile({ profileId, inForceFrom: '2024-01-01' });
    return dueAudits(profile, { id: 't', since: '2026-01-01' }, objects, [], asOf)
      .flatMap((e) => e.obligations)
      .map((o) => `${o.subject.id} ${o.ruleId} ${o.status} ${o.dueDate ?? '-'} ${o.citation ? `${o.citation.regulation} ${o.citation.article}` : 'silent'}`);
  };

  it.each([
    [
      'pasuruan-perwali-24-2021',
      [
        't R-AUD-10 not-applicable - silent',
        'pusat-data R-AUD-09 due-soon 2028-01-01 perpres-95-2018 Pasal 56',
        'pusat-data R-AUD-11.infrastructure due-soon 2028-01-01 perpres-95-2018 Pasal 58(4)',
        'simpus R-AUD-11.application due-soon 2028-01-01 perpres-95-2018 Pasal 58(4)',
      ],
    ],
    [
      'samarinda-perwali-draft-2023',
      [
        't R-AUD-07 overdue 2027-12-31 samarinda-perwali-draft-2023 Pasal 30(7)',
        't R-AUD-08 due-soon 2028-01-01 samarinda-perwali-draft-2023 Pasal 30(7)',
        't R-AUD-10 not-applicable - silent',
        'pusat-data R-AUD-09 due-soon 2028-01-01 perpres-95-2018 Pasal 56',
        'pusat-data R-AUD-11.infrastructure due-soon 2028-01-01 perpres-95-2018 Pasal 58(4)',
        'simpus R-AUD-11.application due-soon 2028-01-01 perpres-95-2018 Pasal 58(4)',
      ],
    ],
    [
      'kupang-perwali-11-2025',
      [
        'pusat-data R-AUD-09 due-soon 2028-01-01 kupang-perwali-11-2025 Pasal 48(1)',
        'pusat-data R-AUD-11.infrastructure due-soon 2028-01-01 kupang-perwali-11-2025 Pasal 50(2)',
        'simpus R-AUD-10 due-soon 2028-01-01 kupang-perwali-11-2025 Pasal 49(2)',
        'simpus R-AUD-11.application due-soon 2028-01-01 kupang-perwali-11-2025 Pasal 50(2)',
      ],
    ],
  ])('%s on 2028-01-01 (due today for the two-yearly audits)', (profileId, expected) => {
    expect(rows(profileId, '2028-01-01').sort()).toEqual([...expected].sort());
  });

  it.each(PROFILE_IDS)('%s: one day late, every two-yearly audit with a rule is overdue', (profileId) => {
    for (const r of rows(profileId, '2028-01-02').filter((x) => /R-AUD-(09|10|11)/.test(x) && !x.includes('silent'))) expect(r).toContain(' overdue 2028-01-01 ');
  });
});
