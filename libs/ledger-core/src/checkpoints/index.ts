export * from './merkle';
export * from './checkpoint';
export * from './sealer';
export * from './export-bundle';
export * from './heads';
export * from './log-state';
export * from './ledger-verify';
export * from './witness';
