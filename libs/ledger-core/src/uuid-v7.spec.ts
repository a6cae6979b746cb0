import { uuidv7, uuidv7Time, UUID_PATTERN } from './uuid-v7';

describe('uuidv7', () => {
  it('has version 7, the RFC variant and the timestamp it was made at', () => {
    const t = Date.UTC(2026, 10, 22, 8, 0, 0, 123);
    const id = uuidv7(t);
    expect(id).toMatch(UUID_PATTERN);
    expect(id[14]).toBe('7');
    expect('89ab').toContain(id[19]);
    expect(uuidv7Time(id)).toBe(t);
  });

  it('is strictly increasing within the same millisecond', () => {
    const t = Date.now() + 10_000;
    const ids = Array.from({ length: 5000 }, () => uuidv7(t));
    const sorted = [...ids].sort();
    expect(ids).toEqual(sorted);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
