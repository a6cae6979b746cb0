export * from './port';
export * from './memory-store';
export * from './mongo-store';
export * from './projector';
