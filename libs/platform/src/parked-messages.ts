import { ParkedMessage, ParkedMessageSink } from '@spbe/messaging';
import { ReadModelStore } from '@spbe/read-models';

/** Parked (dead-lettered) messages remembered in the read-model store, so they survive restarts. */
export class ReadModelParkedMessages implements ParkedMessageSink {
  constructor(private readonly store: ReadModelStore) {}

  async park(m: ParkedMessage): Promise<void> {
    await this.store.collection('_parked_messages').put({ ...m, _id: m.id });
  }

  async list(filter: { groupId?: string; topic?: string } = {}): Promise<ParkedMessage[]> {
    const docs = await this.store.collection('_parked_messages').find({ ...filter }, { sort: { parkedAt: -1 }, limit: 1000 });
    return docs.map(({ _id, ...rest }) => rest as unknown as ParkedMessage);
  }
}
