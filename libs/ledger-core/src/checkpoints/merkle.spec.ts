import { createHash } from 'node:crypto';
import { EMPTY_ROOT, inclusionProof, leafHash, merkleRoot, verifyInclusion } from './merkle';

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
