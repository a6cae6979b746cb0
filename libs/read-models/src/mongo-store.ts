import { Collection, Db, MongoClient } from 'mongodb';
import { Doc, Filter, FindOptions, ReadModelCollection, ReadModelStore } from './port';

class MongoCollection<T extends Doc> implements ReadModelCollection<T> {
  constructor(private readonly c: Collection<T>) {}
  get name() {
    return this.c.collectionName;
  }

  async get(id: string) {
    return (await this.c.findOne({ _id: id } as never)) as T | null;
  }

  async find(filter: Filter = {}, options: FindOptions = {}) {
    let cursor = this.c.find(filter as never);
    if (options.sort) cursor = cursor.sort(options.sort);
    if (options.skip) cursor = cursor.skip(options.skip);
    if (options.limit) cursor = cursor.limit(options.limit);
    return (await cursor.toArray()) as T[];
  }

  async count(filter: Filter = {}) {
    return this.c.countDocuments(filter as never);
  }

  async put(doc: T) {
    await this.c.replaceOne({ _id: doc._id } as never, doc, { upsert: true });
  }

  async putMany(docs: T[]) {
    if (docs.length === 0) return;
    await this.c.bulkWrite(
      docs.map((d) => ({ replaceOne: { filter: { _id: d._id } as never, replacement: d, upsert: true } })),
      { ordered: true },
    );
  }

  async delete(id: string) {
    await this.c.deleteOne({ _id: id } as never);
  }

  async createIndex(keys: Record<string, 1 | -1>) {
    await this.c.createIndex(keys);
  }
}

/** Read models in MongoDB (production) or FerretDB 1.x (verified here): plain CRUD, no transactions. */
export class MongoReadModelStore implements ReadModelStore {
  readonly kind = 'mongo' as const;
  private readonly client: MongoClient;
  private db?: Db;

  constructor(url: string, private readonly dbName: string) {
    this.client = new MongoClient(url, { serverSelectionTimeoutMS: 5000, retryWrites: false });
  }

  async connect() {
    await this.client.connect();
    this.db = this.client.db(this.dbName);
  }

  collection<T extends Doc = Doc>(name: string): ReadModelCollection<T> {
    return new MongoCollection<T>(this.requireDb().collection<T>(name));
  }

  async dropCollection(name: string) {
    await this.requireDb()
      .dropCollection(name)
      .catch((err: { codeName?: string; code?: number }) => {
        if (err?.codeName !== 'NamespaceNotFound' && err?.code !== 26) throw err;
      });
  }

  async listCollections() {
    return (await this.requireDb().listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);
  }

  async ping() {
    await this.requireDb().command({ ping: 1 });
  }

  async close() {
    await this.client.close();
  }

  private requireDb(): Db {
    if (!this.db) throw new Error('MongoReadModelStore used before connect()');
    return this.db;
  }
}
