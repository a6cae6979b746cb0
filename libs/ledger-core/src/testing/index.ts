export * from './infra';
export * from './event-store.contract';
export * from './refusal';
