import { kitMigrations } from '@jih/kit/department';

/** The tax schema's migrations, in order: the kit's tables. Generate new ones with `npm run migration:generate -- tax <Name>`. */
export const taxMigrations = [...kitMigrations('tax')];
