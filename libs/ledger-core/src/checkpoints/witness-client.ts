import { createPublicKey, KeyObject } from 'node:crypto';
import { keyIdOf, SealedCheckpoint, signingKeyFromPem } from './checkpoint';
import type { BundleCheckpoint } from './export-bundle';
import { checkBeforeCosigning, cosign } from './witness';

/** The witness's side over HTTP: one round of fetch, check, cosign, record (used by `npm run witness`). */
export interface WitnessState {
  lastCosigned: SealedCheckpoint | null;
  /** Ledger keys announced by checkpoints this witness checked (rotation), PEM. */
  announcedKeys: string[];
}

export interface WitnessRun {
  url: string;
  token: string;
  witnessKeyPem: string;
  ledgerKeyPem: string;
  state: WitnessState;
}

export type WitnessOutcome = { ok: true; cosigned: number | null; state: WitnessState } | { ok: false; reason: string };

/** One witness round: fetch, check, cosign, record. */
export async function witnessOnce(run: WitnessRun): Promise<WitnessOutcome> {
  const witness = signingKeyFromPem(run.witnessKeyPem);
  const keys = new Map<string, KeyObject>();
  for (const pem of [run.ledgerKeyPem, ...run.state.announcedKeys]) {
    const k = createPublicKey(pem);
    keys.set(keyIdOf(k), k);
  }
  const from = run.state.lastCosigned?.sequence ?? 0;
  const headers = { authorization: `Bearer ${run.token}`, 'content-type': 'application/json' };
  const res = await fetch(`${run.url}/api/reporting/ledger/checkpoints?from=${from}`, { headers });
  if (!res.ok) return { ok: false, reason: `GET checkpoints: HTTP ${res.status} ${await res.text()}` };
  const checkpoints = ((await res.json()) as { items: BundleCheckpoint[] }).items;
  if (checkpoints.length === 0) return { ok: true, cosigned: null, state: run.state };
  const check = checkBeforeCosigning(checkpoints, keys, run.state.lastCosigned);
  if (!check.ok) return { ok: false, reason: check.reason };
  const announcedKeys = [...run.state.announcedKeys, ...checkpoints.filter((c) => c.nextKey).map((c) => c.nextKey!.publicKeyPem)];
  const { consistency: _c, ...latest } = check.checkpoint;
  if (run.state.lastCosigned?.sequence === latest.sequence) return { ok: true, cosigned: null, state: { ...run.state, announcedKeys } };
  const c = cosign(latest, witness);
  const post = await fetch(`${run.url}/api/reporting/ledger/checkpoints/${latest.sequence}/cosignatures`, { method: 'POST', headers, body: JSON.stringify({ publicKeyPem: c.publicKeyPem, signature: c.signature }) });
  if (post.status !== 201) return { ok: false, reason: `POST cosignature: HTTP ${post.status} ${await post.text()}` };
  return { ok: true, cosigned: latest.sequence, state: { lastCosigned: latest, announcedKeys: [...new Set(announcedKeys)] } };
}

