export * from './merkle';
export * from './checkpoint';
export * from './sealer';
export * from './export-bundle';
