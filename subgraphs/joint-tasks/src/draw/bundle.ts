/**
 * The public verification bundle of a draw (`GET /draws/<id>/bundle.json`) and its offline
 * verifier: everything a citizen needs to re-derive a draw with no database and no login.
 *
 * A bundle holds the frozen parameters, the frame rows (USCC and each department's p), the
 * commitment, the revealed entropy with the beacon's signature, the seed, the sample, the
 * visits and the pseudonymised inputs and teams of the inspector draw. No inspector names, no
 * recusal reasons. {@link verifyBundle} re-derives every digest, the seed, the sample and the
 * teams and names the first thing that does not match.
 *
 * What the bundle alone cannot prove is that its commitment is the one published before the
 * draw: compare `commitment.digest` with the public draw log (publicDrawLog), which shows it
 * from the moment of the commit.
 */
import { roundTime, verifyBeacon, type BeaconChain } from './beacon';
import { coordinatedDraw, type CoordinatedDrawResult, type DrawFrame } from './coordinated';
import { frameDigest, resultDigest } from './digest';
import { assignInspectors, type TeamAssignment } from './inspectors';
import {
  canonicalDigest,
  commitmentDigest,
  deriveSeed,
  matchWitnessSecrets,
  modesOf,
  staffingContextOf,
  type DrawParameters,
  type TeamInputs,
  type WitnessCommitment,
} from './protocol';
import { orderByString } from './string-order';
import { ALGORITHM_VERSION } from './version';

/** The bundle format's name and version. */
const BUNDLE_FORMAT = 'jih-draw-bundle/1';

/** A drawn visit in the bundle: the enterprise, its departments and their (pseudonymised) teams. */
interface BundleVisit {
  readonly uscc: string;
  readonly departments: readonly string[];
  readonly teams: readonly {
    readonly department: string;
    readonly inspectors: readonly string[];
    readonly status: 'STAFFED' | 'UNDERSTAFFED';
  }[];
}

/** The public verification bundle of one draw. */
export interface DrawBundle {
  readonly format: string;
  readonly drawId: string;
  readonly drawnAt: string;
  readonly algorithmVersion: string;
  readonly parameters: DrawParameters;
  readonly commitment: {
    readonly id: string;
    readonly digest: string;
    readonly committedAt: string;
    readonly parametersDigest: string;
    readonly frameDigest: string;
    readonly teamInputsDigest: string;
    readonly witnesses: readonly WitnessCommitment[];
    readonly beacon: { readonly chain: BeaconChain; readonly round: number } | null;
  };
  readonly entropy: {
    readonly witnesses: readonly { readonly name: string; readonly secret: string }[];
    readonly beacon: {
      readonly round: number;
      readonly signature: string;
      readonly randomness: string;
    } | null;
  };
  readonly seed: string;
  /** Frame rows: [uscc, p for each of frame.departments], by USCC. */
  readonly frame: {
    readonly departments: readonly string[];
    readonly rows: readonly (readonly [string, ...number[]])[];
  };
  readonly teamInputs: TeamInputs;
  readonly sample: {
    readonly resultDigest: string;
    readonly departments: Readonly<Record<string, readonly string[]>>;
  };
  readonly visits: readonly BundleVisit[];
}

/** One check the verifier made. */
export interface BundleCheck {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
}

/** The verifier's verdict. */
export interface BundleVerification {
  /** True only when every check passed. */
  readonly ok: boolean;
  readonly checks: BundleCheck[];
  /** The first failed check, in words; null when everything matches. */
  readonly firstMismatch: string | null;
  /** The frame digest of the bundle's rows, when they could be read. */
  readonly recomputedFrameDigest: string | null;
  /** The number of visits the re-run gives, when it got that far. */
  readonly recomputedVisits: number | null;
}

/** What {@link buildBundle} is made from. */
export interface BundleSource {
  readonly drawId: string;
  readonly drawnAt: string;
  readonly parameters: DrawParameters;
  readonly commitment: DrawBundle['commitment'];
  readonly entropy: DrawBundle['entropy'];
  readonly seed: string;
  readonly frame: DrawFrame;
  readonly teamInputs: TeamInputs;
  readonly result: CoordinatedDrawResult;
  /** Teams of the draw with pseudonymised inspector ids; visit ids are the USCCs. */
  readonly teams: readonly TeamAssignment[];
}

/** Assembles the public bundle of a draw. */
export function buildBundle(src: BundleSource): DrawBundle {
  const { frame, result } = src;
  const D = frame.departments.length;
  const rows: [string, ...number[]][] = [];
  for (const i of orderByString(frame.usccs)) {
    const row: [string, ...number[]] = [frame.usccs[i]];
    for (let d = 0; d < D; d++) row.push(frame.p[i * D + d]);
    rows.push(row);
  }
  return {
    format: BUNDLE_FORMAT,
    drawId: src.drawId,
    drawnAt: src.drawnAt,
    algorithmVersion: result.algorithmVersion,
    parameters: src.parameters,
    commitment: src.commitment,
    entropy: src.entropy,
    seed: src.seed,
    frame: { departments: frame.departments, rows },
    teamInputs: src.teamInputs,
    sample: { resultDigest: resultDigest(frame, result), departments: sampleLists(frame, result) },
    visits: visitsOf(frame, result, src.teams),
  };
}

/**
 * Re-derives everything in a bundle and compares: the parameters, frame, team-input and
 * commitment digests, each witness's secret against their commitment, the beacon's BLS
 * signature against the committed chain key, the seed, every department's sample, the visits
 * and every team. Never throws for a malformed bundle: that is a failed check.
 *
 * @param options.trustedChains chains whose public keys the caller trusts; a beacon from any
 *   other key fails (default: only the bundle's committed key, which the caller should compare
 *   with the chain's published key)
 */
export async function verifyBundle(
  bundle: DrawBundle,
  options: { trustedChains?: readonly BeaconChain[] } = {},
): Promise<BundleVerification> {
  const checks: BundleCheck[] = [];
  let recomputedFrameDigest: string | null = null;
  let recomputedVisits: number | null = null;
  // The first failed check ends the verification: what follows depends on what it checked.
  const STOP = new Error('stop');
  const check = (name: string, ok: boolean, detail: string): void => {
    checks.push({ name, ok, detail });
    if (!ok) throw STOP;
  };
  const done = (): BundleVerification => {
    const failed = checks.find((c) => !c.ok);
    return {
      ok: !failed,
      checks,
      firstMismatch: failed ? `${failed.name}: ${failed.detail}` : null,
      recomputedFrameDigest,
      recomputedVisits,
    };
  };
  try {
    check(
      'format',
      bundle?.format === BUNDLE_FORMAT,
      `bundle format ${JSON.stringify(bundle?.format)}, this verifier reads ${BUNDLE_FORMAT}`,
    );
    check(
      'algorithm',
      bundle.algorithmVersion === ALGORITHM_VERSION,
      `algorithm ${bundle.algorithmVersion}, this verifier implements ${ALGORITHM_VERSION}`,
    );
    const c = bundle.commitment;
    const params = bundle.parameters;

    const parametersDigest = canonicalDigest(params);
    check(
      'parameters digest',
      parametersDigest === c.parametersDigest,
      `recomputed ${parametersDigest}, committed ${c.parametersDigest}`,
    );

    const frame = frameOf(bundle);
    const codes = JSON.stringify(params.departments.map((d) => d.code));
    check(
      'frame columns',
      JSON.stringify(frame.departments) === codes,
      `frame columns ${JSON.stringify(frame.departments)}, parameters ${codes}`,
    );
    const modes = modesOf(params);
    const fDigest = frameDigest(frame, {
      modes,
      shift: params.shift,
      algorithmVersion: bundle.algorithmVersion,
    });
    recomputedFrameDigest = fDigest;
    check(
      'frame digest',
      fDigest === c.frameDigest,
      `${frame.usccs.length} rows hash to ${fDigest}, committed ${c.frameDigest}`,
    );

    const tDigest = canonicalDigest(bundle.teamInputs);
    check(
      'team inputs digest',
      tDigest === c.teamInputsDigest,
      `recomputed ${tDigest}, committed ${c.teamInputsDigest}`,
    );
    const ti = bundle.teamInputs;
    const consistent =
      ti.capacity.perDay === params.capacityPerDay &&
      ti.minPerTeam === params.minPerTeam &&
      JSON.stringify(ti.departments.map((d) => d.department)) === codes;
    check(
      'team inputs match parameters',
      consistent,
      'capacity, minimum team size and departments of the team inputs agree with the parameters',
    );

    const beaconPlan = c.beacon
      ? {
          chainHash: c.beacon.chain.chainHash,
          publicKey: c.beacon.chain.publicKey,
          round: c.beacon.round,
        }
      : null;
    const digest = commitmentDigest({
      taskId: params.taskId,
      algorithmVersion: bundle.algorithmVersion,
      parametersDigest: c.parametersDigest,
      frameDigest: c.frameDigest,
      teamInputsDigest: c.teamInputsDigest,
      committedAt: c.committedAt,
      witnesses: c.witnesses,
      beacon: beaconPlan,
    });
    check(
      'commitment digest',
      digest === c.digest,
      `recomputed ${digest}, published ${c.digest} (compare it with the public draw log)`,
    );

    const witnesses = matchWitnessSecrets(c.witnesses, bundle.entropy.witnesses);
    check(
      'witness secrets',
      witnesses.problems.length === 0,
      witnesses.problems.join('; ') || `${c.witnesses.length} secrets match their commitments`,
    );

    let randomness: string | null = null;
    if (c.beacon) {
      const revealed = bundle.entropy.beacon;
      check(
        'beacon round',
        revealed?.round === c.beacon.round,
        `revealed round ${revealed?.round}, committed round ${c.beacon.round}`,
      );
      const committed = c.beacon.chain;
      const trusted = options.trustedChains
        ? options.trustedChains.find((t) => t.publicKey === committed.publicKey)
        : committed;
      check(
        'beacon chain',
        !!trusted &&
          trusted.chainHash === committed.chainHash &&
          trusted.scheme === committed.scheme &&
          trusted.genesisTime === committed.genesisTime &&
          trusted.periodSeconds === committed.periodSeconds,
        trusted
          ? `${committed.name}: chain hash, scheme, genesis and period as the trusted chain publishes them`
          : `public key ${committed.publicKey.slice(0, 16)}… is not a trusted chain's key`,
      );
      const emitted = roundTime(trusted!, c.beacon.round);
      check(
        'beacon timing',
        emitted > Date.parse(c.committedAt),
        `round ${c.beacon.round} was emitted at ${new Date(emitted).toISOString()}, the commitment made at ${c.committedAt}: the round must come after it`,
      );
      const verdict = await verifyBeacon(c.beacon.chain, {
        round: revealed!.round,
        signature: revealed!.signature,
      });
      check(
        'beacon signature',
        verdict.ok,
        verdict.ok ? `round ${revealed!.round} signed by ${c.beacon.chain.name}` : verdict.reason,
      );
      randomness = verdict.ok ? verdict.randomness : null;
      check(
        'beacon randomness',
        randomness === revealed!.randomness,
        `SHA-256 of the signature is ${randomness}, the bundle says ${revealed!.randomness}`,
      );
    } else {
      const none = bundle.entropy.beacon === null;
      check(
        'beacon',
        none,
        none ? 'none committed, none revealed' : 'no beacon was committed, yet one is revealed',
      );
    }

    const seed = deriveSeed(c.digest, {
      witnessSecrets: witnesses.secrets,
      beaconRandomness: randomness,
    });
    check(
      'seed',
      seed === bundle.seed,
      `SHA-256(commitment ‖ entropy) = ${seed}, the bundle says ${bundle.seed}`,
    );

    const result = coordinatedDraw(frame, { seed, modes, shift: params.shift });
    recomputedVisits = result.visits.count;
    const rDigest = resultDigest(frame, result);
    const lists = sampleLists(frame, result);
    const sampleProblems = Object.keys(lists).filter(
      (d) => JSON.stringify(bundle.sample.departments[d] ?? []) !== JSON.stringify(lists[d]),
    );
    check(
      'sample',
      rDigest === bundle.sample.resultDigest &&
        sampleProblems.length === 0 &&
        Object.keys(bundle.sample.departments).length === Object.keys(lists).length,
      sampleProblems.length
        ? `the re-drawn sample of ${sampleProblems.join(', ')} differs from the bundle's`
        : `result digest ${rDigest}, bundle ${bundle.sample.resultDigest}`,
    );

    const teams = assignInspectors(
      staffingContextOf(seed, ti),
      staffingVisits(frame, result),
    ).teams;
    const expected = visitsOf(frame, result, teams);
    const mismatch = firstVisitMismatch(expected, bundle.visits);
    check(
      'visits and teams',
      mismatch === null,
      mismatch ?? `${expected.length} visits and ${teams.length} teams re-derive exactly`,
    );
  } catch (err) {
    if (err !== STOP)
      checks.push({ name: 'bundle', ok: false, detail: `unreadable: ${(err as Error).message}` });
  }
  return done();
}

/** The visits of a draw as the inspector draw takes them: id = USCC, departments by frame column. */
export function staffingVisits(
  frame: DrawFrame,
  result: CoordinatedDrawResult,
): { id: string; uscc: string; departments: string[] }[] {
  const { enterprise, offsets, departments } = result.visits;
  const visits: { id: string; uscc: string; departments: string[] }[] = [];
  for (let k = 0; k < result.visits.count; k++) {
    const ds: string[] = [];
    for (let j = offsets[k]; j < offsets[k + 1]; j++) ds.push(frame.departments[departments[j]]);
    const uscc = frame.usccs[enterprise[k]];
    visits.push({ id: uscc, uscc, departments: ds });
  }
  return visits;
}

/** The frame of a bundle, validated row by row. */
function frameOf(bundle: DrawBundle): DrawFrame {
  const { departments, rows } = bundle.frame;
  const D = departments.length;
  const p = new Float64Array(rows.length * D);
  const usccs: string[] = new Array(rows.length);
  rows.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== D + 1 || typeof row[0] !== 'string')
      throw new Error(`frame row ${i} is not [uscc, ${D} probabilities]`);
    usccs[i] = row[0];
    for (let d = 0; d < D; d++) {
      const v = row[d + 1];
      if (typeof v !== 'number' || !(v >= 0 && v <= 1))
        throw new Error(`frame row ${i} (${row[0]}): p ${v} is not in [0, 1]`);
      p[i * D + d] = v;
    }
  });
  return { usccs, departments, p };
}

/** Each department's sample as a USCC list in code order. */
function sampleLists(frame: DrawFrame, result: CoordinatedDrawResult): Record<string, string[]> {
  const lists: Record<string, string[]> = {};
  for (const s of result.samples) {
    const codes = Array.from(s.selected, (i) => frame.usccs[i]);
    lists[s.department] = Array.from(orderByString(codes), (k) => codes[k]);
  }
  return lists;
}

/** The bundle's visit list: by USCC, teams in the visit's department order. */
function visitsOf(
  frame: DrawFrame,
  result: CoordinatedDrawResult,
  teams: readonly TeamAssignment[],
): BundleVisit[] {
  const teamsOf = new Map<string, BundleVisit['teams'][number][]>();
  for (const t of teams) {
    let list = teamsOf.get(t.uscc);
    if (!list) teamsOf.set(t.uscc, (list = []));
    list.push({ department: t.department, inspectors: [...t.inspectorIds], status: t.status });
  }
  const visits = staffingVisits(frame, result);
  const order = orderByString(visits.map((v) => v.uscc));
  return Array.from(order, (k) => ({
    uscc: visits[k].uscc,
    departments: visits[k].departments,
    teams: teamsOf.get(visits[k].uscc) ?? [],
  }));
}

/** The first difference between re-derived and published visits, in words. */
function firstVisitMismatch(
  expected: readonly BundleVisit[],
  actual: readonly BundleVisit[],
): string | null {
  if (!Array.isArray(actual)) return 'the bundle has no visit list';
  for (let k = 0; k < Math.max(expected.length, actual.length); k++) {
    const e = expected[k];
    const a = actual[k];
    if (!e) return `the bundle lists an extra visit to ${a.uscc}`;
    if (!a || a.uscc !== e.uscc)
      return `the re-run visits ${e.uscc}, the bundle ${a ? `lists ${a.uscc} in its place` : 'ends before it'}`;
    if (JSON.stringify(a.departments) !== JSON.stringify(e.departments))
      return `visit ${e.uscc}: departments ${a.departments.join(',')} in the bundle, ${e.departments.join(',')} re-drawn`;
    for (let j = 0; j < Math.max(e.teams.length, a.teams.length); j++) {
      const et = e.teams[j];
      const at = a.teams[j];
      if (
        !et ||
        !at ||
        et.department !== at.department ||
        et.status !== at.status ||
        JSON.stringify(et.inspectors) !== JSON.stringify(at.inspectors)
      ) {
        return `visit ${e.uscc}: the ${(et ?? at).department} team is ${at ? `${at.inspectors.join(',')} (${at.status})` : 'missing'} in the bundle, ${et ? `${et.inspectors.join(',')} (${et.status})` : 'none'} re-drawn`;
      }
    }
  }
  return null;
}
