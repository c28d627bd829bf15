import { departmentSubgraph } from '@jih/kit/department';
import { health } from './entities';
import { healthMigrations } from './migrations';
import { healthSeed } from './seed/health.seed';

/** Health (卫健): licences, public-venue hygiene grades, supervision follow-ups; `Enterprise.health`. */
export const healthSubgraph = departmentSubgraph(health, {
  migrations: healthMigrations,
  seed: healthSeed,
});
