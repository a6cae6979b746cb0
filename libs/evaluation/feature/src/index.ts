export * from './evaluation.module';
