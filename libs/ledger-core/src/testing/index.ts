export * from './infra';
export * from './event-store.contract';
