import { departmentSubgraph } from '@jih/kit/department';
import { emergency } from './entities';
import { emergencyMigrations } from './migrations';
import { emergencySeed } from './seed/emergency.seed';

/** Emergency management (应急管理): safety-production credit levels, hazard rectification orders; `Enterprise.emergency`. */
export const emergencySubgraph = departmentSubgraph(emergency, {
  migrations: emergencyMigrations,
  seed: emergencySeed,
});
