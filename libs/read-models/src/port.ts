export type Doc = { _id: string } & Record<string, unknown>;
export type Filter = Record<string, unknown>;
export type Sort = Record<string, 1 | -1>;

export interface FindOptions {
  sort?: Sort;
  limit?: number;
  skip?: number;
}

export interface ReadModelCollection<T extends Doc = Doc> {
  readonly name: string;
  get(id: string): Promise<T | null>;
  find(filter?: Filter, options?: FindOptions): Promise<T[]>;
  count(filter?: Filter): Promise<number>;
  /** Inserts or replaces the whole document (idempotent). */
  put(doc: T): Promise<void>;
  putMany(docs: T[]): Promise<void>;
  delete(id: string): Promise<void>;
  createIndex(keys: Record<string, 1 | -1>): Promise<void>;
}

/**
 * Read models keyed by entity. No transactions and no change streams are assumed (FerretDB 1.x
 * has neither): every write is a single-document replace, idempotent by construction.
 */
export interface ReadModelStore {
  readonly kind: 'memory' | 'mongo';
  connect(): Promise<void>;
  collection<T extends Doc = Doc>(name: string): ReadModelCollection<T>;
  dropCollection(name: string): Promise<void>;
  listCollections(): Promise<string[]>;
  ping(): Promise<void>;
  close(): Promise<void>;
}
