import { kitMigrations } from '@jih/kit/department';

/** The health schema's migrations, in order: the kit's tables. Generate new ones with `npm run migration:generate -- health <Name>`. */
export const healthMigrations = [...kitMigrations('health')];
