import { CheckItem } from './check-item.entity';
import { Department } from './department.entity';
import { Enterprise } from './enterprise.entity';
import { Inspector } from './inspector.entity';
import { ListEntry } from './list-entry.entity';
import { Recusal } from './recusal.entity';
import { Division, Industry } from './reference.entity';
import { SamplingPolicy } from './sampling-policy.entity';
import { SupervisionTag } from './supervision-tag.entity';

export * from './check-item.entity';
export * from './department.entity';
export * from './enterprise.entity';
export * from './inspector.entity';
export * from './list-entry.entity';
export * from './recusal.entity';
export * from './reference.entity';
export * from './sampling-policy.entity';
export * from './supervision-tag.entity';

export const registryEntities = [
  Department,
  Enterprise,
  Division,
  Industry,
  CheckItem,
  Inspector,
  Recusal,
  SupervisionTag,
  ListEntry,
  SamplingPolicy,
];
