import { infra } from '@spbe/ledger-core/testing';
import { busContract } from './testing/bus.contract';
import { KafkaBus } from './kafka-bus';

const kafka = infra('KAFKA_BROKERS', 'an Apache Kafka broker');

kafka.describe('Bus contract: Apache Kafka (kafkajs)', () => {
  busContract(async () => new KafkaBus({ brokers: (kafka.url as string).split(','), clientId: 'spbe-contract-test' }), 45_000);
});
