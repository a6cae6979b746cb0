import { Query } from 'mingo';
import { Doc, Filter, FindOptions, ReadModelCollection, ReadModelStore } from './port';

function clone<T>(v: T): T {
  return structuredClone(v);
}

class MemoryCollection<T extends Doc> implements ReadModelCollection<T> {
  readonly docs = new Map<string, T>();
  constructor(readonly name: string) {}

  async get(id: string) {
    const d = this.docs.get(id);
    return d ? clone(d) : null;
  }

  async find(filter: Filter = {}, options: FindOptions = {}) {
    let cursor = new Query(filter).find<T>([...this.docs.values()]);
    if (options.sort) cursor = cursor.sort(options.sort);
    if (options.skip) cursor = cursor.skip(options.skip);
    if (options.limit) cursor = cursor.limit(options.limit);
    return clone(cursor.all() as T[]);
  }

  async count(filter: Filter = {}) {
    if (Object.keys(filter).length === 0) return this.docs.size;
    return new Query(filter).find([...this.docs.values()]).count();
  }

  async put(doc: T) {
    this.docs.set(doc._id, clone(doc));
  }

  async putMany(docs: T[]) {
    for (const d of docs) this.docs.set(d._id, clone(d));
  }

  async delete(id: string) {
    this.docs.delete(id);
  }

  async createIndex() {}
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
