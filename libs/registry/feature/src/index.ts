export * from './registry.module';
export * from './tenants.commands';
