import { runService } from '@spbe/platform';
import { RegistryModule } from '@spbe/registry-feature';

/** architecture-registry as its own process (distributed mode). */
runService({ name: 'architecture-registry', port: 3001, forwards: ['registry'], feature: RegistryModule, description: 'Tenants, OPDs, Arsitektur and Peta Rencana SPBE, catalogue, Mandiri TIK designations, approval gates.' });
