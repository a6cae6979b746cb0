export * from './evaluation.module';
export * from './evaluation.service';
