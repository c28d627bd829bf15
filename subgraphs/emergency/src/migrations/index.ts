import { kitMigrations } from '@jih/kit/department';

/** The emergency schema's migrations, in order: the kit's tables. Generate new ones with `npm run migration:generate -- emergency <Name>`. */
export const emergencyMigrations = [...kitMigrations('emergency')];
