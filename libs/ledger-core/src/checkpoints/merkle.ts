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
