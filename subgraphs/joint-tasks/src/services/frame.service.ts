import type { DataSource, EntityManager } from 'typeorm';
import type { FrameHeader } from '@jih/kit';
import type { DepartmentMode, DrawFrame } from '../draw/coordinated';
import type { JointTask, TaskDepartment } from '../entities';
import type { RegistryFrame } from './registry.client';

type Policy = FrameHeader['policies'][string];

/** A DataSource or a transaction's manager. */
type Queryable = DataSource | EntityManager;

/** Why an enterprise got p = 0 for a department, counted per rule for the draw's notes. */
export interface ExclusionTally {
  notSupervised: number;
  listed: number;
  interval: number;
  yearlyCap: number;
  exclusionYears: number;
}

/**
 * Checks by department d of enterprise i in this subgraph's records: visits of every drawn task
 * whose window lies within reach of this task's window, before or after it, so the history rules
 * hold whatever order tasks are drawn in.
 */
export interface CheckHistory {
  /** `${uscc}|${department}` → the least gap in days between this window and a window with such a visit. */
  nearest: Map<string, number>;
  /** `${uscc}|${department}` → visits in tasks whose window starts in this task's starting year. */
  thisYear: Map<string, number>;
}

/** The window of a task, YYYY-MM-DD. */
export interface TaskWindow {
  windowStart: string;
  windowEnd: string;
}

/** The class's ratio in a department's policy. */
function classRatio(policy: Policy, cls: number): number {
  switch (cls) {
    case 65:
      return policy.ratioA; // 'A'
    case 66:
      return policy.ratioB;
    case 67:
      return policy.ratioC;
    default:
      return policy.ratioD;
  }
}

/** Days between two YYYY-MM-DD dates (b − a). */
function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);
}

/**
 * Days between two windows: 0 when they overlap, else from the end of the earlier to the start
 * of the later. Visits may fall on any day of a window, so this is the least distance two
 * checks in them can have, and what the interval and exclusion rules measure.
 */
export function windowGap(a: TaskWindow, b: TaskWindow): number {
  return Math.max(
    0,
    daysBetween(a.windowEnd, b.windowStart),
    daysBetween(b.windowEnd, a.windowStart),
  );
}

/** Whether two windows share at least one day. */
export function windowsOverlap(a: TaskWindow, b: TaskWindow): boolean {
  return a.windowStart <= b.windowEnd && b.windowStart <= a.windowEnd;
}

/**
 * How far (in days, before or after) a department's history rules reach from a window: the
 * minimum interval, the exclusion years, a year for a yearly cap, the inspector rotation window.
 */
export function historyReachDays(policy: Policy | undefined): number {
  if (!policy) return 0;
  return Math.max(
    policy.minIntervalDays ?? 0,
    (policy.exclusionYears ?? 0) * 366,
    policy.yearlyCap != null ? 366 : 0,
    policy.rotationDays ?? 0,
  );
}

/**
 * Loads the history the frame's rules count: for every participating department, the least gap
 * between this task's window and the window of a drawn task that visited the enterprise for that
 * department, before or after it, and the visits in tasks starting in the same calendar year.
 */
export async function loadCheckHistory(
  db: Queryable,
  task: JointTask,
  departments: TaskDepartment[],
  policies: FrameHeader['policies'],
): Promise<CheckHistory> {
  const codes = departments.map((d) => d.departmentCode);
  const reach = Math.max(366, ...codes.map((c) => historyReachDays(policies[c])));
  const rows: { uscc: string; department: string; gap: number; this_year: string }[] =
    await db.query(
      `SELECT v.uscc, d AS department,
            min(GREATEST(0, t.window_start - $3::date, $2::date - t.window_end))::int AS gap,
            count(*) FILTER (WHERE date_part('year', t.window_start) = date_part('year', $2::date)) AS this_year
       FROM visit v JOIN joint_task t ON t.id = v.task_id CROSS JOIN LATERAL unnest(v.departments) AS d
      WHERE d = ANY($1) AND t.id <> $4 AND t.window_start <= $3::date + $5::int AND t.window_end >= $2::date - $5::int
      GROUP BY v.uscc, d`,
      [codes, task.windowStart, task.windowEnd, task.id, reach],
    );
  const nearest = new Map<string, number>();
  const thisYear = new Map<string, number>();
  for (const r of rows) {
    nearest.set(`${r.uscc}|${r.department}`, r.gap);
    thisYear.set(`${r.uscc}|${r.department}`, Number(r.this_year));
  }
  return { nearest, thisYear };
}

/**
 * Turns the registry's frame and this subgraph's history into inclusion probabilities p(d, i):
 * the task's ratio (flat, or scaled by the risk class when `riskWeighted`), the policy's class
 * ratio when the task gives none, and 0 wherever a rule excludes the enterprise: not supervised
 * by d, listed (when the policy excludes listed entities), checked within the policy's minimum
 * interval or exclusion years, or at the yearly cap. Fixed sample sizes use the class ratio as
 * the size measure of sequential Poisson sampling.
 */
export function buildFrame(
  task: JointTask,
  departments: TaskDepartment[],
  registry: RegistryFrame,
  history: CheckHistory,
): {
  frame: DrawFrame;
  modes: Record<string, DepartmentMode>;
  exclusions: Record<string, ExclusionTally>;
} {
  const D = departments.length;
  const N = registry.usccs.length;
  const p = new Float64Array(N * D);
  const exclusions: Record<string, ExclusionTally> = {};
  const modes: Record<string, DepartmentMode> = {};
  departments.forEach((td, d) => {
    const policy = registry.header.policies[td.departmentCode];
    const tally: ExclusionTally = {
      notSupervised: 0,
      listed: 0,
      interval: 0,
      yearlyCap: 0,
      exclusionYears: 0,
    };
    exclusions[td.departmentCode] = tally;
    modes[td.departmentCode] =
      td.sampleSize != null ? { kind: 'fixed', n: td.sampleSize } : { kind: 'poisson' };
    const ratioB = policy.ratioB > 0 ? policy.ratioB : 1;
    for (let i = 0; i < N; i++) {
      const cls = registry.classes[i * D + d];
      if (cls === 45 /* '-' */) {
        tally.notSupervised++;
        continue;
      }
      if (policy.excludeListed && registry.listed[i]) {
        tally.listed++;
        continue;
      }
      // Most frames have no history at all; skip building a key per row then.
      const key = history.nearest.size ? `${registry.usccs[i]}|${td.departmentCode}` : '';
      const gap = key ? history.nearest.get(key) : undefined;
      if (gap !== undefined) {
        if (policy.minIntervalDays > 0 && gap < policy.minIntervalDays) {
          tally.interval++;
          continue;
        }
        if (policy.exclusionYears > 0 && gap < policy.exclusionYears * 365) {
          tally.exclusionYears++;
          continue;
        }
        if (policy.yearlyCap != null && (history.thisYear.get(key) ?? 0) >= policy.yearlyCap) {
          tally.yearlyCap++;
          continue;
        }
      }
      let pi: number;
      if (td.sampleSize != null || td.ratio == null) pi = classRatio(policy, cls);
      else if (td.riskWeighted) pi = td.ratio * (classRatio(policy, cls) / ratioB);
      else pi = td.ratio;
      p[i * D + d] = pi > 1 ? 1 : pi;
    }
  });
  return {
    frame: { usccs: registry.usccs, departments: departments.map((d) => d.departmentCode), p },
    modes,
    exclusions,
  };
}
