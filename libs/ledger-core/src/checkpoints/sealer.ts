import { canonicalJson } from '../canonical-json';
import { EventEnvelope, SYSTEM_ACTOR } from '../envelope';
import { ConcurrencyError } from '../errors';
import { EventStore } from '../event-store/port';
import { CheckpointBody, CheckpointRecord, SealedCheckpoint, signCheckpoint, SigningKey } from './checkpoint';
import { SealedHead, sortHeads, sortTenants, tenantLeaf, tenantsRoot } from './heads';
import { CHECKPOINT_EVENT, CHECKPOINT_STREAM, eventsAfter, headList, HeadMap, lastCheckpoint, loadLogState, LogState } from './log-state';
import { consistencyFromFrontier, EMPTY_ROOT, extendFrontier, frontierRoot } from './merkle';

export interface SealerOptions {
  store: EventStore;
  key: SigningKey;
  /**
   * The key the ledger was signed with before `key` (rotation): the first checkpoint after a key change
   * is signed with it and announces `key` (`nextKey`), so a verifier that trusts the old key learns the
   * new one from the ledger itself.
   */
  previousKey?: SigningKey;
  /** At most this many events per checkpoint (N). */
  blockSize?: number;
  /** Seal whatever is pending at least this often (T). */
  intervalMs?: number;
  /** The largest checkpoint record the store accepts (its payload limit); a block is split to fit. */
  maxRecordBytes?: number;
  onSealed?: (c: SealedCheckpoint) => void;
  onError?: (err: unknown) => void;
}

/**
 * Seals the global order in blocks: every `intervalMs`, all events not yet sealed, in blocks of at most
 * `blockSize`, each appended as a signed `LedgerCheckpointSealed` event. A checkpoint's root covers the
 * whole log so far (RFC 6962), its record carries the consistency proof from the previous checkpoint,
 * and its `tenantsRoot` commits to every stream head of every tenant. Several instances may run: the
 * append expects the checkpoint stream's version, so only one of them seals a given block and the
 * others stand down (and reload the state on their next turn).
 */
export class LedgerSealer {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;
  private state?: LogState;

  constructor(private readonly options: SealerOptions) {}

  start(): void {
    const tick = () => {
      this.running = this.sealPending()
        .then(() => undefined)
        .catch((err) => this.options.onError?.(err))
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(tick, this.options.intervalMs ?? 10_000).unref();
        });
    };
    tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** Seals every pending block now; returns the checkpoints it appended. */
  async sealPending(): Promise<SealedCheckpoint[]> {
    const out: SealedCheckpoint[] = [];
    for (;;) {
      const c = await this.sealOnce();
      if (!c) return out;
      out.push(c);
    }
  }

  async sealOnce(): Promise<SealedCheckpoint | null> {
    const { store } = this.options;
    const last = await lastCheckpoint(store);
    if (!this.state || this.state.last?.sequence !== last?.record.sequence) this.state = await loadLogState(store);
    const events = await eventsAfter(store, last?.record.toPosition, this.options.blockSize ?? 1000);
    if (events.length === 0) return null;
    let block = events;
    let next = this.build(this.state, block);
    while (canonicalJson(next.record).length > (this.options.maxRecordBytes ?? 256 * 1024) && block.length > 1) {
      block = block.slice(0, Math.ceil(block.length / 2));
      next = this.build(this.state, block);
    }
    try {
      await store.append({
        streamId: CHECKPOINT_STREAM,
        expectedVersion: last ? last.version : 'no-stream',
        events: [{ type: CHECKPOINT_EVENT, payload: next.record as unknown as Record<string, unknown> }],
        context: { actor: SYSTEM_ACTOR },
      });
    } catch (err) {
      if (err instanceof ConcurrencyError) {
        this.state = undefined; // another instance sealed this block
        return null;
      }
      throw err;
    }
    this.state = next.state;
    const { frontier: _f, consistency: _c, tenants: _t, tenantHeads: _h, ...sealed } = next.record;
    this.options.onSealed?.(sealed);
    return sealed;
  }

  /** The next checkpoint over `block` and the state after it. Pure but for the clock. */
  private build(state: LogState, block: EventEnvelope[]): { record: CheckpointRecord; state: LogState } {
    const last = state.last;
    const hashes = block.map((e) => e.hash);
    const frontier = extendFrontier(state.frontier, hashes);
    const delta = new Map<string, Map<string, SealedHead>>();
    for (const e of block) {
      const m = delta.get(e.tenantId) ?? new Map<string, SealedHead>();
      m.set(e.streamId, { streamId: e.streamId, version: e.version, hash: e.hash });
      delta.set(e.tenantId, m);
    }
    const heads = new Map(state.heads);
    const leaves = new Map(state.leaves);
    for (const [tenantId, changed] of delta) {
      const m: HeadMap = new Map(heads.get(tenantId) ?? []);
      for (const [streamId, h] of changed) m.set(streamId, h);
      heads.set(tenantId, m);
      leaves.set(tenantId, tenantLeaf(tenantId, headList(m)));
    }
    const { signer, nextKey } = this.signerAfter(last);
    const body: CheckpointBody = {
      sequence: last ? last.sequence + 1 : 0,
      fromPosition: block[0].globalPosition,
      toPosition: block[block.length - 1].globalPosition,
      count: block.length,
      root: frontierRoot(frontier),
      prevRoot: last ? last.root : EMPTY_ROOT,
      sealedAt: new Date().toISOString(),
      keyId: signer.keyId,
      format: 2,
      treeSize: frontier.size,
      tenantsRoot: tenantsRoot([...leaves.values()]),
      ...(nextKey ? { nextKey } : {}),
    };
    const record: CheckpointRecord = {
      ...signCheckpoint(body, signer),
      frontier: frontier.hashes,
      consistency: last?.format === 2 ? consistencyFromFrontier(state.frontier, hashes) : [],
      tenants: sortTenants([...leaves.values()]),
      tenantHeads: Object.fromEntries([...delta].map(([t, m]) => [t, sortHeads([...m.values()])])),
    };
    return { record, state: { last: record, frontier, heads, leaves } };
  }

  /** Who signs the next checkpoint: the key the ledger trusts now; after a key change, the old key announcing the new one. */
  private signerAfter(last: CheckpointRecord | null): { signer: SigningKey; nextKey?: CheckpointBody['nextKey'] } {
    const { key, previousKey } = this.options;
    const current = last ? (last.nextKey?.keyId ?? last.keyId) : key.keyId;
    if (current === key.keyId) return { signer: key };
    if (previousKey?.keyId === current) return { signer: previousKey, nextKey: { keyId: key.keyId, publicKeyPem: key.publicKey.export({ type: 'spki', format: 'pem' }).toString() } };
    throw new Error(
      `the ledger is signed with key ${current}, this service holds key ${key.keyId}: configure the previous key (LEDGER_PREVIOUS_SIGNING_KEY_FILE) so that a checkpoint signed with it announces the new one / kunci penandatangan berganti tanpa pengumuman`,
    );
  }
}
