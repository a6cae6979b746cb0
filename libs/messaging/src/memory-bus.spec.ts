import { busContract } from './testing/bus.contract';
import { MemoryBus } from './memory-bus';

describe('Bus contract: in-process', () => {
  busContract(async () => new MemoryBus(), 5000);
});
