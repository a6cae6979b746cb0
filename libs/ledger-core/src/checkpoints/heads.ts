import { createHash } from 'node:crypto';
import { canonicalJson } from '../canonical-json';
import { inclusionProof, merkleRoot, verifyInclusion } from './merkle';

/**
 * What a checkpoint commits to beside the event log, so that an omission shows: the head of every
 * stream (last version and hash, as of the checkpoint) of every tenant. Per tenant, a Merkle tree over
 * its stream heads sorted by stream id (`headsRoot`); across tenants, a Merkle tree over one leaf per
 * tenant sorted by tenant id (`tenantsRoot`, signed in the checkpoint). A tenant's bundle carries its
 * heads and the inclusion proof of its leaf, never another tenant's data. Pure.
 */
export interface SealedHead {
  streamId: string;
  version: number;
  hash: string;
}

export interface TenantLeaf {
  tenantId: string;
  streams: number;
  headsRoot: string;
}

export interface TenantLeafProof {
  leaf: TenantLeaf;
  index: number;
  size: number;
  proof: string[];
}

const sha = (value: unknown) => createHash('sha256').update(canonicalJson(value)).digest('hex');
const byStream = (a: SealedHead, b: SealedHead) => (a.streamId < b.streamId ? -1 : a.streamId > b.streamId ? 1 : 0);
const byTenant = (a: TenantLeaf, b: TenantLeaf) => (a.tenantId < b.tenantId ? -1 : a.tenantId > b.tenantId ? 1 : 0);

export const sortHeads = (heads: SealedHead[]): SealedHead[] => [...heads].sort(byStream);
export const sortTenants = (leaves: TenantLeaf[]): TenantLeaf[] => [...leaves].sort(byTenant);

export function headsRoot(heads: SealedHead[]): string {
  return merkleRoot(sortHeads(heads).map((h) => sha({ streamId: h.streamId, version: h.version, hash: h.hash })));
}

export function tenantLeaf(tenantId: string, heads: SealedHead[]): TenantLeaf {
  return { tenantId, streams: heads.length, headsRoot: headsRoot(heads) };
}

const leafValue = (l: TenantLeaf) => sha({ tenantId: l.tenantId, streams: l.streams, headsRoot: l.headsRoot });

export function tenantsRoot(leaves: TenantLeaf[]): string {
  return merkleRoot(sortTenants(leaves).map(leafValue));
}

/** The proof that one tenant's leaf is in `tenantsRoot`; null when the tenant has no leaf. */
export function proveTenant(leaves: TenantLeaf[], tenantId: string): TenantLeafProof | null {
  const sorted = sortTenants(leaves);
  const index = sorted.findIndex((l) => l.tenantId === tenantId);
  if (index < 0) return null;
  return { leaf: sorted[index], index, size: sorted.length, proof: inclusionProof(sorted.map(leafValue), index) };
}

export function verifyTenantProof(p: TenantLeafProof, root: string): boolean {
  return verifyInclusion(leafValue(p.leaf), p.index, p.size, p.proof, root);
}
