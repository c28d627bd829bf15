/**
 * The public verification bundle, end to end and in memory: a realistic draw is committed
 * (parameters, frame, pseudonymised team inputs, two witnesses and a beacon round of a test drand
 * chain), revealed, drawn and bundled exactly as the draw service does it, then verified; then
 * every kind of tampering is shown to fail at the check that owns it; then the offline CLI is run
 * on bundles written to disk.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateEnterprise } from '@jih/demo-data/generator';
import {
  firstRoundAfter,
  roundTime,
  type BeaconChain,
} from '@jih/subgraphs/joint-tasks/src/draw/beacon';
import {
  buildBundle,
  staffingVisits,
  verifyBundle,
  type BundleVerification,
  type DrawBundle,
} from '@jih/subgraphs/joint-tasks/src/draw/bundle';
import { coordinatedDraw, type DrawFrame } from '@jih/subgraphs/joint-tasks/src/draw/coordinated';
import { frameDigest } from '@jih/subgraphs/joint-tasks/src/draw/digest';
import { assignInspectors } from '@jih/subgraphs/joint-tasks/src/draw/inspectors';
import {
  canonicalDigest,
  commitmentDigest,
  deriveSeed,
  modesOf,
  pseudonymOf,
  staffingContextOf,
  type DrawParameters,
  type TeamInputs,
} from '@jih/subgraphs/joint-tasks/src/draw/protocol';
import { ALGORITHM_VERSION } from '@jih/subgraphs/joint-tasks/src/draw/version';
import { runVerifyDraw, TestBeaconChain, witnesses } from '../../support/draw-protocol';
import { testRandom } from './fixtures';

const N = 2000;
const DEPARTMENTS = ['ecology', 'emergency', 'market'] as const;
const ECOLOGY_SAMPLE_SIZE = 60;

/** Every check of a fully verified beacon bundle, in the verifier's order. */
const ALL_CHECKS = [
  'format',
  'algorithm',
  'parameters digest',
  'frame columns',
  'frame digest',
  'team inputs digest',
  'team inputs match parameters',
  'commitment digest',
  'witness secrets',
  'beacon round',
  'beacon chain',
  'beacon timing',
  'beacon signature',
  'beacon randomness',
  'seed',
  'sample',
  'visits and teams',
];

/**
 * The frame: 2,000 generated enterprises (real USCCs) × ecology (fixed size 60, risk-weighted
 * p, a third excluded), emergency (Poisson, mostly excluded, a few certain) and market (Poisson,
 * p between 0.02 and 0.3, a fifth excluded).
 */
function buildFrame(): DrawFrame {
  const rnd = testRandom(20261203);
  const usccs = Array.from({ length: N }, (_, i) => generateEnterprise(i, 'bundle-test').uscc);
  const D = DEPARTMENTS.length;
  const p = new Float64Array(N * D);
  for (let i = 0; i < N; i++) {
    p[i * D + 0] = rnd() < 0.33 ? 0 : 0.01 + 0.09 * rnd();
    const e = rnd();
    p[i * D + 1] = e < 0.7 ? 0 : e < 0.99 ? 0.15 : 1;
    p[i * D + 2] = rnd() < 0.2 ? 0 : 0.02 + 0.28 * rnd();
  }
  return { usccs, departments: [...DEPARTMENTS], p };
}

function buildParameters(shift = 0.3125): DrawParameters {
  return {
    taskId: '7c0c6f3e-5a7e-4d0c-9a51-2b9e3f1d0a42',
    title: '2026年第四季度婺源县“双随机、一公开”联合抽查',
    leadDepartment: 'market',
    windowStart: '2026-12-07',
    windowEnd: '2026-12-25',
    scope: { divisions: ['361130'], industries: [], types: [], tags: ['food'] },
    departments: [
      {
        code: 'ecology',
        checkItems: ['ECO-01', 'ECO-04'],
        ratio: null,
        sampleSize: ECOLOGY_SAMPLE_SIZE,
        riskWeighted: true,
        pool: 'WHOLE',
      },
      {
        code: 'emergency',
        checkItems: ['EM-02'],
        ratio: 0.15,
        sampleSize: null,
        riskWeighted: false,
        pool: 'WHOLE',
      },
      {
        code: 'market',
        checkItems: ['MKT-01', 'MKT-07'],
        ratio: 0.1,
        sampleSize: null,
        riskWeighted: true,
        pool: 'SUB_POOL',
      },
    ],
    shift,
    minPerTeam: 2,
    capacityPerDay: 2,
    backfillReason: null,
  };
}

/**
 * Team inputs as the commit service freezes them: 36 inspectors per department under
 * per-commitment pseudonyms, required expertise, market drawing from a sub-pool of 30, and
 * recusals, rotation pairs and prior load against enterprises of the frame.
 */
function buildTeamInputs(frame: DrawFrame): TeamInputs {
  const key = Buffer.alloc(32, 0x5a);
  const rnd = testRandom(77);
  const tags: Record<string, string[]> = {
    ecology: ['waste-water', 'emissions'],
    emergency: ['hazchem', 'mining'],
    market: ['food', 'drug', 'metrology'],
  };
  const inspectors: { id: string; department: string; active: boolean; expertise: string[] }[] = [];
  for (const d of DEPARTMENTS) {
    for (let k = 0; k < 36; k++) {
      const own = tags[d].filter(() => rnd() < 0.6);
      inspectors.push({
        id: pseudonymOf(key, `${d}-inspector-${k}`),
        department: d,
        active: k % 17 !== 5,
        expertise: own.length ? own : [tags[d][k % tags[d].length]],
      });
    }
  }
  const ofDepartment = (d: string) => inspectors.filter((x) => x.department === d).map((x) => x.id);
  const pairs = (n: number): [string, string][] => {
    const out: [string, string][] = [];
    for (let k = 0; k < n; k++)
      out.push([
        inspectors[Math.floor(rnd() * inspectors.length)].id,
        frame.usccs[Math.floor(rnd() * frame.usccs.length)],
      ]);
    return out.sort((a, b) => (a[0] + a[1] < b[0] + b[1] ? -1 : 1));
  };
  // Every emergency inspector but one has declared a conflict with the first enterprise emergency
  // must visit (p = 1): its team is understaffed whatever the seed.
  const certain = frame.usccs[certainEmergency(frame)];
  const recusals = [
    ...pairs(400),
    ...ofDepartment('emergency')
      .slice(1)
      .map((id) => [id, certain] as [string, string]),
  ];
  return {
    inspectors,
    departments: [
      {
        department: 'ecology',
        requiredExpertise: ['emissions', 'waste-water'],
        pool: { kind: 'whole' },
      },
      { department: 'emergency', requiredExpertise: ['hazchem'], pool: { kind: 'whole' } },
      {
        department: 'market',
        requiredExpertise: ['drug', 'food'],
        pool: { kind: 'subPool', inspectorIds: ofDepartment('market').slice(0, 30) },
      },
    ],
    recusals,
    rotation: pairs(600),
    priorLoad: inspectors
      .filter((_, k) => k % 5 === 0)
      .map((x, k) => [x.id, 1 + (k % 6)] as [string, number]),
    capacity: { perDay: 2, workingDays: 14 },
    minPerTeam: 2,
  };
}

/** The first frame row that emergency draws with certainty. */
function certainEmergency(f: DrawFrame): number {
  return Array.from(f.usccs.keys()).find((i) => f.p[i * DEPARTMENTS.length + 1] === 1)!;
}

const sha256Hex = (hex: string) =>
  createHash('sha256').update(Buffer.from(hex, 'hex')).digest('hex');

/** Everything fixed before the commit, shared by the honest bundle and the forged ones. */
const frame = buildFrame();
const teamInputs = buildTeamInputs(frame);
const entropyPlan = witnesses(2);
const chain = new TestBeaconChain();
const committedAt = new Date(Date.now() - 600_000);
const ROUND = firstRoundAfter(chain.chain, committedAt.getTime()) + 30;
const round = ROUND;

/** Commits, reveals, draws and bundles as the draw service does, under a given chain and parameters. */
function makeBundle(
  signer: TestBeaconChain = chain,
  parameters: DrawParameters = buildParameters(),
  options: { roundBeforeCommit?: boolean } = {},
): DrawBundle {
  const modes = modesOf(parameters);
  const round = options.roundBeforeCommit
    ? firstRoundAfter(signer.chain, committedAt.getTime()) - 200
    : ROUND;
  const plan = { chain: signer.chain, round };
  const c = {
    taskId: parameters.taskId,
    algorithmVersion: ALGORITHM_VERSION,
    parametersDigest: canonicalDigest(parameters),
    frameDigest: frameDigest(frame, { modes, shift: parameters.shift }),
    teamInputsDigest: canonicalDigest(teamInputs),
    committedAt: committedAt.toISOString(),
    witnesses: entropyPlan.commitments,
    beacon: { chainHash: plan.chain.chainHash, publicKey: plan.chain.publicKey, round },
  };
  const digest = commitmentDigest(c);
  const signature = signer.sign(round);
  const randomness = sha256Hex(signature);
  const seed = deriveSeed(digest, {
    witnessSecrets: entropyPlan.secrets.map((s) => s.secret),
    beaconRandomness: randomness,
  });
  const result = coordinatedDraw(frame, { seed, modes, shift: parameters.shift });
  const { teams } = assignInspectors(
    staffingContextOf(seed, teamInputs),
    staffingVisits(frame, result),
  );
  return buildBundle({
    drawId: '0b9f4e1a-3c55-4f7e-8d0e-6a3c2b1d9e77',
    drawnAt: new Date(roundTime(chain.chain, round) + 5_000).toISOString(),
    parameters,
    commitment: {
      id: 'c1d2e3f4-0000-4000-8000-000000000001',
      digest,
      committedAt: c.committedAt,
      parametersDigest: c.parametersDigest,
      frameDigest: c.frameDigest,
      teamInputsDigest: c.teamInputsDigest,
      witnesses: c.witnesses,
      beacon: plan,
    },
    // Revealed in another order than committed: the verifier matches them by name.
    entropy: {
      witnesses: [...entropyPlan.secrets].reverse(),
      beacon: { round, signature, randomness },
    },
    seed,
    frame,
    teamInputs,
    result,
    teams,
  });
}

const bundle = makeBundle();
const trusted: { trustedChains: BeaconChain[] } = { trustedChains: [chain.chain] };

/** A deep copy, as a citizen's JSON parser would see the bundle. */
const copy = (b: DrawBundle = bundle): any => JSON.parse(JSON.stringify(b));

/** Verifies a tampered copy and checks that it fails first at `check`, every earlier check passing. */
async function expectFirstMismatch(
  tamper: (b: any) => void,
  check: string,
  options = trusted,
): Promise<BundleVerification> {
  const b = copy();
  tamper(b);
  const verdict = await verifyBundle(b, options);
  expect(verdict.ok).toBe(false);
  expect(verdict.firstMismatch).toMatch(new RegExp(`^${check}: `));
  const failed = verdict.checks.findIndex((c) => !c.ok);
  expect(verdict.checks[failed].name).toBe(check);
  expect(verdict.checks.slice(0, failed).every((c) => c.ok)).toBe(true);
  expect(verdict.checks.map((c) => c.name)).toEqual(ALL_CHECKS.slice(0, failed + 1));
  return verdict;
}

describe('a realistic draw bundle', () => {
  it('is drawn from a varied frame: exclusions, a certain enterprise, a fixed-size department, teams of pseudonyms with one understaffed', () => {
    expect(bundle.frame.rows).toHaveLength(N);
    expect(bundle.frame.departments).toEqual(['ecology', 'emergency', 'market']);
    for (let d = 1; d <= 3; d++)
      expect(bundle.frame.rows.filter((r) => r[d] === 0).length).toBeGreaterThan(200);
    expect(bundle.frame.rows.some((r) => r[2] === 1)).toBe(true);
    expect(bundle.sample.departments.ecology).toHaveLength(ECOLOGY_SAMPLE_SIZE);
    expect(bundle.sample.departments.emergency.length).toBeGreaterThan(50);
    expect(bundle.sample.departments.market.length).toBeGreaterThan(150);
    // Coordination: fewer visits than the departments' samples added up.
    const samples = Object.values(bundle.sample.departments).reduce((n, s) => n + s.length, 0);
    expect(bundle.visits.length).toBeLessThan(samples);
    const teams = bundle.visits.flatMap((v) => v.teams);
    expect(teams).toHaveLength(samples);
    expect(teams.filter((t) => t.status === 'STAFFED').length).toBeGreaterThan(0.9 * teams.length);
    const conflicted = bundle.visits.find((v) => v.uscc === frame.usccs[certainEmergency(frame)])!;
    const short = conflicted.teams.find((t) => t.department === 'emergency')!;
    expect(short.status).toBe('UNDERSTAFFED');
    expect(short.inspectors.length).toBeLessThan(2);
    // The bundle holds pseudonyms only: no inspector id of the directory appears anywhere in it.
    expect(JSON.stringify(bundle)).not.toMatch(/inspector-\d/);
    for (const t of teams) for (const id of t.inspectors) expect(id).toMatch(/^P[0-9a-f]{16}$/);
  });

  it('verifies with every check passing, including the beacon under the trusted test chain', async () => {
    const verdict = await verifyBundle(copy(), trusted);
    expect(verdict.firstMismatch).toBeNull();
    expect(verdict.ok).toBe(true);
    expect(verdict.checks.map((c) => c.name)).toEqual(ALL_CHECKS);
    for (const c of verdict.checks) expect(c).toMatchObject({ ok: true });
    expect(verdict.recomputedFrameDigest).toBe(bundle.commitment.frameDigest);
    expect(verdict.recomputedVisits).toBe(bundle.visits.length);
  });

  it('verifies the same with no trust list given (the committed key is then taken as it stands)', async () => {
    const verdict = await verifyBundle(copy());
    expect(verdict.ok).toBe(true);
    expect(verdict.checks.map((c) => c.name)).toEqual(ALL_CHECKS);
  });
});

describe('a tampered bundle fails at the check that owns the change', () => {
  it('names the frame digest when one p of a frame row changes, even in its last bit', async () => {
    const zero = bundle.frame.rows.findIndex((r) => r[3] === 0);
    await expectFirstMismatch((b) => {
      b.frame.rows[zero][3] = 0.05;
    }, 'frame digest');
    const some = bundle.frame.rows.findIndex((r) => r[1] > 0);
    await expectFirstMismatch((b) => {
      b.frame.rows[some][1] *= 1 + Number.EPSILON;
    }, 'frame digest');
  });

  it('names the frame digest when one USCC changes', async () => {
    await expectFirstMismatch((b) => {
      const row = b.frame.rows[1234];
      row[0] = row[0].slice(0, 17) + (row[0][17] === 'X' ? 'Y' : 'X');
    }, 'frame digest');
  });

  it('names the frame digest when a row is dropped', async () => {
    await expectFirstMismatch((b) => {
      b.frame.rows.splice(10, 1);
    }, 'frame digest');
  });

  it('names the commitment digest when the frame digest is re-computed for a changed frame too', async () => {
    const changed = copy();
    changed.frame.rows[7][3] = 0.9;
    const rows: [string, ...number[]][] = changed.frame.rows;
    const f: DrawFrame = {
      usccs: rows.map((r) => r[0]),
      departments: changed.frame.departments,
      p: Float64Array.from(rows.flatMap((r) => r.slice(1) as number[])),
    };
    const newDigest = frameDigest(f, {
      modes: modesOf(changed.parameters),
      shift: changed.parameters.shift,
    });
    await expectFirstMismatch((b) => {
      b.frame = changed.frame;
      b.commitment.frameDigest = newDigest;
    }, 'commitment digest');
  });

  it("names the team inputs digest when an inspector's expertise or a recusal is edited", async () => {
    await expectFirstMismatch((b) => {
      b.teamInputs.inspectors[3].expertise.push('food');
    }, 'team inputs digest');
    await expectFirstMismatch((b) => {
      b.teamInputs.recusals.pop();
    }, 'team inputs digest');
  });

  it('names the witness secrets when a secret is changed', async () => {
    const verdict = await expectFirstMismatch((b) => {
      b.entropy.witnesses[0].secret = 'f'.repeat(32);
    }, 'witness secrets');
    expect(verdict.firstMismatch).toMatch(/does not hash to their commitment/);
  });

  it("names the witness secrets when a witness's reveal is missing", async () => {
    await expectFirstMismatch((b) => {
      b.entropy.witnesses.pop();
    }, 'witness secrets');
  });

  it('names the beacon signature when one byte of it is flipped and nothing else is touched', async () => {
    await expectFirstMismatch((b) => {
      const sig = Buffer.from(b.entropy.beacon.signature, 'hex');
      sig[20] ^= 0x01;
      b.entropy.beacon.signature = sig.toString('hex');
    }, 'beacon signature');
  });

  it("names the beacon signature when another round's genuine signature is passed off as the committed round's", async () => {
    await expectFirstMismatch((b) => {
      b.entropy.beacon.signature = chain.sign(round + 1);
    }, 'beacon signature');
  });

  it('names the beacon round when another round is revealed', async () => {
    await expectFirstMismatch((b) => {
      b.entropy.beacon.round = round + 1;
      b.entropy.beacon.signature = chain.sign(round + 1);
    }, 'beacon round');
  });

  it('names the beacon randomness when it is not SHA-256 of the signature', async () => {
    await expectFirstMismatch((b) => {
      b.entropy.beacon.randomness = sha256Hex(b.entropy.beacon.randomness);
    }, 'beacon randomness');
  });

  it('names the seed when the seed is changed', async () => {
    await expectFirstMismatch((b) => {
      b.seed = sha256Hex(b.seed);
    }, 'seed');
  });

  it('names the parameters digest when a parameter such as the shift is changed', async () => {
    await expectFirstMismatch((b) => {
      b.parameters.shift = 0.5;
    }, 'parameters digest');
    await expectFirstMismatch((b) => {
      b.parameters.departments[0].sampleSize = ECOLOGY_SAMPLE_SIZE + 1;
    }, 'parameters digest');
    await expectFirstMismatch((b) => {
      b.parameters.title += ' ';
    }, 'parameters digest');
  });

  it("names the sample when an enterprise is removed from a department's sample", async () => {
    await expectFirstMismatch((b) => {
      b.sample.departments.market.splice(5, 1);
    }, 'sample');
  });

  it('names the visits and teams when a team member is replaced by another inspector of the department', async () => {
    const k = bundle.visits.findIndex((v) =>
      v.teams.some((t) => t.department === 'market' && t.status === 'STAFFED'),
    );
    const team = bundle.visits[k].teams.find((t) => t.department === 'market')!;
    const other = teamInputs.inspectors.find(
      (x) => x.department === 'market' && x.active && !team.inspectors.includes(x.id),
    )!.id;
    const verdict = await expectFirstMismatch((b) => {
      const t = b.visits[k].teams.find((x: { department: string }) => x.department === 'market');
      t.inspectors[0] = other;
    }, 'visits and teams');
    expect(verdict.firstMismatch).toContain(other);
    expect(verdict.firstMismatch).toContain(bundle.visits[k].uscc);
  });

  it('names the visits and teams when a visit is dropped', async () => {
    const verdict = await expectFirstMismatch((b) => {
      b.visits.splice(17, 1);
    }, 'visits and teams');
    expect(verdict.firstMismatch).toContain(bundle.visits[17].uscc);
  });

  it("names the beacon chain when the chain key is swapped for another chain's, with that chain's valid signature, and it is not trusted", async () => {
    const other = new TestBeaconChain();
    await expectFirstMismatch((b) => {
      b.commitment.beacon.chain = other.chain;
      b.entropy.beacon.signature = other.sign(round);
      b.entropy.beacon.randomness = sha256Hex(b.entropy.beacon.signature);
      b.commitment.digest = commitmentDigest({
        taskId: b.parameters.taskId,
        algorithmVersion: b.algorithmVersion,
        parametersDigest: b.commitment.parametersDigest,
        frameDigest: b.commitment.frameDigest,
        teamInputsDigest: b.commitment.teamInputsDigest,
        committedAt: b.commitment.committedAt,
        witnesses: b.commitment.witnesses,
        beacon: { chainHash: other.chain.chainHash, publicKey: other.chain.publicKey, round },
      });
    }, 'beacon chain');
  });

  it('names the commitment digest when the chain key is swapped but the commitment is left as it was', async () => {
    const other = new TestBeaconChain();
    await expectFirstMismatch((b) => {
      b.commitment.beacon.chain = other.chain;
      b.entropy.beacon.signature = other.sign(round);
    }, 'commitment digest');
  });
});

describe('a beacon round emitted before the commitment', () => {
  it('is refused at the beacon timing, even when everything else is consistent: its randomness was public before the frame was frozen', async () => {
    const early = makeBundle(chain, buildParameters(), { roundBeforeCommit: true });
    const verdict = await verifyBundle(copy(early), trusted);
    expect(verdict.ok).toBe(false);
    expect(verdict.firstMismatch).toMatch(
      /^beacon timing: round \d+ was emitted at .* the round must come after it$/,
    );
    expect(verdict.checks.filter((c) => !c.ok).map((c) => c.name)).toEqual(['beacon timing']);
  });
});

describe('a bundle forged end to end under a key the forger holds', () => {
  const other = new TestBeaconChain();
  const forged = makeBundle(other);

  it('is consistent in itself but fails at the beacon chain against the trusted chains', async () => {
    const verdict = await verifyBundle(copy(forged), trusted);
    expect(verdict.ok).toBe(false);
    expect(verdict.firstMismatch).toMatch(
      /^beacon chain: public key [0-9a-f]{16}… is not a trusted chain's key$/,
    );
    expect(verdict.checks.filter((c) => !c.ok).map((c) => c.name)).toEqual(['beacon chain']);
  });

  it('passes only a verifier who trusts any committed key, and then differs from the published commitment digest and seed', async () => {
    const verdict = await verifyBundle(copy(forged));
    expect(verdict.ok).toBe(true);
    // What still exposes it: the public draw log shows the original commitment digest.
    expect(forged.commitment.digest).not.toBe(bundle.commitment.digest);
    expect(forged.seed).not.toBe(bundle.seed);
    expect(forged.sample.resultDigest).not.toBe(bundle.sample.resultDigest);
  });
});

describe('the offline CLI (scripts/verify-draw.ts)', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'verify-draw-'));
    fs.writeFileSync(path.join(dir, 'good.json'), JSON.stringify(bundle));
    const tampered = copy();
    tampered.frame.rows[42][3] = tampered.frame.rows[42][3] === 0 ? 0.5 : 0;
    fs.writeFileSync(path.join(dir, 'tampered.json'), JSON.stringify(tampered));
    fs.writeFileSync(path.join(dir, 'chain.json'), JSON.stringify(chain.chain));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const cli = runVerifyDraw;

  let runs: Record<
    'good' | 'tampered' | 'untrusted' | 'json' | 'none' | 'help',
    { status: number | null; stdout: string; stderr: string }
  >;
  beforeAll(async () => {
    const f = (name: string) => path.join(dir, name);
    const [good, tampered, untrusted, json, none, help] = await Promise.all([
      cli(f('good.json'), '--chain', f('chain.json')),
      cli(f('tampered.json'), '--chain', f('chain.json')),
      cli(f('good.json')),
      cli(f('good.json'), '--chain', f('chain.json'), '--json'),
      cli(),
      cli('--help'),
    ]);
    runs = { good, tampered, untrusted, json, none, help };
  }, 120_000);

  it('exits 0 for the genuine bundle and prints a ✓ line for every check', () => {
    const { status, stdout, stderr } = runs.good;
    expect({ status, stderr }).toEqual({ status: 0, stderr: '' });
    for (const name of ALL_CHECKS) expect(stdout).toContain(`✓ ${name}: `);
    expect(stdout).not.toContain('✗');
    expect(stdout).toMatch(/verified in \d+ ms: everything matches/);
    expect(stdout).toContain(bundle.commitment.digest);
  });

  it('exits 1 for a tampered bundle and names the first mismatch', () => {
    const { status, stdout } = runs.tampered;
    expect(status).toBe(1);
    expect(stdout).toContain('✗ frame digest: ');
    expect(stdout).toMatch(
      /NOT VERIFIED: frame digest: 2000 rows hash to [0-9a-f]{64}, committed [0-9a-f]{64}/,
    );
    expect(stdout).not.toContain('✓ seed');
  });

  it("exits 1 when the bundle's chain is not trusted (only quicknet is, without --chain)", () => {
    const { status, stdout } = runs.untrusted;
    expect(status).toBe(1);
    expect(stdout).toContain('NOT VERIFIED: beacon chain: ');
  });

  it('prints the verification as JSON with --json', () => {
    const { status, stdout } = runs.json;
    expect(status).toBe(0);
    const verdict = JSON.parse(stdout);
    expect(verdict).toMatchObject({
      ok: true,
      firstMismatch: null,
      recomputedVisits: bundle.visits.length,
    });
    expect(verdict.checks.map((c: { name: string }) => c.name)).toEqual(ALL_CHECKS);
  });

  it('exits 2 with the usage when no bundle is given', () => {
    expect(runs.none.status).toBe(2);
    expect(runs.none.stderr).toContain('usage: npm run verify-draw');
    expect(runs.none.stdout).toBe('');
  });

  it('exits 0 with the usage for --help', () => {
    expect(runs.help.status).toBe(0);
    expect(runs.help.stdout).toContain('usage: npm run verify-draw');
    expect(runs.help.stdout).toContain('--chain FILE');
  });
});
