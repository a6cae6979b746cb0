import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EVENT_LEGAL_BASIS } from './event-legal-basis';

const ROOT = join(__dirname, '../../..');

/**
 * The event types the code records, read from the deciders' sources: `{ type: …, payload }` literals,
 * `case 'X':` in evolve functions, `subject: 'X'` maps of event types and the ledger's `*_EVENT` constants — minus
 * the command types the same files declare (`type: 'X';` in their unions).
 */
function recordedEventTypes(): Set<string> {
  const files = readdirSync(join(ROOT, 'libs'), { recursive: true, encoding: 'utf8' })
    .filter((f) => (/\/domain\/src\/[^/]+\.ts$/.test(f) || /^ledger-core\/src\/checkpoints\/[^/]+\.ts$/.test(f)) && !f.endsWith('.spec.ts'))
    .map((f) => join(ROOT, 'libs', f));
  const events = new Set<string>();
  const commands = new Set<string>();
  const literals = (s: string) => [...s.matchAll(/'([A-Z][A-Za-z]+)'/g)].map((m) => m[1]);
  for (const f of files) {
    const src = readFileSync(f, 'utf8');
    for (const m of src.matchAll(/type: ([^;]{1,160}?), payload/g)) literals(m[1]).forEach((t) => events.add(t));
    for (const m of src.matchAll(/case '([A-Z][A-Za-z]+)':/g)) events.add(m[1]);
    for (const m of src.matchAll(/^\s*type: '([A-Z][A-Za-z]+)',$/gm)) events.add(m[1]);
    for (const m of src.matchAll(/^\s*'[a-z-]+': '([A-Z][A-Za-z]+)',$/gm)) events.add(m[1]);
    for (const m of src.matchAll(/_EVENT = '([A-Z][A-Za-z]+)'/g)) events.add(m[1]);
    for (const m of src.matchAll(/type: '([A-Z][A-Za-z]+)'(;| as const)/g)) commands.add(m[1]);
  }
  for (const c of commands) events.delete(c);
  return events;
}

describe('EVENT_LEGAL_BASIS: which article every event type carries (issue 15 item 13)', () => {
  const recorded = recordedEventTypes();

  it('lists every event type the deciders record (a new event type must be added with its article or the reason it has none)', () => {
    expect(recorded.size).toBeGreaterThan(50);
    expect([...recorded].filter((t) => !EVENT_LEGAL_BASIS[t]).sort()).toEqual([]);
  });

  it('lists no event type the code does not record', () => {
    expect(Object.keys(EVENT_LEGAL_BASIS).filter((t) => !recorded.has(t)).sort()).toEqual([]);
  });

  it('gives every entry its note in Indonesian and English', () => {
    for (const [type, e] of Object.entries(EVENT_LEGAL_BASIS)) {
      expect([type, e.note.id.length > 10, e.note.en.length > 10]).toEqual([type, true, true]);
    }
  });
});
