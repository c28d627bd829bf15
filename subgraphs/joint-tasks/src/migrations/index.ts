import { JointTasksInitial1795442089579 } from './1795442089579-JointTasksInitial';

/** The joint-tasks migrations, in order. Generate new ones with `npm run migration:generate -- joint-tasks <Name>`. */
export const jointTaskMigrations = [JointTasksInitial1795442089579];
