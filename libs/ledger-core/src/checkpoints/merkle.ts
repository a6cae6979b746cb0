import { createHash } from 'node:crypto';

/**
 * Merkle tree over event hashes, as in RFC 6962 (Certificate Transparency) §2.1: leaves and inner
 * nodes are hashed with different prefixes (0x00 / 0x01), so a leaf can never pass for a node;
 * the tree over n leaves splits at the largest power of two below n. Hashes are hex SHA-256.
 */
const LEAF = Buffer.from([0]);
const NODE = Buffer.from([1]);

export function leafHash(eventHashHex: string): string {
  return createHash('sha256').update(LEAF).update(Buffer.from(eventHashHex, 'hex')).digest('hex');
}

function nodeHash(leftHex: string, rightHex: string): string {
  return createHash('sha256').update(NODE).update(Buffer.from(leftHex, 'hex')).update(Buffer.from(rightHex, 'hex')).digest('hex');
}

/** SHA-256 of the empty string: the root of an empty tree (RFC 6962). */
export const EMPTY_ROOT = createHash('sha256').digest('hex');

function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

function rootOfLeaves(leaves: string[]): string {
  if (leaves.length === 0) return EMPTY_ROOT;
  if (leaves.length === 1) return leaves[0];
  const k = split(leaves.length);
  return nodeHash(rootOfLeaves(leaves.slice(0, k)), rootOfLeaves(leaves.slice(k)));
}

/** Root over the event hashes, in order. */
export function merkleRoot(eventHashes: string[]): string {
  return rootOfLeaves(eventHashes.map(leafHash));
}

/** Audit path for the leaf at `index`: sibling hashes from the leaf up to the root. */
export function inclusionProof(eventHashes: string[], index: number): string[] {
  if (!Number.isInteger(index) || index < 0 || index >= eventHashes.length) throw new RangeError(`leaf ${index} is outside a tree of ${eventHashes.length}`);
  const path = (leaves: string[], m: number): string[] => {
    if (leaves.length <= 1) return [];
    const k = split(leaves.length);
    return m < k ? [...path(leaves.slice(0, k), m), rootOfLeaves(leaves.slice(k))] : [...path(leaves.slice(k), m - k), rootOfLeaves(leaves.slice(0, k))];
  };
  return path(eventHashes.map(leafHash), index);
}

/** Recomputes the root from one event hash and its audit path (RFC 9162 §2.1.3.2). Pure. */
export function rootFromInclusionProof(eventHash: string, index: number, treeSize: number, proof: string[]): string | null {
  if (!Number.isInteger(index) || index < 0 || index >= treeSize) return null;
  let fn = index;
  let sn = treeSize - 1;
  let r = leafHash(eventHash);
  for (const p of proof) {
    if (sn === 0) return null;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 ? r : null;
}

export function verifyInclusion(eventHash: string, index: number, treeSize: number, proof: string[], root: string): boolean {
  return rootFromInclusionProof(eventHash, index, treeSize, proof) === root;
}

/**
 * The compact form of a growing log (a "frontier"): the roots of the perfect subtrees that make up a
 * tree of `size` leaves, left to right, one per set bit of `size`. Appending needs only this, so the
 * sealer never re-reads the log to extend it. Pure.
 */
export interface Frontier {
  size: number;
  hashes: string[];
}

export const EMPTY_FRONTIER: Frontier = { size: 0, hashes: [] };

/** The frontier after appending the event hashes, in order. */
export function extendFrontier(f: Frontier, eventHashes: string[]): Frontier {
  const hashes = [...f.hashes];
  let size = f.size;
  for (const h of eventHashes) {
    hashes.push(leafHash(h));
    // The trailing subtrees have the sizes of the set bits of `size`: merge while the lowest bits carry.
    for (let s = size; s & 1; s >>= 1) {
      const right = hashes.pop()!;
      const left = hashes.pop()!;
      hashes.push(nodeHash(left, right));
    }
    size++;
  }
  return { size, hashes };
}

/** RFC 6962 root of the tree the frontier describes (EMPTY_ROOT for an empty log). */
export function frontierRoot(f: Frontier): string {
  if (f.hashes.length === 0) return EMPTY_ROOT;
  let r = f.hashes[f.hashes.length - 1];
  for (let i = f.hashes.length - 2; i >= 0; i--) r = nodeHash(f.hashes[i], r);
  return r;
}

/** Inclusion proof of leaf `index` in the tree over the first `size` event hashes. */
export function inclusionProofAt(eventHashes: string[], index: number, size: number): string[] {
  return inclusionProof(eventHashes.slice(0, size), index);
}

/**
 * Consistency proof between the trees over the first `m` and the first `n` event hashes
 * (RFC 6962 §2.1.2 SUBPROOF): proves the larger log extends the smaller one, unchanged.
 */
export function consistencyProof(eventHashes: string[], m: number, n: number): string[] {
  if (!Number.isInteger(m) || !Number.isInteger(n) || m < 1 || m > n || n > eventHashes.length) throw new RangeError(`no consistency proof from ${m} to ${n} over ${eventHashes.length} leaves`);
  const leaves = eventHashes.slice(0, n).map(leafHash);
  const sub = (mm: number, d: string[], complete: boolean): string[] => {
    if (mm === d.length) return complete ? [] : [rootOfLeaves(d)];
    const k = split(d.length);
    return mm <= k ? [...sub(mm, d.slice(0, k), complete), rootOfLeaves(d.slice(k))] : [...sub(mm - k, d.slice(k), false), rootOfLeaves(d.slice(0, k))];
  };
  return m === n ? [] : sub(m, leaves, true);
}

/** Verifies a consistency proof (RFC 9162 §2.1.4.2). Pure. */
export function verifyConsistency(m: number, n: number, oldRoot: string, newRoot: string, proof: string[]): boolean {
  if (!Number.isInteger(m) || !Number.isInteger(n) || m < 1 || m > n) return false;
  if (m === n) return proof.length === 0 && oldRoot === newRoot;
  const path = m & (m - 1) ? [...proof] : [oldRoot, ...proof];
  if (path.length === 0) return false;
  let fn = m - 1;
  let sn = n - 1;
  while (fn & 1) {
    fn >>= 1;
    sn >>= 1;
  }
  let fr = path[0];
  let sr = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn & 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (!(fn & 1)) {
        while (!(fn & 1) && fn !== 0) {
          fn >>= 1;
          sn >>= 1;
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return fr === oldRoot && sr === newRoot && sn === 0;
}

/**
 * The consistency proof from the log a frontier describes to that log extended by `eventHashes`,
 * computed from the frontier alone (the old leaves are not needed: every node of the proof inside the
 * old tree is one of its frontier roots). Same result as `consistencyProof` over the whole log.
 */
export function consistencyFromFrontier(prev: Frontier, eventHashes: string[]): string[] {
  const m = prev.size;
  const n = m + eventHashes.length;
  if (m === 0 || eventHashes.length === 0) return [];
  const fresh = eventHashes.map(leafHash);
  const starts: number[] = [];
  for (let bit = 1 << 30, at = 0; bit > 0; bit >>= 1) {
    if (m & bit) {
      starts.push(at);
      at += bit;
    }
  }
  const mth = (lo: number, hi: number): string => {
    if (lo >= m) return rootOfLeaves(fresh.slice(lo - m, hi - m));
    if (hi <= m) {
      const first = starts.indexOf(lo);
      const last = hi === m ? starts.length : starts.indexOf(hi);
      if (first < 0 || last < 0) throw new Error(`[${lo}, ${hi}) is not made of frontier roots of ${m}`);
      return frontierRoot({ size: hi - lo, hashes: prev.hashes.slice(first, last) });
    }
    const k = split(hi - lo);
    return nodeHash(mth(lo, lo + k), mth(lo + k, hi));
  };
  const sub = (mm: number, lo: number, hi: number, complete: boolean): string[] => {
    if (mm === hi - lo) return complete ? [] : [mth(lo, hi)];
    const k = split(hi - lo);
    return mm <= k ? [...sub(mm, lo, lo + k, complete), mth(lo + k, hi)] : [...sub(mm - k, lo + k, hi, false), mth(lo, lo + k)];
  };
  return sub(m, 0, n, true);
}
