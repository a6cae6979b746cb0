import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderRegulationsDoc } from './doc';
import { PROFILES } from './profiles';

describe('docs/regulations.md', () => {
  it('is the output of the profiles (run `npm run docs:regulations` after changing a profile)', () => {
    const committed = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'regulations.md'), 'utf8');
    expect(committed).toBe(renderRegulationsDoc(Object.values(PROFILES)));
  });

  it('has a table per profile with every citation', () => {
    const doc = renderRegulationsDoc(Object.values(PROFILES));
    for (const p of Object.values(PROFILES)) expect(doc).toContain(`## ${p.id}\n`);
    expect(doc).toContain('| Perencana Audit TIK | inspektorat | kupang-perwali-11-2025 Pasal 48(1) |');
  });
});
