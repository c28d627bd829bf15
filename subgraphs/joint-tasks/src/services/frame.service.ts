import type { DataSource } from 'typeorm';
import type { FrameHeader } from '../../../kit/src';
import type { DepartmentMode, DrawFrame } from '../draw/coordinated';
import type { JointTask, TaskDepartment } from '../entities';
import type { RegistryFrame } from './registry.client';

type Policy = FrameHeader['policies'][string];

/** Why an enterprise got p = 0 for a department, counted per rule for the draw's notes. */
export interface ExclusionTally {
  notSupervised: number;
  listed: number;
  interval: number;
  yearlyCap: number;
  exclusionYears: number;
}

/** Checks by department d of enterprise i in this subgraph's own records (earlier tasks). */
export interface CheckHistory {
  /** `${uscc}|${department}` → last check date (YYYY-MM-DD) */
  last: Map<string, string>;
  /** `${uscc}|${department}` → checks in the task's calendar year */
  thisYear: Map<string, number>;
}

/** The class's ratio in a department's policy. */
function classRatio(policy: Policy, cls: number): number {
  switch (cls) {
    case 65: return policy.ratioA; // 'A'
    case 66: return policy.ratioB;
    case 67: return policy.ratioC;
    default: return policy.ratioD;
  }
}

/** Days between two YYYY-MM-DD dates (b − a). */
function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);
}

/**
 * Loads this subgraph's own history of checks for the frame's rules: for every participating
 * department, when it last visited each enterprise and how often this calendar year. History is
 * what this subgraph recorded (earlier joint tasks' visits, dated by the task window start).
 */
export async function loadCheckHistory(db: DataSource, task: JointTask, departments: TaskDepartment[], policies: FrameHeader['policies']): Promise<CheckHistory> {
  const codes = departments.map((d) => d.departmentCode);
  const lookbackDays = Math.max(366, ...codes.map((c) => Math.max(policies[c]?.minIntervalDays ?? 0, (policies[c]?.exclusionYears ?? 0) * 366)));
  const rows: { uscc: string; department: string; last: string; this_year: string }[] = await db.query(
    `SELECT v.uscc, d AS department, max(t.window_start)::text AS last,
            count(*) FILTER (WHERE date_part('year', t.window_start) = date_part('year', $2::date)) AS this_year
       FROM visit v JOIN joint_task t ON t.id = v.task_id CROSS JOIN LATERAL unnest(v.departments) AS d
      WHERE d = ANY($1) AND t.id <> $3 AND t.window_start >= $2::date - $4::int AND t.window_start <= $2::date
      GROUP BY v.uscc, d`,
    [codes, task.windowStart, task.id, lookbackDays],
  );
  const last = new Map<string, string>();
  const thisYear = new Map<string, number>();
  for (const r of rows) {
    last.set(`${r.uscc}|${r.department}`, r.last);
    thisYear.set(`${r.uscc}|${r.department}`, Number(r.this_year));
  }
  return { last, thisYear };
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
): { frame: DrawFrame; modes: Record<string, DepartmentMode>; exclusions: Record<string, ExclusionTally> } {
  const D = departments.length;
  const N = registry.usccs.length;
  const p = new Float64Array(N * D);
  const exclusions: Record<string, ExclusionTally> = {};
  const modes: Record<string, DepartmentMode> = {};
  departments.forEach((td, d) => {
    const policy = registry.header.policies[td.departmentCode];
    const tally: ExclusionTally = { notSupervised: 0, listed: 0, interval: 0, yearlyCap: 0, exclusionYears: 0 };
    exclusions[td.departmentCode] = tally;
    modes[td.departmentCode] = td.sampleSize != null ? { kind: 'fixed', n: td.sampleSize } : { kind: 'poisson' };
    const ratioB = policy.ratioB > 0 ? policy.ratioB : 1;
    for (let i = 0; i < N; i++) {
      const cls = registry.classes[i * D + d];
      if (cls === 45 /* '-' */) { tally.notSupervised++; continue; }
      if (policy.excludeListed && registry.listed[i]) { tally.listed++; continue; }
      // Most frames have no history at all; skip building a key per row then.
      const key = history.last.size ? `${registry.usccs[i]}|${td.departmentCode}` : '';
      const last = key ? history.last.get(key) : undefined;
      if (last !== undefined) {
        const ago = daysBetween(last, task.windowStart);
        if (policy.minIntervalDays > 0 && ago < policy.minIntervalDays) { tally.interval++; continue; }
        if (policy.exclusionYears > 0 && ago < policy.exclusionYears * 365) { tally.exclusionYears++; continue; }
        if (policy.yearlyCap != null && (history.thisYear.get(key) ?? 0) >= policy.yearlyCap) { tally.yearlyCap++; continue; }
      }
      let pi: number;
      if (td.sampleSize != null || td.ratio == null) pi = classRatio(policy, cls);
      else if (td.riskWeighted) pi = td.ratio * (classRatio(policy, cls) / ratioB);
      else pi = td.ratio;
      p[i * D + d] = pi > 1 ? 1 : pi;
    }
  });
  return { frame: { usccs: registry.usccs, departments: departments.map((d) => d.departmentCode), p }, modes, exclusions };
}
