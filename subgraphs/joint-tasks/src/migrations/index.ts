import { JointTasksInitial1795442089579 } from './1795442089579-JointTasksInitial';
import { Results1795443225487 } from './1795443225487-Results';
import { CommitReveal1796328531253 } from './1796328531253-CommitReveal';

/** The joint-tasks migrations, in order. Generate new ones with `npm run migration:generate -- joint-tasks <Name>`. */
export const jointTaskMigrations = [
  JointTasksInitial1795442089579,
  Results1795443225487,
  CommitReveal1796328531253,
];
