import { effectiveProfile } from '@spbe/regulations';
import { PEMDI_2026, SPBE_2020 } from './frameworks';
import { evaluationBasis } from './legal-basis';

describe('the article an evaluation decision carries', () => {
  it.each([
    ['kupang-perwali-11-2025', 'evaluator', PEMDI_2026, { regulation: 'kupang-perwali-11-2025', article: 'Pasal 53(3)' }],
    ['samarinda-perwali-draft-2023', 'evaluator', SPBE_2020, { regulation: 'samarinda-perwali-draft-2023', article: 'Pasal 36(2)' }],
    ['pasuruan-perwali-24-2021', 'evaluationFinalizer', SPBE_2020, { regulation: 'pasuruan-perwali-24-2021', article: 'Pasal 24(1)' }],
    // Samarinda names no finaliser: the national article of the framework.
    ['samarinda-perwali-draft-2023', 'evaluationFinalizer', SPBE_2020, { regulation: 'perpres-95-2018', article: 'Pasal 71(3)' }],
    ['nasional-perpres-95-2018', 'evaluator', SPBE_2020, { regulation: 'perpres-95-2018', article: 'Pasal 71(3)' }],
    ['nasional-perpres-95-2018', 'evaluator', PEMDI_2026, { regulation: 'permenpanrb-8-2026', article: 'Pasal 5' }],
  ] as const)('%s %s on %s', (profileId, duty, framework, basis) => {
    expect(evaluationBasis(effectiveProfile({ profileId, inForceFrom: '2024-01-01' }), duty, framework)).toEqual(basis);
  });

  it('before the tenant profile is known, the national article', () => {
    expect(evaluationBasis(null, 'evaluator', PEMDI_2026)).toEqual({ regulation: 'permenpanrb-8-2026', article: 'Pasal 5' });
  });
});
