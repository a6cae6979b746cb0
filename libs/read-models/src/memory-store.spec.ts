import { readModelContract } from './testing/read-model.contract';
import { MemoryReadModelStore } from './memory-store';

describe('ReadModelStore contract: in-memory (mingo)', () => {
  readModelContract(async () => new MemoryReadModelStore());
});
