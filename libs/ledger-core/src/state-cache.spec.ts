import { ConfigError } from './config';
import { deepFreeze, DEFAULT_STATE_CACHE_SIZE, StateCache, stateCacheSizeFromEnv } from './state-cache';

describe('StateCache', () => {
  const store = {};
  const decider = {};

  it('evicts the least recently used entry beyond its size', () => {
    const cache = new StateCache(2);
    const k = (id: string) => cache.key(store, decider, [], `kota-kupang:audit.counter:${id}`);
    cache.set(k('a'), { n: 1 }, 0, 'h0');
    cache.set(k('b'), { n: 2 }, 0, 'h0');
    expect(cache.get(k('a'))?.state).toEqual({ n: 1 }); // a is now the most recently used
    cache.set(k('c'), { n: 3 }, 0, 'h0');
    expect(cache.size).toBe(2);
    expect(cache.get(k('b'))).toBeUndefined();
    expect(cache.get(k('a'))).toMatchObject({ version: 0, lastHash: 'h0' });
    expect(cache.get(k('c'))).toBeDefined();
    expect(cache.hits).toBe(3);
    expect(cache.misses).toBe(1);
  });

  it('never replaces a later version with an earlier one', () => {
    const cache = new StateCache(10);
    cache.set('k', { n: 2 }, 2, 'h2');
    cache.set('k', { n: 1 }, 1, 'h1');
    expect(cache.get('k')).toMatchObject({ state: { n: 2 }, version: 2 });
  });

  it('keys by store, decider and upcasters identity as well as stream id', () => {
    const cache = new StateCache(10);
    const keys = [
      cache.key(store, decider, [], 's'),
      cache.key({}, decider, [], 's'),
      cache.key(store, {}, [], 's'),
      cache.key(store, decider, [{}], 's'),
      cache.key(store, decider, [], 't'),
    ];
    expect(new Set(keys).size).toBe(keys.length);
    expect(cache.key(store, decider, undefined, 's')).toBe(keys[0]);
  });

  it('freezes what it stores, deeply, and keeps nothing with size 0', () => {
    const off = new StateCache(0);
    const state = off.set('k', { list: [{ a: 1 }], nested: { deep: { x: 1 } } }, 3, 'h');
    expect(Object.isFrozen(state.list[0])).toBe(true);
    expect(Object.isFrozen(state.nested.deep)).toBe(true);
    expect(off.size).toBe(0);
    expect(() => new StateCache(-1)).toThrow(RangeError);
  });

  it('deepFreeze leaves typed arrays alone and stops at parts already frozen', () => {
    const shared = Object.freeze({ inner: { y: 1 } });
    const v = deepFreeze({ bytes: new Uint8Array([1, 2]), shared });
    expect(Object.isFrozen(v)).toBe(true);
    expect(Object.isFrozen(v.shared.inner)).toBe(false);
  });

  it('takes its size from AGGREGATE_STATE_CACHE_SIZE, refusing a value that is not a count', () => {
    expect(stateCacheSizeFromEnv({})).toBe(DEFAULT_STATE_CACHE_SIZE);
    expect(stateCacheSizeFromEnv({ AGGREGATE_STATE_CACHE_SIZE: '0' })).toBe(0);
    expect(stateCacheSizeFromEnv({ AGGREGATE_STATE_CACHE_SIZE: '500' })).toBe(500);
    expect(() => stateCacheSizeFromEnv({ AGGREGATE_STATE_CACHE_SIZE: 'many' })).toThrow(ConfigError);
  });
});
