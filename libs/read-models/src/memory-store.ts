import { Query } from 'mingo';
import { Doc, Filter, FindOptions, ReadModelCollection, ReadModelStore } from './port';

function clone<T>(v: T): T {
  return structuredClone(v);
}

function valueAt(doc: Record<string, unknown>, path: string): unknown {
  let v: unknown = doc;
  for (const k of path.split('.')) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined;
  return v;
}

/** A filter's plain equality on `field` (`{ field: 'x' }` or `{ field: { $eq: 'x' } }`), if any. */
function equalityOn(filter: Filter, field: string): string | undefined {
  const v = filter[field];
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object' && typeof (v as { $eq?: unknown }).$eq === 'string' && Object.keys(v).length === 1) return (v as { $eq: string }).$eq;
  return undefined;
}

class MemoryCollection<T extends Doc> implements ReadModelCollection<T> {
  readonly docs = new Map<string, T>();
  /** Hash indexes (field → value → ids) on the fields named in createIndex, for equality filters. */
  private readonly indexes = new Map<string, Map<string, Set<string>>>();
  constructor(readonly name: string) {}

  async get(id: string) {
    const d = this.docs.get(id);
    return d ? clone(d) : null;
  }

  async find(filter: Filter = {}, options: FindOptions = {}) {
    let cursor = new Query(filter).find<T>(this.candidates(filter));
    if (options.sort) cursor = cursor.sort(options.sort);
    if (options.skip) cursor = cursor.skip(options.skip);
    if (options.limit) cursor = cursor.limit(options.limit);
    return clone(cursor.all() as T[]);
  }

  async count(filter: Filter = {}) {
    if (Object.keys(filter).length === 0) return this.docs.size;
    return new Query(filter).find(this.candidates(filter)).count();
  }

  async put(doc: T) {
    this.store(clone(doc));
  }

  async putMany(docs: T[]) {
    for (const d of docs) this.store(clone(d));
  }

  async delete(id: string) {
    const old = this.docs.get(id);
    if (old) this.unindex(old);
    this.docs.delete(id);
  }

  async createIndex(keys: Record<string, 1 | -1>) {
    for (const field of Object.keys(keys)) {
      if (this.indexes.has(field)) continue;
      const index = new Map<string, Set<string>>();
      this.indexes.set(field, index);
      for (const d of this.docs.values()) this.addTo(index, field, d);
    }
  }

  /** The smallest indexed candidate set the filter's equalities allow (all documents otherwise). */
  private candidates(filter: Filter): T[] {
    let best: Set<string> | undefined;
    for (const [field, index] of this.indexes) {
      const v = equalityOn(filter, field);
      if (v === undefined) continue;
      const ids = index.get(v) ?? new Set<string>();
      if (!best || ids.size < best.size) best = ids;
    }
    if (!best) return [...this.docs.values()];
    return [...best].map((id) => this.docs.get(id) as T);
  }

  private store(doc: T) {
    const old = this.docs.get(doc._id);
    if (old) this.unindex(old);
    this.docs.set(doc._id, doc);
    for (const [field, index] of this.indexes) this.addTo(index, field, doc);
  }

  private addTo(index: Map<string, Set<string>>, field: string, doc: T) {
    const v = valueAt(doc, field);
    if (typeof v !== 'string') return;
    let ids = index.get(v);
    if (!ids) index.set(v, (ids = new Set()));
    ids.add(doc._id);
  }

  private unindex(doc: T) {
    for (const [field, index] of this.indexes) {
      const v = valueAt(doc, field);
      if (typeof v === 'string') index.get(v)?.delete(doc._id);
    }
  }
}

/** In-memory read models with MongoDB-style filters (mingo). Rebuilt from the log at start. */
export class MemoryReadModelStore implements ReadModelStore {
  readonly kind = 'memory' as const;
  private readonly collections = new Map<string, MemoryCollection<Doc>>();

  async connect() {}

  collection<T extends Doc = Doc>(name: string): ReadModelCollection<T> {
    let c = this.collections.get(name);
    if (!c) {
      c = new MemoryCollection(name);
      this.collections.set(name, c);
    }
    return c as unknown as ReadModelCollection<T>;
  }

  async dropCollection(name: string) {
    this.collections.delete(name);
  }

  async listCollections() {
    return [...this.collections.keys()];
  }

  async ping() {}
  async close() {}
}
