import { departmentSubgraph } from '@jih/kit/department';
import { ecology } from './entities';
import { ecologyMigrations } from './migrations';
import { ecologySeed } from './seed/ecology.seed';

/** Ecology and environment (生态环境): discharge permits, environmental credit ratings, follow-ups; `Enterprise.ecology`. */
export const ecologySubgraph = departmentSubgraph(ecology, {
  migrations: ecologyMigrations,
  seed: ecologySeed,
});
