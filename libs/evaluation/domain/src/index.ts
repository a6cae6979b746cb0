export * from './frameworks';
export * from './index-computation';
export * from './cycle';
export * from './framework-version';
export * from './comparison';
export * from './legal-basis';
