/**
 * Inspector assignment for the visits of a coordinated draw: for every visit and every
 * department on it, a team of at least `minPerTeam` (default 2) inspectors drawn at random
 * from the department's pool, reproducibly from the task's seed.
 *
 * Who qualifies for a (visit, department) team, rules in this order (an excluded inspector is
 * counted under the first rule that excludes them, so the counts add up to the pool; members
 * already on the team are counted between rules 5 and 6):
 * 1. in the pool: whole pool (大随机) = every inspector of the department; sub-pool (小随机) =
 *    the listed ids (e.g. a regional team), of which ids of another department are excluded;
 * 2. active;
 * 3. expertise: holds at least one tag the department's check items in the task require
 *    (any inspector when none is required);
 * 4. no recusal declaration against the enterprise;
 * 5. has not checked the enterprise within the rotation window (history pairs are input);
 * 6. within capacity: fewer than `perDay` teams on the visit's day when visits carry a day,
 *    else fewer than `perDay × workingDays` teams over the task, counting the teams the
 *    inspector already has in other tasks whose windows overlap this one (`priorLoad`).
 *
 * Team rule (stricter but workable): every member holds at least one required tag (rule 3)
 * and the team together holds every required tag. Requiring every member to hold every tag
 * would make most teams impossible; requiring nothing would send a food team with no food
 * expert.
 *
 * Draw, per (visit, department), with the stream HMAC(seed, "inspectors:" + uscc + ":" +
 * department) (see seeded-random.ts):
 * - phase 1: until the team has `minPerTeam` members, draw uniformly among the qualified not
 *   yet on the team;
 * - phase 2: while a required tag is uncovered, draw uniformly among the qualified not yet on
 *   the team who hold an uncovered tag.
 * A uniform draw is made by rejection: pick position below(m) in the department's list of
 *   inspectors passing rules 1-3 (in input order) and retry if that one fails rules 4-6 or is
 *   on the team; after 64 rejections the qualified are listed in that order and one is picked
 *   with below(count). Both give every qualified inspector the same chance.
 * If the team cannot reach `minPerTeam` or cover every tag, it is returned with the members
 * it has, status UNDERSTAFFED and the reason with counts per rule: never silently short.
 * Members of an understaffed team still count against capacity, so fixing it later cannot
 * overbook them.
 *
 * Capacity makes the result depend on the order teams are drawn in. To be independent of
 * input order and not to favour any region (USCC positions 3-8 are the administrative
 * division), visits are processed in order of HMAC(seed, "inspectors-order:" + uscc) (first 53
 * bits, ties by USCC), departments within a visit by code.
 *
 * Cost: per team a few PRN draws and set look-ups; the static rules 1-3 are evaluated once
 * per department and recusals and rotation are indexed by enterprise, so 100,000 teams take a
 * fraction of a second.
 */
import { compareCodes } from './string-order';
import { SeededRandom, StreamFactory } from './seeded-random';

/** An inspector from the inspector directory (执法检查人员名录库). */
export interface InspectorRecord {
  /** Inspector id. */
  readonly id: string;
  /** The department the inspector belongs to. */
  readonly department: string;
  /** Whether the inspector is currently active (in post, certificate valid). */
  readonly active: boolean;
  /** Expertise tags. */
  readonly expertise: readonly string[];
}

/** An (inspector, enterprise) pair: a recusal declaration or a past check. */
interface InspectorEnterprisePair {
  /** Inspector id. */
  readonly inspectorId: string;
  /** Enterprise USCC. */
  readonly uscc: string;
}

/** Teams an inspector already has elsewhere. */
interface InspectorLoad {
  /** Inspector id. */
  readonly inspectorId: string;
  /** Number of teams. */
  readonly teams: number;
}

/** Which inspectors a department draws from. */
type InspectorPool =
  | {
      /** Whole pool (大随机): every inspector of the department. */
      readonly kind: 'whole';
    }
  | {
      /** Sub-pool (小随机): only these inspector ids, e.g. a regional team. */
      readonly kind: 'subPool';
      /** Inspector ids; unknown ids are an error, other departments' ids are excluded. */
      readonly inspectorIds: readonly string[];
    };

/** How one department staffs its teams in this task. */
export interface DepartmentStaffing {
  /** Department code. */
  readonly department: string;
  /** The union of the expertise tags of the department's check items in the task. */
  readonly requiredExpertise: readonly string[];
  /** Pool, default the whole pool. */
  readonly pool?: InspectorPool;
  /** Minimum team size, default the task's `minPerTeam` (itself default 2). */
  readonly minPerTeam?: number;
}

/** A visit to staff. */
export interface StaffingVisit {
  /** Visit id. */
  readonly id: string;
  /** Enterprise USCC. */
  readonly uscc: string;
  /** Departments on the visit (each gets its own team). */
  readonly departments: readonly string[];
  /** Scheduled day (YYYY-MM-DD); give it for every visit or for none. */
  readonly day?: string;
}

/** Per-inspector capacity. */
interface CapacityRule {
  /** Maximum teams per inspector per task working day. */
  readonly perDay: number;
  /**
   * The task's working days: without visit days, an inspector's capacity over the task is
   * perDay × workingDays. Required when visits carry no day; ignored when they do.
   */
  readonly workingDays?: number;
}

/** Everything the assignment needs besides the visits. */
export interface StaffingContext {
  /** The task's published seed. */
  readonly seed: string;
  /** Inspectors of (at least) the participating departments. */
  readonly inspectors: readonly InspectorRecord[];
  /** One entry per participating department. */
  readonly departments: readonly DepartmentStaffing[];
  /** Recusal declarations (conflict of interest). */
  readonly recusals?: Iterable<InspectorEnterprisePair>;
  /** Checks within the rotation window of this task, before or after it. */
  readonly rotation?: Iterable<InspectorEnterprisePair>;
  /**
   * Teams each inspector already has in other tasks whose windows overlap this one: they count
   * against the inspector's capacity over this task (visits without days only).
   */
  readonly priorLoad?: Iterable<InspectorLoad>;
  /** Capacity. */
  readonly capacity: CapacityRule;
  /** Default minimum team size, default 2. */
  readonly minPerTeam?: number;
}

/** Team status. */
type TeamStatus = 'STAFFED' | 'UNDERSTAFFED';

/** How many of a department's pool each rule excluded, for an understaffed team. */
interface ExclusionCounts {
  /** Inspectors in the selected pool (whole pool or sub-pool list). */
  readonly pool: number;
  /** Sub-pool ids belonging to another department. */
  readonly otherDepartment: number;
  /** Not active. */
  readonly inactive: number;
  /** Holding none of the required tags. */
  readonly lackingExpertise: number;
  /** Recusal declaration against the enterprise. */
  readonly recused: number;
  /** Checked the enterprise within the rotation window. */
  readonly rotation: number;
  /** At capacity. */
  readonly capacity: number;
  /** Already on the team, or replaced out of it. */
  readonly onTeam: number;
  /** Qualified and available. */
  readonly available: number;
}

/** One replacement (递补) made on a team. */
interface ReplacementRecord {
  /** 1-based sequence number within the team. */
  readonly sequence: number;
  /** The inspector who left. */
  readonly replaced: string;
  /** The inspectors drawn in their place (usually one; none if nobody qualified). */
  readonly added: readonly string[];
  /** Why (e.g. the recusal ground). */
  readonly reason: string;
}

/** The team of one department on one visit. */
export interface TeamAssignment {
  /** Visit id. */
  readonly visitId: string;
  /** Enterprise USCC. */
  readonly uscc: string;
  /** Department code. */
  readonly department: string;
  /** The visit's day, when visits carry days. */
  readonly day?: string;
  /** Members, in draw order. */
  readonly inspectorIds: readonly string[];
  /** STAFFED, or UNDERSTAFFED with a reason. */
  readonly status: TeamStatus;
  /** The minimum team size that applied. */
  readonly minPerTeam: number;
  /** Required tags the team does not hold (empty when staffed). */
  readonly uncoveredExpertise: readonly string[];
  /** Why the team is understaffed, in words; null when staffed. */
  readonly reason: string | null;
  /** Counts per rule when understaffed; null when staffed. */
  readonly exclusions: ExclusionCounts | null;
  /** Replacements made since the draw, in order. */
  readonly replacements: readonly ReplacementRecord[];
}

/** The result of {@link assignInspectors}. */
export interface AssignmentResult {
  /** One team per (visit, department), in input order. */
  readonly teams: TeamAssignment[];
  /** How many teams are understaffed. */
  readonly understaffed: number;
}

/** A request to replace one member of a team (递补). */
export interface ReplacementRequest {
  /** The team as it stands. */
  readonly team: TeamAssignment;
  /** The member who leaves. */
  readonly inspectorId: string;
  /** Why (recorded). */
  readonly reason: string;
  /** 1-based sequence number: must be team.replacements.length + 1. */
  readonly sequence: number;
  /** Every current team of the task, to count capacity (the team itself included). */
  readonly teams: readonly TeamAssignment[];
}

/** Rejections before a uniform draw falls back to listing the qualified. */
const MAX_REJECTIONS = 64;

/**
 * Draws inspector teams for every (visit, department). Deterministic for the same inputs,
 * whatever their order.
 *
 * @throws RangeError on malformed input (unknown department or sub-pool id, bad capacity,
 *   visits with and without days mixed)
 */
export function assignInspectors(
  context: StaffingContext,
  visits: readonly StaffingVisit[],
): AssignmentResult {
  return new InspectorAssigner(context).assign(visits);
}

/**
 * Replaces one member of a team (递补, e.g. after a late recusal): draws from the stream
 * HMAC(seed, "inspectors:" + uscc + ":" + department + ":replacement:" + sequence) under the
 * same rules, excluding the leaving inspector, everyone on the team and everyone replaced out
 * of it before, until the team again has its minimum size and covers every required tag.
 * Reproducible from (seed, visit, department, sequence) and the task's teams.
 *
 * @returns the new team, with the replacement appended to `replacements`
 * @throws RangeError when the inspector is not on the team or the sequence is out of order
 */
export function replaceInspector(
  context: StaffingContext,
  request: ReplacementRequest,
): TeamAssignment {
  return new InspectorAssigner(context).replace(request);
}

/** Per-department data precomputed once. */
interface DepartmentPool {
  readonly code: string;
  readonly minPerTeam: number;
  readonly tags: readonly string[];
  /** Words per tag mask. */
  readonly words: number;
  /** Inspector indices passing rules 1-3, in input order. */
  readonly candidates: Int32Array;
  /** Required-tag masks of the candidates: candidates[k] owns masks[k*words .. +words). */
  readonly masks: Uint32Array;
  /** Static exclusion counts (rules 1-3). */
  readonly pool: number;
  readonly otherDepartment: number;
  readonly inactive: number;
  readonly lackingExpertise: number;
}

/**
 * The assignment engine: precomputes each department's qualified list and the recusal and
 * rotation indices once, then staffs teams. Exposed for callers that assign and replace
 * repeatedly under one context.
 */
class InspectorAssigner {
  private readonly ids: string[];
  private readonly indexOf = new Map<string, number>();
  private readonly pools = new Map<string, DepartmentPool>();
  private readonly recused = new Map<string, Set<number>>();
  private readonly rotated = new Map<string, Set<number>>();
  private readonly streams: StreamFactory;
  private readonly capacity: CapacityRule;
  private readonly priorLoad: Int32Array;

  /** @throws RangeError on malformed context */
  constructor(context: StaffingContext) {
    this.streams = new StreamFactory(context.seed);
    this.capacity = context.capacity;
    if (!Number.isInteger(context.capacity.perDay) || context.capacity.perDay < 1) {
      throw new RangeError(
        `capacity.perDay must be a positive integer, got ${context.capacity.perDay}`,
      );
    }
    const w = context.capacity.workingDays;
    if (w !== undefined && (!Number.isInteger(w) || w < 1)) {
      throw new RangeError(`capacity.workingDays must be a positive integer, got ${w}`);
    }
    const defaultMin = context.minPerTeam ?? 2;
    checkMin(defaultMin, 'minPerTeam');

    this.ids = context.inspectors.map((x) => x.id);
    context.inspectors.forEach((x, i) => {
      if (this.indexOf.has(x.id)) throw new RangeError(`inspector ${x.id} is listed twice`);
      this.indexOf.set(x.id, i);
    });
    for (const staffing of context.departments) {
      if (this.pools.has(staffing.department)) {
        throw new RangeError(`department ${staffing.department} is listed twice`);
      }
      this.pools.set(staffing.department, this.buildPool(context.inspectors, staffing, defaultMin));
    }
    indexPairs(context.recusals, this.indexOf, this.recused);
    indexPairs(context.rotation, this.indexOf, this.rotated);
    this.priorLoad = new Int32Array(this.ids.length);
    for (const { inspectorId, teams } of context.priorLoad ?? []) {
      if (!Number.isInteger(teams) || teams < 0)
        throw new RangeError(
          `prior load of ${inspectorId} must be a non-negative integer, got ${teams}`,
        );
      const i = this.indexOf.get(inspectorId);
      if (i !== undefined) this.priorLoad[i] += teams;
    }
  }

  /** Staffs every (visit, department); see the module comment for the rules. */
  assign(visits: readonly StaffingVisit[]): AssignmentResult {
    const load = new LoadBook(this.ids.length, this.capacity, visits, this.priorLoad);
    for (const v of visits) {
      for (const d of v.departments) {
        if (!this.pools.has(d))
          throw new RangeError(`visit ${v.id}: no staffing given for department ${d}`);
      }
    }
    // Processing order: seeded per enterprise, so capacity does not favour any code range.
    const keys = visits.map((v) => this.streams.fraction(`inspectors-order:${v.uscc}`));
    const order = Array.from(visits.keys()).sort(
      (a, b) => keys[a] - keys[b] || compareCodes(visits[a].uscc, visits[b].uscc) || a - b,
    );

    const teamsByVisit: TeamAssignment[][] = new Array(visits.length);
    let understaffed = 0;
    for (const k of order) {
      const v = visits[k];
      const ds = v.departments;
      // Departments by code; teams returned in the visit's own department order.
      const byCode =
        ds.length === 1 ? [0] : Array.from(ds.keys()).sort((a, b) => compareCodes(ds[a], ds[b]));
      const teams: TeamAssignment[] = new Array(ds.length);
      for (const j of byCode) {
        const d = ds[j];
        const pool = this.pools.get(d)!;
        const rng = this.streams.streamFor(`inspectors:${v.uscc}:${d}`);
        const team = this.drawTeam(pool, v.uscc, v.day, rng, [], NONE, load);
        for (const i of team.members) load.add(i, v.day);
        const result = this.toAssignment(v.id, v.uscc, d, v.day, pool, team, NO_REPLACEMENTS, load);
        if (result.status === 'UNDERSTAFFED') understaffed++;
        teams[j] = result;
      }
      teamsByVisit[k] = teams;
    }
    return { teams: teamsByVisit.flat(), understaffed };
  }

  /** Replaces one member of a team; see {@link replaceInspector}. */
  replace(request: ReplacementRequest): TeamAssignment {
    const { team, inspectorId, reason, sequence } = request;
    const pool = this.pools.get(team.department);
    if (!pool) throw new RangeError(`no staffing given for department ${team.department}`);
    if (!team.inspectorIds.includes(inspectorId)) {
      throw new RangeError(
        `inspector ${inspectorId} is not on the ${team.department} team of visit ${team.visitId}`,
      );
    }
    if (sequence !== team.replacements.length + 1) {
      throw new RangeError(
        `replacement sequence must be ${team.replacements.length + 1} for this team, got ${sequence}`,
      );
    }
    const load = new LoadBook(this.ids.length, this.capacity, request.teams, this.priorLoad);
    for (const t of request.teams) {
      for (const id of t.inspectorIds) {
        const i = this.indexOf.get(id);
        if (i !== undefined) load.add(i, t.day);
      }
    }
    // The leaving inspector's slot on this team is freed.
    const leaving = this.indexOf.get(inspectorId);
    if (leaving !== undefined) load.remove(leaving, team.day);

    const excluded = new Set<number>();
    for (const id of [inspectorId, ...team.replacements.map((r) => r.replaced)]) {
      const i = this.indexOf.get(id);
      if (i !== undefined) excluded.add(i);
    }
    const kept: number[] = [];
    for (const id of team.inspectorIds) {
      if (id === inspectorId) continue;
      const i = this.indexOf.get(id);
      if (i === undefined) throw new RangeError(`team member ${id} is not in the inspector list`);
      kept.push(i);
    }
    const rng = this.streams.streamFor(
      `inspectors:${team.uscc}:${team.department}:replacement:${sequence}`,
    );
    const drawn = this.drawTeam(pool, team.uscc, team.day, rng, kept, excluded, load);
    const added = drawn.members.slice(kept.length).map((i) => this.ids[i]);
    const replacements = [...team.replacements, { sequence, replaced: inspectorId, added, reason }];
    return this.toAssignment(
      team.visitId,
      team.uscc,
      team.department,
      team.day,
      pool,
      drawn,
      replacements,
      load,
      excluded,
    );
  }

  /** Rules 1-3 for one department, once. */
  private buildPool(
    inspectors: readonly InspectorRecord[],
    staffing: DepartmentStaffing,
    defaultMin: number,
  ): DepartmentPool {
    const code = staffing.department;
    const minPerTeam = staffing.minPerTeam ?? defaultMin;
    checkMin(minPerTeam, `${code}.minPerTeam`);
    const tags = [...new Set(staffing.requiredExpertise)].sort(compareCodes);
    const tagIndex = new Map(tags.map((t, k) => [t, k] as const));
    const words = Math.max(1, Math.ceil(tags.length / 32));

    let selection: number[];
    const pool = staffing.pool ?? { kind: 'whole' as const };
    if (pool.kind === 'whole') {
      selection = [];
      inspectors.forEach((x, i) => {
        if (x.department === code) selection.push(i);
      });
    } else {
      selection = [...new Set(pool.inspectorIds)].map((id) => {
        const i = this.indexOf.get(id);
        if (i === undefined) throw new RangeError(`${code} sub-pool lists unknown inspector ${id}`);
        return i;
      });
    }
    let otherDepartment = 0,
      inactive = 0,
      lackingExpertise = 0;
    const candidates: number[] = [];
    const masks: number[] = [];
    const mask = new Uint32Array(words);
    for (const i of selection) {
      const x = inspectors[i];
      if (x.department !== code) {
        otherDepartment++;
        continue;
      }
      if (!x.active) {
        inactive++;
        continue;
      }
      mask.fill(0);
      let any = false;
      for (const t of x.expertise) {
        const k = tagIndex.get(t);
        if (k !== undefined) {
          mask[k >>> 5] |= 1 << (k & 31);
          any = true;
        }
      }
      if (tags.length > 0 && !any) {
        lackingExpertise++;
        continue;
      }
      candidates.push(i);
      masks.push(...mask);
    }
    return {
      code,
      minPerTeam,
      tags,
      words,
      candidates: Int32Array.from(candidates),
      masks: Uint32Array.from(masks),
      pool: selection.length,
      otherDepartment,
      inactive,
      lackingExpertise,
    };
  }

  /**
   * Phases 1 and 2 of the draw, starting from `members` (kept members of a team being
   * repaired); `excluded` are never drawn.
   */
  private drawTeam(
    pool: DepartmentPool,
    uscc: string,
    day: string | undefined,
    rng: SeededRandom,
    members: number[],
    excluded: ReadonlySet<number>,
    load: LoadBook,
  ): DrawnTeam {
    const { candidates, masks, words } = pool;
    const team = members.slice();
    const uncovered = fullMask(pool.tags.length, words);
    for (const i of team) {
      const k = candidates.indexOf(i);
      // A kept member outside the candidate list (e.g. expertise changed) covers nothing.
      if (k >= 0) for (let w = 0; w < words; w++) uncovered[w] &= ~masks[k * words + w];
    }
    const state: DrawState = {
      pool,
      team,
      excluded,
      uncovered,
      load,
      day,
      recused: this.recused.get(uscc),
      rotated: this.rotated.get(uscc),
    };
    while (team.length < pool.minPerTeam) {
      const k = drawUniform(state, rng, false);
      if (k < 0) break;
      take(state, k);
    }
    while (!isEmpty(uncovered)) {
      const k = drawUniform(state, rng, true);
      if (k < 0) break;
      take(state, k);
    }
    return { members: team, uncovered };
  }

  /** Wraps a drawn team, with counts and a reason when it falls short. */
  private toAssignment(
    visitId: string,
    uscc: string,
    department: string,
    day: string | undefined,
    pool: DepartmentPool,
    drawn: DrawnTeam,
    replacements: readonly ReplacementRecord[],
    load: LoadBook,
    excluded: ReadonlySet<number> = NONE,
  ): TeamAssignment {
    const inspectorIds = drawn.members.map((i) => this.ids[i]);
    const covered = isEmpty(drawn.uncovered);
    const short = drawn.members.length < pool.minPerTeam;
    if (covered && !short) {
      return {
        visitId,
        uscc,
        department,
        day,
        inspectorIds,
        status: 'STAFFED',
        minPerTeam: pool.minPerTeam,
        uncoveredExpertise: NO_TAGS,
        reason: null,
        exclusions: null,
        replacements,
      };
    }
    const uncoveredExpertise = pool.tags.filter(
      (_, k) => (drawn.uncovered[k >>> 5] >>> (k & 31)) & 1,
    );
    const exclusions = this.countExclusions(pool, uscc, day, drawn.members, excluded, load);
    const parts: string[] = [];
    if (short) {
      parts.push(
        `${pool.minPerTeam} ${department} inspectors needed, ${drawn.members.length} available`,
      );
    }
    if (uncoveredExpertise.length > 0) {
      parts.push(`no available inspector holds ${uncoveredExpertise.join(', ')}`);
    }
    const c = exclusions;
    const rules = [
      [c.otherDepartment, 'of another department'],
      [c.inactive, 'inactive'],
      [c.lackingExpertise, `without any of ${pool.tags.join(', ') || 'the required expertise'}`],
      [c.recused, 'recused from this enterprise'],
      [c.rotation, 'checked it within the rotation window'],
      [c.onTeam, 'already on the team or replaced out of it'],
      [c.capacity, 'at capacity'],
    ] as const;
    const listed = rules.filter(([n]) => n > 0).map(([n, what]) => `${n} ${what}`);
    const reason = `${parts.join('; ')}: pool of ${c.pool}${listed.length ? `, excluded ${listed.join(', ')}` : ''}`;
    return {
      visitId,
      uscc,
      department,
      day,
      inspectorIds,
      status: 'UNDERSTAFFED',
      minPerTeam: pool.minPerTeam,
      uncoveredExpertise,
      reason,
      exclusions,
      replacements,
    };
  }

  /** Counts, for an understaffed team, how many of the pool each rule excluded. */
  private countExclusions(
    pool: DepartmentPool,
    uscc: string,
    day: string | undefined,
    members: number[],
    excluded: ReadonlySet<number>,
    load: LoadBook,
  ): ExclusionCounts {
    const recused = this.recused.get(uscc);
    const rotated = this.rotated.get(uscc);
    const onTeam = new Set(members);
    let r = 0,
      rot = 0,
      cap = 0,
      team = 0,
      available = 0;
    for (const i of pool.candidates) {
      if (recused?.has(i)) r++;
      else if (rotated?.has(i)) rot++;
      else if (onTeam.has(i) || excluded.has(i)) team++;
      else if (!load.hasRoom(i, day)) cap++;
      else available++;
    }
    return {
      pool: pool.pool,
      otherDepartment: pool.otherDepartment,
      inactive: pool.inactive,
      lackingExpertise: pool.lackingExpertise,
      recused: r,
      rotation: rot,
      capacity: cap,
      onTeam: team,
      available,
    };
  }
}

/** A drawn team: member indices in draw order and the required tags still uncovered. */
interface DrawnTeam {
  readonly members: number[];
  readonly uncovered: Uint32Array;
}

/** What qualification of one candidate depends on, for one team being drawn. */
interface DrawState {
  readonly pool: DepartmentPool;
  readonly team: number[];
  readonly excluded: ReadonlySet<number>;
  readonly uncovered: Uint32Array;
  readonly load: LoadBook;
  readonly day: string | undefined;
  readonly recused: Set<number> | undefined;
  readonly rotated: Set<number> | undefined;
}

/** Shared empty values, so a staffed team allocates nothing for them. */
const NONE: ReadonlySet<number> = new Set();
const NO_TAGS: readonly string[] = Object.freeze([]);
const NO_REPLACEMENTS: readonly ReplacementRecord[] = Object.freeze([]);

/**
 * Whether candidate position k may join the team: rules 4-6, not already on the team or
 * excluded, and with `needTag` holding a still uncovered tag. Teams are a handful of members,
 * so a linear `includes` beats a Set.
 */
function qualifies(s: DrawState, k: number, needTag: boolean): boolean {
  const i = s.pool.candidates[k];
  if (s.team.includes(i) || s.excluded.has(i)) return false;
  if (s.recused !== undefined && s.recused.has(i)) return false;
  if (s.rotated !== undefined && s.rotated.has(i)) return false;
  if (!s.load.hasRoom(i, s.day)) return false;
  if (needTag) {
    const { masks, words } = s.pool;
    let hit = 0;
    for (let w = 0; w < words; w++) hit |= masks[k * words + w] & s.uncovered[w];
    if (hit === 0) return false;
  }
  return true;
}

/** Adds candidate position k to the team and marks its tags covered. */
function take(s: DrawState, k: number): void {
  const { candidates, masks, words } = s.pool;
  s.team.push(candidates[k]);
  for (let w = 0; w < words; w++) s.uncovered[w] &= ~masks[k * words + w];
}

/** Uniform pick among qualifying candidate positions: rejection, then a listing fallback. */
function drawUniform(s: DrawState, rng: SeededRandom, needTag: boolean): number {
  const m = s.pool.candidates.length;
  if (m === 0) return -1;
  for (let tries = 0; tries < MAX_REJECTIONS; tries++) {
    const k = rng.below(m);
    if (qualifies(s, k, needTag)) return k;
  }
  const qualified: number[] = [];
  for (let k = 0; k < m; k++) if (qualifies(s, k, needTag)) qualified.push(k);
  return qualified.length === 0 ? -1 : qualified[rng.below(qualified.length)];
}

/** Teams per inspector, per day when visits carry days, else over the task. */
class LoadBook {
  private readonly total: Int32Array | null;
  private readonly byDay: Map<string, Int32Array> | null;
  private readonly limit: number;

  /** `prior`: teams elsewhere, counted in the per-task total (ignored when visits carry days). */
  constructor(
    private readonly size: number,
    capacity: CapacityRule,
    items: ReadonlyArray<{ day?: string }>,
    prior?: Int32Array,
  ) {
    const withDay = items.filter((x) => x.day !== undefined).length;
    if (withDay > 0 && withDay < items.length) {
      throw new RangeError('give a day for every visit or for none');
    }
    if (withDay > 0) {
      for (const x of items) {
        if (!/^\d{4}-\d{2}-\d{2}$/.test(x.day!))
          throw new RangeError(`visit day ${x.day} is not YYYY-MM-DD`);
      }
      this.byDay = new Map();
      this.total = null;
      this.limit = capacity.perDay;
    } else {
      if (items.length > 0 && capacity.workingDays === undefined) {
        throw new RangeError('capacity.workingDays is required when visits carry no day');
      }
      this.byDay = null;
      this.total = prior ? Int32Array.from(prior) : new Int32Array(size);
      this.limit = capacity.perDay * (capacity.workingDays ?? 1);
    }
  }

  /** Whether inspector i can take one more team (on `day`). */
  hasRoom(i: number, day: string | undefined): boolean {
    return this.counts(day)[i] < this.limit;
  }

  /** Books one team for inspector i. */
  add(i: number, day: string | undefined): void {
    this.counts(day)[i]++;
  }

  /** Releases one team of inspector i. */
  remove(i: number, day: string | undefined): void {
    const c = this.counts(day);
    if (c[i] > 0) c[i]--;
  }

  /** The count array that applies to `day`. */
  private counts(day: string | undefined): Int32Array {
    if (this.total) return this.total;
    let c = this.byDay!.get(day!);
    if (!c) this.byDay!.set(day!, (c = new Int32Array(this.size)));
    return c;
  }
}

/** Indexes (inspector, enterprise) pairs by enterprise; pairs of unknown inspectors are dropped. */
function indexPairs(
  pairs: Iterable<InspectorEnterprisePair> | undefined,
  indexOf: Map<string, number>,
  into: Map<string, Set<number>>,
): void {
  if (!pairs) return;
  for (const { inspectorId, uscc } of pairs) {
    const i = indexOf.get(inspectorId);
    if (i === undefined) continue;
    let set = into.get(uscc);
    if (!set) into.set(uscc, (set = new Set()));
    set.add(i);
  }
}

/** A mask with the first `n` bits set. */
function fullMask(n: number, words: number): Uint32Array {
  const m = new Uint32Array(words);
  for (let k = 0; k < n; k++) m[k >>> 5] |= 1 << (k & 31);
  return m;
}

/** Whether a mask has no bit set. */
function isEmpty(m: Uint32Array): boolean {
  for (let w = 0; w < m.length; w++) if (m[w] !== 0) return false;
  return true;
}

/** Rejects a team minimum below 1. */
function checkMin(n: number, name: string): void {
  if (!Number.isInteger(n) || n < 1)
    throw new RangeError(`${name} must be a positive integer, got ${n}`);
}
