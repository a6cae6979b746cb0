import { EventEnvelope } from '@spbe/ledger-core';
import { applyOnce, AppliedMarker, Doc, Projection } from '@spbe/read-models';

/**
 * A projection keeping one document per tenant, folded from some of its events (idempotent per stream
 * version). The contexts use it for the tenant's regulation profile they learn from the registry.
 */
export function tenantDocProjection<T extends object>(name: string, collection: string, types: ReadonlySet<string>, fold: (current: T | null, e: EventEnvelope) => T | null): Projection {
  return {
    name,
    collections: [collection],
    async apply(e, target) {
      if (!types.has(e.type)) return;
      await applyOnce(target.collection<Doc & AppliedMarker>(collection), e.tenantId, e, (current) => {
        const next = fold(current as unknown as T | null, e);
        return next ? { ...(next as Record<string, unknown>) } : null;
      });
    },
  };
}
