/**
 * Writes docs/regulations.md from the regulation profiles (`npm run docs:regulations`).
 * libs/regulations/src/doc.spec.ts fails when the committed file differs from this output.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROFILES, renderRegulationsDoc } from '@spbe/regulations';

const target = join(__dirname, '..', '..', '..', 'docs', 'regulations.md');
writeFileSync(target, renderRegulationsDoc(Object.values(PROFILES)));
process.stdout.write(`wrote ${target}\n`);
