export * from './tokens';
export * from './adapters';
export * from './auth';
export * from './errors.filter';
export * from './health.controller';
export * from './parked-messages';
export * from './platform.module';
export * from './bootstrap';
