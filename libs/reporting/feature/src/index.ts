export * from './reporting.module';
export * from './reporting.service';
export * from './audit-trail.projection';
export * from './audit-trail.query';
export * from './export-verify';
