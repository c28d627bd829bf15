/**
 * The coordinated draw: every department samples from one shared permanent random number
 * per enterprise, so the departments' samples overlap as much as their inclusion
 * probabilities allow and each drawn enterprise is visited once by a joint team.
 *
 * Rules (version {@link ALGORITHM_VERSION}):
 * - u(i) = permanentRandom(seed, uscc(i)) (see prn.ts), and with the department's start-point
 *   shift s in [0, 1): u'(i) = u(i) + s, minus 1 if that is >= 1 (IEEE 754 double arithmetic).
 * - Poisson department: i is selected iff u'(i) < p(d, i).
 * - Fixed-size department (sequential Poisson sampling, Ohlsson 1998): among enterprises with
 *   p(d, i) > 0, rank by the key u'(i) / p(d, i) ascending, ties by USCC in ascending code-unit
 *   order, and select the first n. If fewer than n are eligible all are selected and the
 *   shortfall is reported.
 *
 * Why it minimises visits: with one u per enterprise, enterprise i is visited iff
 * u'(i) < max_d p(d, i), so the expected number of visits is sum_i max_d p(d, i), the least any
 * draw with these inclusion probabilities can achieve, while each department's own sample is
 * still exactly a Poisson sample at its own p. Independent draws would need
 * sum_i (1 - prod_d (1 - p(d, i))).
 *
 * Shifts: the same shift for every department in a task keeps this coordination (it only
 * moves where on [0, 1) the samples start). A later task can take a different shift, e.g. the
 * end of the previous task's largest sample, to spread the burden onto enterprises not yet
 * visited this year (negative coordination across tasks). Different shifts for departments of
 * the same task break the overlap and raise the number of visits, so they are rejected unless
 * `allowMixedShifts` is set; the statistics then compute the expected visits exactly from the
 * union of each enterprise's inclusion arcs.
 */
import { ALGORITHM_VERSION } from './version';
import { permanentRandoms } from './prn';

/**
 * The sampling frame in a compact, column-free form suitable for 1,000,000 enterprises ×
 * a handful of departments: one Float64Array of inclusion probabilities, row-major.
 */
export interface DrawFrame {
  /** Enterprise codes (USCC), one per row; must be unique. */
  readonly usccs: readonly string[];
  /** Participating department codes, one per column; must be unique. */
  readonly departments: readonly string[];
  /**
   * Inclusion probabilities p(d, i) in [0, 1] at `p[i * departments.length + d]`; 0 means a
   * rule excludes the enterprise for that department (interval, yearly cap, lists).
   */
  readonly p: Float64Array;
}

/** How one department draws. */
export type DepartmentMode =
  | {
      /** Include enterprise i iff u'(i) < p(d, i): the sample size is random, mean sum p. */
      readonly kind: 'poisson';
      /** Start-point shift in [0, 1); defaults to the draw's `shift`. */
      readonly shift?: number;
    }
  | {
      /** Sequential Poisson sampling of exactly `n` enterprises (or all eligible if fewer). */
      readonly kind: 'fixed';
      /** Sample size: a non-negative integer. */
      readonly n: number;
      /** Start-point shift in [0, 1); defaults to the draw's `shift`. */
      readonly shift?: number;
    };

/** Options of {@link coordinatedDraw}. */
export interface CoordinatedDrawOptions {
  /** The published seed the permanent random numbers derive from. */
  readonly seed: string;
  /** The mode of every department in the frame, keyed by department code. */
  readonly modes: Readonly<Record<string, DepartmentMode>>;
  /** Task-wide start-point shift in [0, 1), default 0: see the module comment. */
  readonly shift?: number;
  /** Accept departments with different shifts (uncoordinated within the task). */
  readonly allowMixedShifts?: boolean;
  /**
   * Precomputed permanent random numbers for the frame's rows under `seed` (for example kept
   * from an earlier task with the same seed). They are trusted: pass only values from
   * {@link permanentRandoms}.
   */
  readonly u?: Float64Array;
}

/** One department's sample and its statistics. */
export interface DepartmentSample {
  /** Department code. */
  readonly department: string;
  /** The mode it was drawn with. */
  readonly mode: DepartmentMode;
  /** The start-point shift actually applied. */
  readonly shift: number;
  /** Frame row indices of the selected enterprises, ascending. */
  readonly selected: Int32Array;
  /** Enterprises with p > 0 (the only ones that can be drawn). */
  readonly eligible: number;
  /** Fixed mode: n minus the number drawn when fewer than n were eligible; else 0. */
  readonly shortfall: number;
  /**
   * Fixed mode: the key u'/p of the n-th ranked enterprise, i.e. the realised scale t such that
   * the sample is {i : u'(i) < t·p(d, i)} up to ties; null in Poisson mode, for n = 0, and
   * when every eligible enterprise is taken.
   */
  readonly threshold: number | null;
  /**
   * Scale c of the effective inclusion probabilities min(1, c·p): 1 in Poisson mode; in fixed
   * mode chosen so they sum to the sample size (Infinity when every eligible one is taken).
   */
  readonly effectiveScale: number;
  /** Expected sample size: sum of the effective inclusion probabilities. */
  readonly expected: number;
  /** Sum of the frame's p for this department (equals `expected` in Poisson mode). */
  readonly nominalExpected: number;
  /** Realised sample size. */
  readonly realised: number;
}

/**
 * The visits: the union of the departments' samples, one per enterprise, in compressed
 * sparse row form so a million-row draw allocates no object per visit.
 */
interface VisitSet {
  /** Number of visits. */
  readonly count: number;
  /** Frame row index of visit k's enterprise, ascending. */
  readonly enterprise: Int32Array;
  /** Visit k's departments are `departments[offsets[k] .. offsets[k + 1])`; length count + 1. */
  readonly offsets: Int32Array;
  /** Department column indices (into `frame.departments`), ascending within a visit. */
  readonly departments: Uint16Array;
}

/** Draw-wide statistics. */
interface DrawStatistics {
  /** Rows in the frame. */
  readonly enterprises: number;
  /** Expected visits of this coordinated draw: sum_i max_d π(d, i) with one shift. */
  readonly expectedVisits: number;
  /** Expected visits had every department drawn independently: sum_i 1 - prod_d (1 - π(d, i)). */
  readonly independentExpectedVisits: number;
  /** Visits actually drawn. */
  readonly realisedVisits: number;
  /** Whether every department used the same shift (full coordination). */
  readonly coordinated: boolean;
  /** Caveats a reader of the statistics must know. */
  readonly notes: readonly string[];
}

/** The result of {@link coordinatedDraw}. */
export interface CoordinatedDrawResult {
  /** The algorithm version the draw was made under. */
  readonly algorithmVersion: string;
  /** The seed. */
  readonly seed: string;
  /** One sample per frame department, in frame column order. */
  readonly samples: readonly DepartmentSample[];
  /** The visits (union of the samples). */
  readonly visits: VisitSet;
  /** Expected and realised counts. */
  readonly statistics: DrawStatistics;
}

/**
 * Runs the coordinated draw over a frame. Pure and deterministic: the same frame, seed and
 * modes give the same result on any machine, whatever the order of rows and columns.
 * 1,000,000 enterprises × 5 departments take 0.3-0.4 s on the development machine, plus
 * 1-1.3 s for the permanent random numbers unless `u` is passed.
 *
 * @throws RangeError on a malformed frame or options (message names the bad value)
 */
export function coordinatedDraw(
  frame: DrawFrame,
  options: CoordinatedDrawOptions,
): CoordinatedDrawResult {
  const { usccs, departments, p } = frame;
  const N = usccs.length;
  const D = departments.length;
  const { modes, shifts } = checkFrame(frame, options);

  const u = options.u ?? permanentRandoms(options.seed, usccs);
  if (u.length !== N) throw new RangeError(`u holds ${u.length} numbers for ${N} enterprises`);
  assertUniqueCodes(usccs, u);

  // Membership matrix (row-major like p) so the union is one pass over rows.
  const member = new Uint8Array(N * D);
  const scratch = new Int32Array(N);
  const samples: DepartmentSample[] = [];
  for (let d = 0; d < D; d++) {
    const mode = modes[d];
    const s = shifts[d];
    const sample =
      mode.kind === 'poisson'
        ? drawPoisson(p, u, N, D, d, s, member, scratch)
        : drawFixed(usccs, p, u, N, D, d, s, mode.n, member, scratch);
    samples.push({ department: departments[d], mode, shift: s, ...sample });
  }

  const visits = buildVisits(member, N, D);
  const coordinated = shifts.every((s) => s === shifts[0]);
  const scales = samples.map((x) => x.effectiveScale);
  const stats = expectations(p, N, D, scales, shifts, coordinated);

  const notes: string[] = [];
  if (modes.some((m) => m.kind === 'fixed')) {
    notes.push(
      'Fixed-size departments enter the expectations with effective inclusion probabilities ' +
        'min(1, c·p), c chosen so they sum to the sample size; sequential Poisson sampling ' +
        'includes enterprises with probabilities close to, not exactly, these.',
    );
  }
  if (!coordinated) {
    notes.push(
      'Departments used different shifts, so their samples are not fully coordinated; ' +
        'expectedVisits is the exact union of their inclusion arcs, above sum max p.',
    );
  }
  for (const x of samples) {
    if (x.shortfall > 0) {
      notes.push(
        `${x.department}: only ${x.eligible} eligible enterprises, ${x.shortfall} short of n`,
      );
    }
  }

  return {
    algorithmVersion: ALGORITHM_VERSION,
    seed: options.seed,
    samples: samples.map((x, d) => ({ ...x, expected: stats.perDepartment[d] })),
    visits,
    statistics: {
      enterprises: N,
      expectedVisits: stats.expectedVisits,
      independentExpectedVisits: stats.independentExpectedVisits,
      realisedVisits: visits.count,
      coordinated,
      notes,
    },
  };
}

/**
 * The visits as plain objects (one allocation per visit: for API responses and tests, not
 * for the million-row path).
 */
export function listVisits(
  frame: DrawFrame,
  result: CoordinatedDrawResult,
): Array<{ uscc: string; departments: string[] }> {
  const { enterprise, offsets, departments, count } = result.visits;
  const out: Array<{ uscc: string; departments: string[] }> = new Array(count);
  for (let k = 0; k < count; k++) {
    const ds: string[] = [];
    for (let j = offsets[k]; j < offsets[k + 1]; j++) ds.push(frame.departments[departments[j]]);
    out[k] = { uscc: frame.usccs[enterprise[k]], departments: ds };
  }
  return out;
}

/** The USCCs of one department's sample, in frame order. */
export function selectedUsccs(frame: DrawFrame, sample: DepartmentSample): string[] {
  return Array.from(sample.selected, (i) => frame.usccs[i]);
}

/** Validates the frame and options; returns modes and shifts per column. */
function checkFrame(
  frame: DrawFrame,
  options: CoordinatedDrawOptions,
): { modes: DepartmentMode[]; shifts: number[] } {
  const { usccs, departments, p } = frame;
  const N = usccs.length;
  const D = departments.length;
  if (typeof options.seed !== 'string' || options.seed.length === 0) {
    throw new RangeError('seed must be a non-empty string');
  }
  if (D === 0) throw new RangeError('the frame has no departments');
  if (D > 0xffff) throw new RangeError(`at most 65535 departments, got ${D}`);
  if (new Set(departments).size !== D) {
    throw new RangeError(`department codes must be unique: ${departments.join(', ')}`);
  }
  if (p.length !== N * D) {
    throw new RangeError(
      `p holds ${p.length} values, expected ${N} enterprises × ${D} departments = ${N * D}`,
    );
  }
  for (let k = 0; k < p.length; k++) {
    const v = p[k];
    // Negated test so NaN fails too.
    if (!(v >= 0 && v <= 1)) {
      const i = Math.floor(k / D);
      throw new RangeError(`p(${departments[k % D]}, ${usccs[i]}) = ${v} is not in [0, 1]`);
    }
  }
  const taskShift = options.shift ?? 0;
  checkShift(taskShift, 'shift');
  const modes: DepartmentMode[] = [];
  const shifts: number[] = [];
  for (const code of departments) {
    const mode = options.modes[code];
    if (!mode) throw new RangeError(`no draw mode for department ${code}`);
    if (mode.kind === 'fixed') {
      if (!Number.isInteger(mode.n) || mode.n < 0) {
        throw new RangeError(
          `${code}: fixed sample size must be a non-negative integer, got ${mode.n}`,
        );
      }
    } else if (mode.kind !== 'poisson') {
      throw new RangeError(`${code}: unknown draw mode ${(mode as { kind: string }).kind}`);
    }
    const s = mode.shift ?? taskShift;
    checkShift(s, `${code}.shift`);
    modes.push(mode);
    shifts.push(s);
  }
  if (!options.allowMixedShifts && shifts.some((s) => s !== shifts[0])) {
    throw new RangeError(
      `departments of one task must share one shift to stay coordinated, got ${departments
        .map((c, d) => `${c}=${shifts[d]}`)
        .join(', ')}; set allowMixedShifts to accept this`,
    );
  }
  for (const code of Object.keys(options.modes)) {
    if (!departments.includes(code))
      throw new RangeError(`mode given for ${code}, which is not in the frame`);
  }
  return { modes, shifts };
}

/**
 * Rejects a frame listing an enterprise twice: it would be drawn and visited twice and would
 * make the tie-break ambiguous. Equal codes have equal permanent random numbers, so sorting
 * the numbers natively (about 0.1 s for a million) finds every candidate pair; only the rare
 * equal numbers are compared as strings. A Set of a million strings costs about 0.5 s.
 */
function assertUniqueCodes(usccs: readonly string[], u: Float64Array): void {
  const sorted = u.slice().sort();
  let repeated: Set<number> | null = null;
  for (let k = 1; k < sorted.length; k++) {
    if (sorted[k] === sorted[k - 1]) (repeated ??= new Set()).add(sorted[k]);
  }
  if (!repeated) return;
  const byValue = new Map<number, Set<string>>();
  for (let i = 0; i < usccs.length; i++) {
    if (!repeated.has(u[i])) continue;
    let codes = byValue.get(u[i]);
    if (!codes) byValue.set(u[i], (codes = new Set()));
    if (codes.has(usccs[i]))
      throw new RangeError(`enterprise ${usccs[i]} appears more than once in the frame`);
    codes.add(usccs[i]);
  }
}

/** Rejects a shift outside [0, 1). */
function checkShift(s: number, name: string): void {
  if (!(s >= 0 && s < 1)) throw new RangeError(`${name} must be in [0, 1), got ${s}`);
}

/** Shifted permanent random number: (u + s) mod 1 without a division. */
function shifted(u: number, s: number): number {
  const v = u + s;
  return v >= 1 ? v - 1 : v;
}

type SampleCore = Omit<DepartmentSample, 'department' | 'mode' | 'shift'>;

/** Poisson sampling of column d: selected iff u' < p. */
function drawPoisson(
  p: Float64Array,
  u: Float64Array,
  N: number,
  D: number,
  d: number,
  s: number,
  member: Uint8Array,
  scratch: Int32Array,
): SampleCore {
  let count = 0;
  let eligible = 0;
  let sum = 0;
  for (let i = 0, k = d; i < N; i++, k += D) {
    const pv = p[k];
    if (pv > 0) {
      eligible++;
      sum += pv;
      if (shifted(u[i], s) < pv) {
        member[k] = 1;
        scratch[count++] = i;
      }
    }
  }
  return {
    selected: scratch.slice(0, count),
    eligible,
    shortfall: 0,
    threshold: null,
    effectiveScale: 1,
    expected: sum,
    nominalExpected: sum,
    realised: count,
  };
}

/** Sequential Poisson sampling of exactly n from column d (or every eligible one if fewer). */
function drawFixed(
  usccs: readonly string[],
  p: Float64Array,
  u: Float64Array,
  N: number,
  D: number,
  d: number,
  s: number,
  n: number,
  member: Uint8Array,
  scratch: Int32Array,
): SampleCore {
  // Eligible rows and their ranking keys, in row order.
  let m = 0;
  let sum = 0;
  const keys = new Float64Array(N);
  for (let i = 0, k = d; i < N; i++, k += D) {
    const pv = p[k];
    if (pv > 0) {
      keys[m] = shifted(u[i], s) / pv;
      scratch[m++] = i;
      sum += pv;
    }
  }
  const take = Math.min(n, m);
  let threshold: number | null = null;
  if (take === m) {
    for (let j = 0; j < m; j++) member[scratch[j] * D + d] = 1;
  } else if (take > 0) {
    // Quickselect on a copy finds the n-th smallest key in O(m); a full sort is not needed.
    const t = kthSmallest(keys.slice(0, m), take - 1);
    threshold = t;
    let below = 0;
    const ties: number[] = [];
    for (let j = 0; j < m; j++) {
      if (keys[j] < t) {
        member[scratch[j] * D + d] = 1;
        below++;
      } else if (keys[j] === t) {
        ties.push(scratch[j]);
      }
    }
    // Equal keys are all but impossible with 53-bit u, but the rule must still be total.
    ties.sort((a, b) => (usccs[a] < usccs[b] ? -1 : usccs[a] > usccs[b] ? 1 : 0));
    for (let j = 0; j < take - below; j++) member[ties[j] * D + d] = 1;
  }
  let count = 0;
  for (let i = 0, k = d; i < N; i++, k += D) if (member[k]) scratch[count++] = i;
  const scale = effectiveScale(p, N, D, d, take, m, sum);
  return {
    selected: scratch.slice(0, count),
    eligible: m,
    shortfall: n - take,
    threshold,
    effectiveScale: scale,
    expected: take,
    nominalExpected: sum,
    realised: count,
  };
}

/**
 * The scale c with sum_i min(1, c·p(d, i)) = target over eligible rows: start from
 * target / sum p and re-solve over the uncapped rows until no further row reaches 1.
 */
function effectiveScale(
  p: Float64Array,
  N: number,
  D: number,
  d: number,
  target: number,
  eligible: number,
  sum: number,
): number {
  if (target === 0) return 0;
  if (target >= eligible) return Infinity;
  let c = target / sum;
  for (let iter = 0; iter < 100; iter++) {
    let capped = 0;
    let rest = 0;
    for (let k = d; k < N * D; k += D) {
      const pv = p[k];
      if (pv <= 0) continue;
      if (c * pv >= 1) capped++;
      else rest += pv;
    }
    const next = (target - capped) / rest;
    if (next === c || Math.abs(next - c) <= 1e-15 * c) return next;
    c = next;
  }
  return c;
}

/** Effective inclusion probability of a frame value under a department's scale. */
function effective(pv: number, c: number): number {
  if (pv <= 0) return 0;
  const x = c * pv;
  return x >= 1 ? 1 : x;
}

/** Expected visits (coordinated and independent) and expected size per department. */
function expectations(
  p: Float64Array,
  N: number,
  D: number,
  scales: number[],
  shifts: number[],
  coordinated: boolean,
): { expectedVisits: number; independentExpectedVisits: number; perDepartment: number[] } {
  const perDepartment = new Array<number>(D).fill(0);
  const pi = new Float64Array(D);
  // Arc scratch for the mixed-shift case: up to two intervals per department.
  const lo = new Float64Array(2 * D);
  const hi = new Float64Array(2 * D);
  let expectedVisits = 0;
  let independent = 0;
  for (let i = 0, k = 0; i < N; i++, k += D) {
    let max = 0;
    let none = 1;
    for (let d = 0; d < D; d++) {
      const e = effective(p[k + d], scales[d]);
      pi[d] = e;
      perDepartment[d] += e;
      if (e > max) max = e;
      none *= 1 - e;
    }
    independent += 1 - none;
    expectedVisits += coordinated ? max : arcUnion(pi, shifts, D, lo, hi);
  }
  return { expectedVisits, independentExpectedVisits: independent, perDepartment };
}

/**
 * Length of the union of the arcs {u : (u + s_d) mod 1 < π_d} on the unit circle, i.e. the
 * probability that at least one department selects the enterprise when shifts differ.
 * Arc d starts at (1 - s_d) mod 1 and has length π_d; wrapping arcs are split in two.
 */
function arcUnion(
  pi: Float64Array,
  shifts: number[],
  D: number,
  lo: Float64Array,
  hi: Float64Array,
): number {
  let m = 0;
  for (let d = 0; d < D; d++) {
    const len = pi[d];
    if (len <= 0) continue;
    if (len >= 1) return 1;
    const start = shifts[d] === 0 ? 0 : 1 - shifts[d];
    const end = start + len;
    if (end <= 1) {
      lo[m] = start;
      hi[m++] = end;
    } else {
      lo[m] = start;
      hi[m++] = 1;
      lo[m] = 0;
      hi[m++] = end - 1;
    }
  }
  // Insertion sort: at most 2D intervals.
  for (let a = 1; a < m; a++) {
    const l = lo[a],
      h = hi[a];
    let b = a - 1;
    while (b >= 0 && lo[b] > l) {
      lo[b + 1] = lo[b];
      hi[b + 1] = hi[b];
      b--;
    }
    lo[b + 1] = l;
    hi[b + 1] = h;
  }
  let total = 0;
  let curLo = -1,
    curHi = -1;
  for (let a = 0; a < m; a++) {
    if (lo[a] > curHi) {
      if (curHi > curLo) total += curHi - curLo;
      curLo = lo[a];
      curHi = hi[a];
    } else if (hi[a] > curHi) {
      curHi = hi[a];
    }
  }
  if (curHi > curLo) total += curHi - curLo;
  return total;
}

/** Builds the CSR visit set from the membership matrix. */
function buildVisits(member: Uint8Array, N: number, D: number): VisitSet {
  let visits = 0;
  let pairs = 0;
  for (let i = 0, k = 0; i < N; i++) {
    let any = 0;
    for (let d = 0; d < D; d++, k++) any += member[k];
    if (any) {
      visits++;
      pairs += any;
    }
  }
  const enterprise = new Int32Array(visits);
  const offsets = new Int32Array(visits + 1);
  const departments = new Uint16Array(pairs);
  let v = 0;
  let j = 0;
  for (let i = 0, k = 0; i < N; i++, k += D) {
    const start = j;
    for (let d = 0; d < D; d++) if (member[k + d]) departments[j++] = d;
    if (j > start) {
      enterprise[v] = i;
      offsets[++v] = j;
    }
  }
  return { count: visits, enterprise, offsets, departments };
}

/** The k-th smallest value (0-based) of `a`, reordering `a`; three-way quickselect. */
function kthSmallest(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (hi > lo) {
    const x = a[lo],
      y = a[(lo + hi) >>> 1],
      z = a[hi];
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let lt = lo,
      i = lo,
      gt = hi;
    while (i <= gt) {
      const v = a[i];
      if (v < pivot) {
        a[i] = a[lt];
        a[lt] = v;
        lt++;
        i++;
      } else if (v > pivot) {
        a[i] = a[gt];
        a[gt] = v;
        gt--;
      } else i++;
    }
    if (k < lt) hi = lt - 1;
    else if (k > gt) lo = gt + 1;
    else return pivot;
  }
  return a[k];
}
