import { RegistryInitial1795441135684 } from './1795441135684-RegistryInitial';
import { RegistryRiskProfile1795442934555 } from './1795442934555-RegistryRiskProfile';

/** The registry's migrations, in order. Generate new ones with `npm run migration:generate -- registry <Name>`. */
export const registryMigrations = [RegistryInitial1795441135684, RegistryRiskProfile1795442934555];
