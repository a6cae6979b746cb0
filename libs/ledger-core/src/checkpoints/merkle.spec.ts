import { createHash } from 'node:crypto';
import { consistencyFromFrontier, consistencyProof, EMPTY_FRONTIER, EMPTY_ROOT, extendFrontier, frontierRoot, inclusionProof, leafHash, merkleRoot, verifyConsistency, verifyInclusion } from './merkle';

const h = (s: string) => createHash('sha256').update(s).digest('hex');

describe('Merkle tree (RFC 6962 shape)', () => {
  const hashes = Array.from({ length: 13 }, (_, i) => h(`event-${i}`));

  it('hashes leaves and nodes with distinct prefixes, and splits at the largest power of two', () => {
    const [a, b, c] = hashes.map(leafHash);
    const node = (l: string, r: string) => createHash('sha256').update(Buffer.from([1])).update(Buffer.from(l, 'hex')).update(Buffer.from(r, 'hex')).digest('hex');
    expect(merkleRoot([])).toBe(EMPTY_ROOT);
    expect(merkleRoot(hashes.slice(0, 1))).toBe(a);
    expect(merkleRoot(hashes.slice(0, 2))).toBe(node(a, b));
    expect(merkleRoot(hashes.slice(0, 3))).toBe(node(node(a, b), c));
    expect(leafHash(hashes[0])).not.toBe(hashes[0]);
  });

  it('proves every leaf of trees of every size from 1 to 13, and rejects a wrong leaf, index or root', () => {
    for (let n = 1; n <= hashes.length; n++) {
      const tree = hashes.slice(0, n);
      const root = merkleRoot(tree);
      for (let i = 0; i < n; i++) {
        const proof = inclusionProof(tree, i);
        expect(verifyInclusion(tree[i], i, n, proof, root)).toBe(true);
        expect(verifyInclusion(h('forged'), i, n, proof, root)).toBe(false);
        if (n > 1) expect(verifyInclusion(tree[i], (i + 1) % n, n, proof, root)).toBe(false);
      }
    }
    const tree = hashes.slice(0, 5);
    expect(verifyInclusion(tree[2], 2, 5, inclusionProof(tree, 2), merkleRoot(hashes.slice(0, 6)))).toBe(false);
    expect(() => inclusionProof(tree, 5)).toThrow(RangeError);
  });
});

describe('the cumulative log: frontier and consistency proofs (RFC 6962 §2.1.2, RFC 9162 §2.1.4)', () => {
  const hashes = Array.from({ length: 40 }, (_, i) => h(`e-${i}`));

  it('a frontier extended in any steps has the root of the whole tree', () => {
    for (let n = 0; n <= hashes.length; n++) {
      expect(frontierRoot(extendFrontier(EMPTY_FRONTIER, hashes.slice(0, n)))).toBe(merkleRoot(hashes.slice(0, n)));
      const stepwise = [3, 1, 7, 2].reduce((f, k) => extendFrontier(f, hashes.slice(f.size, Math.min(n, f.size + k))), EMPTY_FRONTIER);
      expect(frontierRoot(extendFrontier(stepwise, hashes.slice(stepwise.size, n)))).toBe(merkleRoot(hashes.slice(0, n)));
    }
    expect(extendFrontier(EMPTY_FRONTIER, hashes.slice(0, 13)).hashes).toHaveLength(3); // 13 = 8 + 4 + 1
  });

  it('proves every smaller log is a prefix of every larger one (1 ≤ m ≤ n ≤ 40)', () => {
    for (let n = 1; n <= hashes.length; n++) {
      const newRoot = merkleRoot(hashes.slice(0, n));
      for (let m = 1; m <= n; m++) {
        const proof = consistencyProof(hashes, m, n);
        expect([m, n, verifyConsistency(m, n, merkleRoot(hashes.slice(0, m)), newRoot, proof)]).toEqual([m, n, true]);
      }
    }
  });

  it('the sealer computes the same consistency proof from the old frontier and the new leaves alone', () => {
    for (let n = 2; n <= hashes.length; n++) {
      for (let m = 1; m < n; m++) {
        const f = extendFrontier(EMPTY_FRONTIER, hashes.slice(0, m));
        expect([m, n, consistencyFromFrontier(f, hashes.slice(m, n))]).toEqual([m, n, consistencyProof(hashes, m, n)]);
      }
    }
  });

  it('rejects a rewritten history, a wrong size or a tampered proof', () => {
    const rewritten = [...hashes];
    rewritten[2] = h('rewritten');
    const proof = consistencyProof(rewritten, 5, 20);
    // The old root was taken before the rewrite: the new log does not extend it.
    expect(verifyConsistency(5, 20, merkleRoot(hashes.slice(0, 5)), merkleRoot(rewritten.slice(0, 20)), proof)).toBe(false);
    const good = consistencyProof(hashes, 5, 20);
    expect(verifyConsistency(6, 20, merkleRoot(hashes.slice(0, 5)), merkleRoot(hashes.slice(0, 20)), good)).toBe(false);
    expect(verifyConsistency(5, 20, merkleRoot(hashes.slice(0, 5)), merkleRoot(hashes.slice(0, 20)), [...good.slice(0, -1), h('x')])).toBe(false);
    expect(verifyConsistency(5, 20, merkleRoot(hashes.slice(0, 5)), merkleRoot(hashes.slice(0, 20)), [])).toBe(false);
    expect(() => consistencyProof(hashes, 0, 3)).toThrow(RangeError);
  });
});

