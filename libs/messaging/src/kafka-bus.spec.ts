import { infra, runId, waitFor } from '@spbe/ledger-core/testing';
import { busContract } from './testing/bus.contract';
import { KafkaBus } from './kafka-bus';

const kafka = infra('KAFKA_BROKERS', 'an Apache Kafka broker');

kafka.describe('Bus contract: Apache Kafka (kafkajs)', () => {
  busContract(async () => new KafkaBus({ brokers: (kafka.url as string).split(','), clientId: 'spbe-contract-test' }), 45_000);
});

kafka.describe('KafkaBus topic creation', () => {
  it('four clients creating the same fresh topics at once all get usable topics (the services start together)', async () => {
    const topics = [runId('spbe.race.a.'), runId('spbe.race.b.'), runId('spbe.race.c.')];
    const buses = Array.from({ length: 4 }, (_, i) => new KafkaBus({ brokers: (kafka.url as string).split(','), clientId: `spbe-race-${i}` }));
    try {
      await Promise.all(buses.map((b) => b.connect()));
      await Promise.all(buses.map((b) => b.ensureTopics(topics)));
      const got: string[] = [];
      const handles = await Promise.all(
        buses.map((b, i) => b.consume({ groupId: runId(`g${i}`), topics, handler: async (m) => void got.push(`${i}:${m.topic}`) })),
      );
      await buses[0].publish(topics[2], [{ key: 'k', value: { n: 1 } }]);
      await waitFor(() => got.length === 4, 45_000);
      await Promise.all(handles.map((h) => h.stop()));
      expect(got.sort()).toEqual([0, 1, 2, 3].map((i) => `${i}:${topics[2]}`));
    } finally {
      await Promise.all(buses.map((b) => b.close()));
    }
  }, 120_000);
});
