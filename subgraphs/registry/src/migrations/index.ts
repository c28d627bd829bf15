import { RegistryInitial1795441135684 } from './1795441135684-RegistryInitial';

/** The registry's migrations, in order. Generate new ones with `npm run migration:generate -- registry <Name>`. */
export const registryMigrations = [RegistryInitial1795441135684];
