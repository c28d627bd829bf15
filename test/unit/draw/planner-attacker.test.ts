/**
 * The planner as attacker. The lead planner knows the algorithm and chooses everything it may
 * choose: the ratios, the shift (start point), the fixed sample size, the set of departments, the
 * title, the order of the witnesses, and the secrets of its own colluding witnesses, which it may
 * pick adaptively after seeing everything else in the commitment (the honest witness's SHA-256
 * included). What it cannot know at commit time is one honest witness's secret (crypto.randomBytes).
 *
 * Over many simulated draws (the honest secret fresh each time), a target enterprise's inclusion
 * rate in each department must match its design inclusion probability (p in a Poisson department,
 * n/m in a fixed-size department whose m eligible enterprises share one p) within ±5 binomial
 * standard deviations, whatever the planner chose and however it ground its choices before the
 * commit. The last block shows the limit of the guarantee: with every witness colluding and no
 * beacon the seed is known before the commit and grinding steers the draw at will; a beacon round
 * (or one honest witness) is what takes that away.
 *
 * Every draw runs the real engine (coordinatedDraw) on a 300-enterprise frame with the seed the
 * protocol derives (deriveSeed over commitmentDigest).
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  coordinatedDraw,
  type DepartmentMode,
  type DrawFrame,
} from '@jih/subgraphs/joint-tasks/src/draw/coordinated';
import { frameDigest } from '@jih/subgraphs/joint-tasks/src/draw/digest';
import { permanentRandom } from '@jih/subgraphs/joint-tasks/src/draw/prn';
import {
  canonicalDigest,
  commitmentDigest,
  deriveSeed,
  modesOf,
  witnessCommitmentOf,
  type BeaconPlan,
  type CommitmentContent,
  type DrawParameters,
  type WitnessCommitment,
} from '@jih/subgraphs/joint-tasks/src/draw/protocol';
import { ALGORITHM_VERSION } from '@jih/subgraphs/joint-tasks/src/draw/version';
import { testRandom } from './fixtures';

const N = 300;
const USCCS = Array.from(
  { length: N },
  (_, i) => `91360000${String(1_000_003 * i + 77).padStart(10, '0')}`,
);
/** The enterprise the planner wants to steer (say, a friend it would rather nobody visited). */
const TARGET = 137;
/** Simulated draws per parameter choice. */
const DRAWS = 4000;
/** Candidates the planner grinds through before committing. */
const GRIND = 50;
const COMMITTED_AT = '2026-12-03T08:00:00.000Z';
const TEAM_INPUTS_DIGEST = canonicalDigest({
  inspectors: [],
  departments: [],
  recusals: [],
  rotation: [],
  priorLoad: [],
  capacity: { perDay: 2, workingDays: 10 },
  minPerTeam: 2,
});

/** Market's risk weights: 0 (excluded by a rule), 0.5, 1 or 2; the target's is 1. */
const marketWeight = (() => {
  const rnd = testRandom(4242);
  const w = Array.from({ length: N }, () => [0, 0.5, 1, 2][Math.floor(rnd() * 4)]);
  w[TARGET] = 1;
  return w;
})();
const taxEligible = (i: number) => i % 5 !== 0;
const ecologyEligible = (i: number) => i % 4 !== 0;
const ECOLOGY_P = 0.2;
const ECOLOGY_ELIGIBLE = USCCS.filter((_, i) => ecologyEligible(i)).length;

/** What the planner may choose. */
interface Choice {
  readonly title: string;
  readonly shift: number;
  /** Participating departments, by code. */
  readonly departments: readonly ('ecology' | 'market' | 'tax')[];
  readonly marketRatio: number;
  readonly taxRatio: number;
  readonly ecologySampleSize: number;
}

/** A committable task: frame, parameters and their digests, and the target's design probabilities. */
interface Task {
  readonly choice: Choice;
  readonly frame: DrawFrame;
  readonly parameters: DrawParameters;
  readonly modes: Record<string, DepartmentMode>;
  readonly parametersDigest: string;
  readonly frameDigest: string;
  /** The target's inclusion probability in each department, by design. */
  readonly design: Record<string, number>;
}

function task(choice: Choice): Task {
  const departments = [...choice.departments].sort();
  const D = departments.length;
  const p = new Float64Array(N * D);
  const pOf = (d: string, i: number) =>
    d === 'market'
      ? Math.min(1, choice.marketRatio * marketWeight[i])
      : d === 'tax'
        ? taxEligible(i)
          ? choice.taxRatio
          : 0
        : ecologyEligible(i)
          ? ECOLOGY_P
          : 0;
  for (let i = 0; i < N; i++)
    departments.forEach((d, j) => {
      p[i * D + j] = pOf(d, i);
    });
  const parameters: DrawParameters = {
    taskId: 'b6a1f0de-2f6e-4c4e-9a0b-5d2d1c3e4f50',
    title: choice.title,
    leadDepartment: departments.includes('market') ? 'market' : departments[0],
    windowStart: '2026-12-07',
    windowEnd: '2026-12-25',
    scope: { divisions: ['361130'] },
    departments: departments.map((code) => ({
      code,
      checkItems: [`${code.toUpperCase()}-01`],
      ratio: code === 'market' ? choice.marketRatio : code === 'tax' ? choice.taxRatio : null,
      sampleSize: code === 'ecology' ? choice.ecologySampleSize : null,
      riskWeighted: code === 'market',
      pool: 'WHOLE' as const,
    })),
    shift: choice.shift,
    minPerTeam: 2,
    capacityPerDay: 2,
    backfillReason: null,
  };
  const modes = modesOf(parameters);
  const frame: DrawFrame = { usccs: USCCS, departments, p };
  const design: Record<string, number> = {};
  for (const d of departments)
    design[d] = d === 'ecology' ? choice.ecologySampleSize / ECOLOGY_ELIGIBLE : pOf(d, TARGET);
  return {
    choice,
    frame,
    parameters,
    modes,
    design,
    parametersDigest: canonicalDigest(parameters),
    frameDigest: frameDigest(frame, { modes, shift: choice.shift }),
  };
}

function content(
  t: Task,
  witnesses: readonly WitnessCommitment[],
  beacon: BeaconPlan | null = null,
): CommitmentContent {
  return {
    taskId: t.parameters.taskId,
    algorithmVersion: ALGORITHM_VERSION,
    parametersDigest: t.parametersDigest,
    frameDigest: t.frameDigest,
    teamInputsDigest: TEAM_INPUTS_DIGEST,
    committedAt: COMMITTED_AT,
    witnesses,
    beacon,
  };
}

/** Whether the real draw under `seed` includes the target, per department. */
function drawTarget(t: Task, seed: string): Record<string, boolean> {
  const result = coordinatedDraw(t.frame, { seed, modes: t.modes, shift: t.choice.shift });
  return Object.fromEntries(result.samples.map((s) => [s.department, s.selected.includes(TARGET)]));
}

/** The target's shifted permanent random number under a seed: what decides its Poisson inclusion. */
function targetU(seed: string, shift: number): number {
  const v = permanentRandom(seed, USCCS[TARGET]) + shift;
  return v >= 1 ? v - 1 : v;
}

/** Tallies inclusions per department and checks each rate against the design within ±5σ. */
class Tally {
  private readonly hits: Record<string, number> = {};
  private n = 0;
  constructor(private readonly design: Record<string, number>) {
    for (const d of Object.keys(design)) this.hits[d] = 0;
  }
  add(included: Record<string, boolean>): void {
    this.n++;
    for (const d of Object.keys(this.design)) if (included[d]) this.hits[d]++;
  }
  /** z-score of each department's count against Binomial(n, design). */
  z(): Record<string, number> {
    return Object.fromEntries(
      Object.entries(this.design).map(([d, p]) => [
        d,
        (this.hits[d] - this.n * p) / Math.sqrt(this.n * p * (1 - p)),
      ]),
    );
  }
  rate(d: string): number {
    return this.hits[d] / this.n;
  }
  expectWithinFiveSigma(): void {
    const z = this.z();
    for (const [d, v] of Object.entries(z)) {
      if (!(Math.abs(v) < 5))
        throw new Error(
          `${d}: ${this.hits[d]} of ${this.n} draws include the target (rate ${this.rate(d)}), design ${this.design[d]}, z = ${v.toFixed(2)}`,
        );
    }
  }
}

const honestWitness = () => {
  const secret = randomBytes(32).toString('hex');
  return {
    secret,
    commitment: {
      name: '王芳',
      role: '纪检监察 observer',
      commitment: witnessCommitmentOf(secret),
    },
  };
};

describe('the planner as attacker, with one honest witness', () => {
  it("cannot move the target's inclusion rate in any department away from its design probability, whatever parameters it picks", () => {
    const choices: (Choice & { plannerFirst: boolean })[] = [
      {
        title: '2026年第四季度联合抽查',
        shift: 0,
        departments: ['ecology', 'market', 'tax'],
        marketRatio: 0.3,
        taxRatio: 0.05,
        ecologySampleSize: 30,
        plannerFirst: true,
      },
      {
        title: 'Q4 joint inspection (revised)',
        shift: 0.75,
        departments: ['market', 'ecology'],
        marketRatio: 0.1,
        taxRatio: 0,
        ecologySampleSize: 60,
        plannerFirst: false,
      },
      {
        title: '专项检查',
        shift: 0.9990234375,
        departments: ['tax', 'market'],
        marketRatio: 0.5,
        taxRatio: 0.2,
        ecologySampleSize: 0,
        plannerFirst: true,
      },
    ];
    for (const c of choices) {
      const t = task(c);
      const tally = new Tally(t.design);
      for (let k = 0; k < DRAWS; k++) {
        const honest = honestWitness();
        const planner = {
          name: 'Planner Li',
          role: 'enterprise representative',
          secret: `planner-${c.title}-${k}`,
        };
        const plannerCommitment = {
          name: planner.name,
          role: planner.role,
          commitment: witnessCommitmentOf(planner.secret),
        };
        const witnesses = c.plannerFirst
          ? [plannerCommitment, honest.commitment]
          : [honest.commitment, plannerCommitment];
        const secrets = c.plannerFirst
          ? [planner.secret, honest.secret]
          : [honest.secret, planner.secret];
        const seed = deriveSeed(commitmentDigest(content(t, witnesses)), {
          witnessSecrets: secrets,
          beaconRandomness: null,
        });
        tally.add(drawTarget(t, seed));
      }
      tally.expectWithinFiveSigma();
    }
  });

  it("cannot move it by choosing its two colluding witnesses' secrets adaptively before the commit", () => {
    const t = task({
      title: '联合抽查（第二批）',
      shift: 0.5,
      departments: ['ecology', 'market', 'tax'],
      marketRatio: 0.25,
      taxRatio: 0.1,
      ecologySampleSize: 45,
    });
    const tally = new Tally(t.design);
    let predicted = 0;
    for (let k = 0; k < DRAWS; k++) {
      const honest = honestWitness();
      // The planner sees the honest witness's SHA-256, tries 20 secret pairs for its own two
      // witnesses and keeps the pair whose seed, were the honest secret empty, would put the
      // target furthest from inclusion: its best guess without the honest secret.
      let best: { secrets: string[]; witnesses: WitnessCommitment[]; score: number } | null = null;
      for (let j = 0; j < 20; j++) {
        const s1 = `colluder-a-${k}-${j}`;
        const s2 = `colluder-b-${k}-${j}`;
        const witnesses = [
          { name: 'Colluder A', role: 'notary', commitment: witnessCommitmentOf(s1) },
          honest.commitment,
          { name: 'Colluder B', role: 'citizen observer', commitment: witnessCommitmentOf(s2) },
        ];
        const guess = deriveSeed(commitmentDigest(content(t, witnesses)), {
          witnessSecrets: [s1, '', s2],
          beaconRandomness: null,
        });
        const score = targetU(guess, 0.5);
        if (!best || score > best.score)
          best = { secrets: [s1, honest.secret, s2], witnesses, score };
      }
      predicted += best!.score;
      const seed = deriveSeed(commitmentDigest(content(t, best!.witnesses)), {
        witnessSecrets: best!.secrets,
        beaconRandomness: null,
      });
      tally.add(drawTarget(t, seed));
    }
    // The grinding did what it aimed at in the planner's own model (the best of 20 uniforms
    // averages 20/21), and yet the real draw is untouched.
    expect(predicted / DRAWS).toBeGreaterThan(0.93);
    tally.expectWithinFiveSigma();
  });

  it(`cannot move it by grinding ${GRIND} shifts and titles before the commit and keeping the digest that looks best`, () => {
    // Candidates differ in shift and title (so in parameters and frame digest); the target's
    // design probabilities are the same under every shift.
    const candidates = Array.from({ length: GRIND }, (_, j) =>
      task({
        title: `2026年第四季度联合抽查（第${j + 1}稿）`,
        shift: j / GRIND,
        departments: ['ecology', 'market', 'tax'],
        marketRatio: 0.3,
        taxRatio: 0.05,
        ecologySampleSize: 30,
      }),
    );
    const tally = new Tally(candidates[0].design);
    let predicted = 0;
    for (let k = 0; k < DRAWS; k++) {
      const honest = honestWitness();
      const plannerSecret = `planner-${k}`;
      const witnesses = [
        { name: 'Planner Li', role: 'notary', commitment: witnessCommitmentOf(plannerSecret) },
        honest.commitment,
      ];
      // Rule: treat the commitment digest as if it were the seed and keep the candidate that puts
      // the target's shifted number highest (least likely to be drawn anywhere).
      let best = candidates[0];
      let bestScore = -1;
      for (const c of candidates) {
        const score = targetU(commitmentDigest(content(c, witnesses)), c.choice.shift);
        if (score > bestScore) {
          best = c;
          bestScore = score;
        }
      }
      predicted += bestScore;
      const seed = deriveSeed(commitmentDigest(content(best, witnesses)), {
        witnessSecrets: [plannerSecret, honest.secret],
        beaconRandomness: null,
      });
      tally.add(drawTarget(best, seed));
    }
    expect(predicted / DRAWS).toBeGreaterThan(0.95);
    tally.expectWithinFiveSigma();
  });
});

describe('the limit of the guarantee: every witness colludes', () => {
  const t = task({
    title: '2026年第四季度联合抽查',
    shift: 0.25,
    departments: ['ecology', 'market', 'tax'],
    marketRatio: 0.3,
    taxRatio: 0.05,
    ecologySampleSize: 30,
  });
  const colluders = (k: number) => {
    const secrets = [`colluder-a-${k}`, `colluder-b-${k}`];
    return {
      secrets,
      witnesses: secrets.map((s, j) => ({
        name: `Colluder ${j + 1}`,
        role: 'notary',
        commitment: witnessCommitmentOf(s),
      })),
    };
  };

  it('lets the planner compute the seed, and so the whole sample, before it commits', () => {
    const { secrets, witnesses } = colluders(0);
    const c = content(t, witnesses);
    // Before the commit: the planner holds every secret, so it knows the seed already.
    const foreseen = deriveSeed(commitmentDigest(c), {
      witnessSecrets: secrets,
      beaconRandomness: null,
    });
    const foreseenSample = coordinatedDraw(t.frame, {
      seed: foreseen,
      modes: t.modes,
      shift: 0.25,
    });
    // After the reveal: the seed and sample anybody derives are exactly the foreseen ones.
    const revealed = createHash('sha256')
      .update(Buffer.from(commitmentDigest(c), 'hex'))
      .update(
        Buffer.concat(
          secrets.flatMap((s) => {
            const b = Buffer.from(s);
            const l = Buffer.alloc(4);
            l.writeUInt32BE(b.length);
            return [l, b];
          }),
        ),
      )
      .digest('hex');
    expect(revealed).toBe(foreseen);
    const drawn = coordinatedDraw(t.frame, { seed: revealed, modes: t.modes, shift: 0.25 });
    expect(drawn.samples.map((s) => Array.from(s.selected))).toEqual(
      foreseenSample.samples.map((s) => Array.from(s.selected)),
    );
  });

  it(`lets the planner keep its target out of every department by grinding ${GRIND} titles: the rates collapse far beyond chance`, () => {
    const titles = Array.from({ length: GRIND }, (_, j) =>
      task({ ...t.choice, title: `联合抽查（第${j + 1}稿）` }),
    );
    const tasks = 1000;
    const tally = new Tally(t.design);
    let visited = 0;
    for (let k = 0; k < tasks; k++) {
      const { secrets, witnesses } = colluders(k);
      // The planner tries titles until the foreseen draw leaves the target out everywhere.
      let chosen = titles[0];
      for (const c of titles) {
        chosen = c;
        const foreseen = drawTarget(
          c,
          deriveSeed(commitmentDigest(content(c, witnesses)), {
            witnessSecrets: secrets,
            beaconRandomness: null,
          }),
        );
        if (!Object.values(foreseen).some(Boolean)) break;
      }
      const included = drawTarget(
        chosen,
        deriveSeed(commitmentDigest(content(chosen, witnesses)), {
          witnessSecrets: secrets,
          beaconRandomness: null,
        }),
      );
      tally.add(included);
      if (Object.values(included).some(Boolean)) visited++;
    }
    // By design the target is drawn by market 30% of the time; here essentially never.
    expect(visited).toBeLessThanOrEqual(1);
    const z = tally.z();
    expect(z.market).toBeLessThan(-5);
    expect(z.ecology).toBeLessThan(-5);
    expect(z.tax).toBeLessThan(-5);
    expect(tally.rate('market')).toBeLessThan(0.01);
  });

  it('is restored by a beacon round the planner cannot know at commit time, grinding or not', () => {
    const candidates = Array.from({ length: GRIND }, (_, j) =>
      task({ ...t.choice, title: `联合抽查（第${j + 1}稿）`, shift: j / GRIND }),
    );
    const beacon: BeaconPlan = {
      chainHash: '52db9ba70e0cc0f6eaf7803dd07447a1f5477735fd3f661792ba94600c84e971',
      publicKey: 'ab'.repeat(96),
      round: 25_000_000,
    };
    const draws = 2000;
    const tally = new Tally(t.design);
    for (let k = 0; k < draws; k++) {
      const { secrets, witnesses } = colluders(k);
      // Same grinding rule as above, now on the only thing computable before the round: the
      // seed with the beacon's randomness left out.
      let best = candidates[0];
      let bestScore = -1;
      for (const c of candidates) {
        const guess = deriveSeed(commitmentDigest(content(c, witnesses, beacon)), {
          witnessSecrets: secrets,
          beaconRandomness: null,
        });
        const score = targetU(guess, c.choice.shift);
        if (score > bestScore) {
          best = c;
          bestScore = score;
        }
      }
      // The round's randomness (SHA-256 of a BLS signature nobody can make before the round) is
      // modelled as 32 fresh random bytes.
      const randomness = randomBytes(32).toString('hex');
      const seed = deriveSeed(commitmentDigest(content(best, witnesses, beacon)), {
        witnessSecrets: secrets,
        beaconRandomness: randomness,
      });
      tally.add(drawTarget(best, seed));
    }
    tally.expectWithinFiveSigma();
  });
});
