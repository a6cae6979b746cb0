export * from './audit';
export * from './latik';
export * from './finding';
export * from './overdue';
export * from './due';
export * from './programme';
