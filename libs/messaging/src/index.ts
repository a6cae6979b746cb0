export * from './port';
export * from './memory-bus';
export * from './kafka-bus';
export * from './metrics';
export * from './consumer-runtime';
export * from './forwarder';
