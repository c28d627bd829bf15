import { kitMigrations } from '@jih/kit/department';

/** The fire schema's migrations, in order: the kit's tables. Generate new ones with `npm run migration:generate -- fire <Name>`. */
export const fireMigrations = [...kitMigrations('fire')];
