export * from './bus.contract';
