import { kitMigrations } from '@jih/kit/department';

/** The ecology schema's migrations, in order: the kit's tables. Generate new ones with `npm run migration:generate -- ecology <Name>`. */
export const ecologyMigrations = [...kitMigrations('ecology')];
