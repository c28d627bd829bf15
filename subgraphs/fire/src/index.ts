import { departmentSubgraph } from '@jih/kit/department';
import { fire } from './entities';
import { fireMigrations } from './migrations';
import { fireSeed } from './seed/fire.seed';

/** Fire and rescue (消防救援): key units, crowded places, assessment grades, hazard rectification; `Enterprise.fire`. */
export const fireSubgraph = departmentSubgraph(fire, {
  migrations: fireMigrations,
  seed: fireSeed,
});
