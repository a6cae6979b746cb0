import { canonicalJson, CanonicalJsonError } from './canonical-json';
import { sha256Hex } from './hash';

describe('canonicalJson', () => {
  // Fixed vectors: these strings (and their SHA-256) must never change, or every stored hash breaks.
  const vectors: Array<[string, unknown, string]> = [
    ['null', null, 'null'],
    ['booleans', [true, false], '[true,false]'],
    ['integers and decimals', [0, -1, 1.5, 1e21, 1e-7, 100], '[0,-1,1.5,1e+21,1e-7,100]'],
    ['negative zero is 0', -0, '0'],
    ['sorted keys, nested', { b: 1, a: { d: [3, { z: 1, y: 2 }], c: 'x' } }, '{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}'],
    ['keys by UTF-16 code units', { é: 1, z: 2, Z: 3, '10': 4, '9': 5 }, '{"10":4,"9":5,"Z":3,"z":2,"é":1}'],
    ['undefined members omitted', { a: undefined, b: null }, '{"b":null}'],
    ['escapes', { s: 'line\n"quoted"\\ tab\t' }, '{"s":"line\\n\\"quoted\\"\\\\ tab\\t"}'],
    ['non-ASCII kept as is', { nama: 'Dinas Komunikasi dan Informatika — Kota Kupang' }, '{"nama":"Dinas Komunikasi dan Informatika — Kota Kupang"}'],
    ['dates as ISO strings', { at: new Date(Date.UTC(2025, 3, 15, 1, 2, 3, 4)) }, '{"at":"2025-04-15T01:02:03.004Z"}'],
    ['empty containers', { a: [], o: {} }, '{"a":[],"o":{}}'],
  ];

  it.each(vectors)('%s', (_name, input, expected) => {
    expect(canonicalJson(input)).toBe(expected);
  });

  it('hashes a fixed envelope-like vector to a fixed digest', () => {
    const text = canonicalJson({ type: 'MandiriTikDesignated', version: 0, payload: { unitId: 'dinas-kominfo' } });
    expect(text).toBe('{"payload":{"unitId":"dinas-kominfo"},"type":"MandiriTikDesignated","version":0}');
    expect(sha256Hex(text)).toBe('5c79ea38b2741e6ad942f4aaebdeefc0a4ee4089925c7c23dc34b9873be529a2');
  });

  it.each([
    ['NaN', { a: NaN }, '$.a: non-finite number NaN'],
    ['Infinity', [Infinity], '$[0]: non-finite number Infinity'],
    ['bigint', { n: BigInt(1) }, '$.n: unsupported bigint'],
    ['function', { f: () => 1 }, '$.f: unsupported function'],
    ['undefined in array', [1, undefined], '$[1]: undefined array item'],
    ['lone surrogate', { s: '\ud800' }, '$.s: string contains a lone surrogate'],
    ['NUL', { s: 'a\u0000b' }, '$.s: string contains U+0000'],
    ['class instance', { m: new Map() }, '$.m: not a plain object (Map)'],
    ['invalid date', { d: new Date('x') }, '$.d: invalid date'],
  ])('rejects %s with the path', (_name, input, message) => {
    expect(() => canonicalJson(input)).toThrow(CanonicalJsonError);
    expect(() => canonicalJson(input)).toThrow(message);
  });
});
