import { AnnualPlan } from './annual-plan.entity';
import { AuditEntry } from './audit.entity';
import { DrawBundleBlob, DrawCommitment, DrawCommitmentFrame } from './commitment.entity';
import { Draw, DrawFrameRow } from './draw.entity';
import { JointTask, TaskDepartment } from './joint-task.entity';
import { FollowUpLink, Referral } from './referral.entity';
import { CheckResult } from './result.entity';
import { TeamChange, Visit, VisitTeam } from './visit.entity';

export * from './annual-plan.entity';
export * from './audit.entity';
export * from './commitment.entity';
export * from './draw.entity';
export * from './joint-task.entity';
export * from './referral.entity';
export * from './result.entity';
export * from './stubs.entity';
export * from './visit.entity';

export const jointTaskEntities = [
  AnnualPlan,
  JointTask,
  TaskDepartment,
  DrawCommitment,
  DrawCommitmentFrame,
  DrawBundleBlob,
  Draw,
  DrawFrameRow,
  Visit,
  VisitTeam,
  TeamChange,
  CheckResult,
  Referral,
  FollowUpLink,
  AuditEntry,
];
