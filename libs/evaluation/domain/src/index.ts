export * from './frameworks';
export * from './index-computation';
