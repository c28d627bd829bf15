/**
 * The authorization matrix: one entry per mutation of the supergraph, one file per subgraph.
 * A new mutation needs an entry (the matrix test fails until it has one): add it to its
 * subgraph's file, or add a file for a new subgraph and list it here.
 */
import { RESULT_ENTRIES, RESULT_FIELDS } from '../../results/matrix.entries';
import { DEPARTMENT_ENTRIES } from './departments.entries';
import { SENSITIVE_FIELDS as BASE_FIELDS } from './fields.entries';
import { JOINT_TASKS_ENTRIES } from './joint-tasks.entries';
import { REGISTRY_ENTRIES } from './registry.entries';
import type { FieldEntry, MutationEntry } from './types';

export const MUTATION_ENTRIES: MutationEntry[] = [
  ...REGISTRY_ENTRIES,
  ...JOINT_TASKS_ENTRIES,
  ...RESULT_ENTRIES,
  ...DEPARTMENT_ENTRIES,
];
export const SENSITIVE_FIELDS: FieldEntry[] = [...BASE_FIELDS, ...RESULT_FIELDS];
export * from './types';
