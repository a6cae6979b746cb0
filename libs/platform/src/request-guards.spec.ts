import { charsetOf, jsonDepth, jsonDepthLimit } from './request-guards';

const bytes = (s: string) => Buffer.from(s, 'utf8');

describe('jsonDepth (bracket scanner before JSON.parse)', () => {
  it.each([
    ['1', 0],
    ['"[[[["', 0],
    ['{}', 1],
    ['[[]]', 2],
    ['{"a":[{"b":[]}]}', 4],
    ['{"a":"}}}{{{[[["}', 1],
    ['{"a":"\\"[[[["}', 1], // an escaped quote does not end the string
    ['{"a":"\\\\"}', 1], // an escaped backslash does end it
    ['["\\\\",[[]]]', 3],
    ['{"ä":"ü[[[","b":[1,2,{"c":null}]}', 3],
  ])('%s is %i deep', (text, depth) => {
    expect(jsonDepth(bytes(text))).toBe(depth);
    expect(jsonDepth(bytes(text))).toBe(depthByParse(JSON.parse(text)));
  });

  it('stops counting as soon as the limit is passed', () => {
    expect(jsonDepth(bytes('['.repeat(1_000_000)), 64)).toBe(65);
  });

  it('refuses a body deeper than the limit with a 400 client error of type json.too.deep', () => {
    const verify = jsonDepthLimit(8);
    expect(() => verify({} as never, {} as never, bytes('['.repeat(8) + ']'.repeat(8)))).not.toThrow();
    let err: unknown;
    try {
      verify({} as never, {} as never, bytes('['.repeat(9) + ']'.repeat(9)));
    } catch (e) {
      err = e;
    }
    expect(err).toMatchObject({ status: 400, type: 'json.too.deep', limit: 8 });
  });
});

describe('charsetOf', () => {
  it.each([
    ['application/json', undefined],
    ['application/json; charset=utf-8', 'utf-8'],
    ['application/json;charset="UTF-8"', 'utf-8'],
    ['application/json; charset=latin1; q=1', 'latin1'],
    ['application/json; charset=', ''],
  ])('%s → %s', (ct, charset) => expect(charsetOf(ct)).toBe(charset));
});

function depthByParse(v: unknown): number {
  if (v === null || typeof v !== 'object') return 0;
  const children = Array.isArray(v) ? v : Object.values(v);
  return 1 + Math.max(0, ...children.map(depthByParse));
}
