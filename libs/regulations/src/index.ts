export * from './profile-ids';
