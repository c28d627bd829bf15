/**
 * The draw engine of the joint-tasks subgraph: pure, deterministic computations with no
 * database or GraphQL, so a stored draw can be re-run and audited anywhere.
 */
export { ALGORITHM_VERSION } from './version';
export { permanentRandom, permanentRandoms } from './prn';
export {
  coordinatedDraw,
  listVisits,
  selectedUsccs,
  type CoordinatedDrawOptions,
  type CoordinatedDrawResult,
  type DepartmentMode,
  type DepartmentSample,
  type DrawFrame,
  type DrawStatistics,
  type VisitSet,
} from './coordinated';
export { frameDigest, resultDigest, type FrameDigestOptions } from './digest';
export {
  assignInspectors,
  replaceInspector,
  InspectorAssigner,
  type AssignmentResult,
  type CapacityRule,
  type DepartmentStaffing,
  type ExclusionCounts,
  type InspectorEnterprisePair,
  type InspectorPool,
  type InspectorRecord,
  type ReplacementRecord,
  type ReplacementRequest,
  type StaffingContext,
  type StaffingVisit,
  type TeamAssignment,
  type TeamStatus,
} from './inspectors';
export { orderByString } from './string-order';
