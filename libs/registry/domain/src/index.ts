export * from './tenant';
export * from './common';
export * from './unit';
export * from './designation';
export * from './approval';
export * from './architecture';
export * from './appointment';
