import { infra, runId } from '@spbe/ledger-core/testing';
import { readModelContract } from './testing/read-model.contract';
import { MongoReadModelStore } from './mongo-store';

// MongoDB in production; here FerretDB 1.x (MongoDB wire protocol) from scripts/infra.
const mongo = infra('MONGO_URL', 'a MongoDB-compatible server (FerretDB or MongoDB)');

mongo.describe('ReadModelStore contract: MongoDB wire protocol', () => {
  readModelContract(async () => new MongoReadModelStore(mongo.url as string, runId('spbe_contract_')));
});
