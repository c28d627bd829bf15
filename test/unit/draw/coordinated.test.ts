import {
  coordinatedDraw,
  listVisits,
  selectedUsccs,
  type DepartmentMode,
  type DrawFrame,
} from '@jih/subgraphs/joint-tasks/src/draw/coordinated';
import { frameDigest } from '@jih/subgraphs/joint-tasks/src/draw/digest';
import { permanentRandom, permanentRandoms } from '@jih/subgraphs/joint-tasks/src/draw/prn';
import { codes, testRandom, uniformFrame } from './fixtures';

const poisson = { kind: 'poisson' } as const;
const allPoisson = (frame: DrawFrame): Record<string, DepartmentMode> =>
  Object.fromEntries(frame.departments.map((d) => [d, poisson]));

/** The set of selected codes of one department. */
function sampleSet(
  frame: DrawFrame,
  result: ReturnType<typeof coordinatedDraw>,
  department: string,
): Set<string> {
  const sample = result.samples.find((s) => s.department === department)!;
  return new Set(selectedUsccs(frame, sample));
}

describe('coordinated Poisson draw', () => {
  it('selects enterprise i for department d exactly when u(i) < p(d, i)', () => {
    const rnd = testRandom(1);
    const usccs = codes(3000);
    const departments = ['market', 'tax', 'health'];
    const p = new Float64Array(usccs.length * 3).map(() => (rnd() < 0.2 ? 0 : rnd() * 0.5));
    const frame = { usccs, departments, p };
    const result = coordinatedDraw(frame, { seed: 'rule', modes: allPoisson(frame) });
    departments.forEach((d, j) => {
      const chosen = sampleSet(frame, result, d);
      usccs.forEach((c, i) => {
        expect(chosen.has(c)).toBe(permanentRandom('rule', c) < p[i * 3 + j]);
      });
    });
  });

  it('visits every selected enterprise once, listing the departments that selected it', () => {
    const frame = uniformFrame(5000, { market: 0.05, tax: 0.1, health: 0.2 });
    const result = coordinatedDraw(frame, { seed: 'once', modes: allPoisson(frame) });
    const visits = listVisits(frame, result);
    expect(new Set(visits.map((v) => v.uscc)).size).toBe(visits.length);
    for (const d of frame.departments) {
      const covering = new Set(visits.filter((v) => v.departments.includes(d)).map((v) => v.uscc));
      expect(covering).toEqual(sampleSet(frame, result, d));
    }
    expect(result.statistics.realisedVisits).toBe(visits.length);
  });

  it('nests the samples of uniform ratios, so visits equal the largest sample', () => {
    const frame = uniformFrame(10_000, { market: 0.05, tax: 0.1, health: 0.2 });
    const result = coordinatedDraw(frame, { seed: 'nested', modes: allPoisson(frame) });
    const [m, t, h] = ['market', 'tax', 'health'].map((d) => sampleSet(frame, result, d));
    for (const c of m) expect(t.has(c)).toBe(true);
    for (const c of t) expect(h.has(c)).toBe(true);
    expect(result.statistics.realisedVisits).toBe(h.size);
  });

  it('expects 2,000 visits for 5%, 10%, 20% of 10,000 enterprises, against 3,160 drawn independently', () => {
    const frame = uniformFrame(10_000, { market: 0.05, tax: 0.1, health: 0.2 });
    const { statistics, samples } = coordinatedDraw(frame, {
      seed: 'stats',
      modes: allPoisson(frame),
    });
    expect(statistics.expectedVisits).toBeCloseTo(2000, 6);
    // 10000 × (1 − 0.95 × 0.9 × 0.8) = 3160
    expect(statistics.independentExpectedVisits).toBeCloseTo(3160, 6);
    expect(samples.map((s) => s.expected)).toEqual([
      expect.closeTo(500, 6),
      expect.closeTo(1000, 6),
      expect.closeTo(2000, 6),
    ]);
    expect(statistics.coordinated).toBe(true);
  });

  it('over 200 seeds × 10,000 enterprises realises each department at its p and visits at sum max p', () => {
    const n = 10_000;
    const seeds = 200;
    const usccs = codes(n, 3);
    const departments = ['market', 'tax', 'health'];
    // Uniform 5%, 10%, 20%, then a heterogeneous frame with exclusions (p = 0).
    const uniform = uniformFrame(n, { market: 0.05, tax: 0.1, health: 0.2 }, 3);
    const rnd = testRandom(99);
    const mixedP = new Float64Array(n * 3).map(() =>
      rnd() < 0.15 ? 0 : [0.01, 0.03, 0.05, 0.3][Math.floor(rnd() * 4)],
    );
    const mixed = { usccs, departments, p: mixedP };

    for (const frame of [uniform, mixed]) {
      const realised = [0, 0, 0];
      let visits = 0;
      let expected = [0, 0, 0];
      let expectedVisits = 0;
      for (let s = 0; s < seeds; s++) {
        const r = coordinatedDraw(frame, { seed: `seed-${s}`, modes: allPoisson(frame) });
        r.samples.forEach((x, d) => {
          realised[d] += x.realised;
        });
        visits += r.statistics.realisedVisits;
        expected = r.samples.map((x) => x.expected);
        expectedVisits = r.statistics.expectedVisits;
      }
      expected.forEach((e, d) => {
        // Poisson sample size: variance sum p(1 − p) per seed; allow 5 standard deviations.
        let variance = 0;
        for (let i = 0; i < n; i++) {
          const v = frame.p[i * 3 + d];
          variance += v * (1 - v);
        }
        const sd = Math.sqrt(variance * seeds);
        expect(Math.abs(realised[d] - e * seeds)).toBeLessThan(5 * sd);
      });
      let visitVariance = 0;
      for (let i = 0; i < n; i++) {
        const m = Math.max(frame.p[i * 3], frame.p[i * 3 + 1], frame.p[i * 3 + 2]);
        visitVariance += m * (1 - m);
      }
      expect(Math.abs(visits - expectedVisits * seeds)).toBeLessThan(
        5 * Math.sqrt(visitVariance * seeds),
      );
    }
  });

  it('is deterministic and independent of the order of the departments', () => {
    const frame = uniformFrame(4000, { market: 0.05, tax: 0.1 });
    const a = coordinatedDraw(frame, { seed: 'same', modes: allPoisson(frame) });
    const b = coordinatedDraw(frame, { seed: 'same', modes: allPoisson(frame) });
    expect(listVisits(frame, a)).toEqual(listVisits(frame, b));
    const swapped: DrawFrame = {
      usccs: frame.usccs,
      departments: ['tax', 'market'],
      p: new Float64Array(frame.p.length).map((_, k) => frame.p[k ^ 1]),
    };
    const c = coordinatedDraw(swapped, { seed: 'same', modes: allPoisson(swapped) });
    expect(sampleSet(swapped, c, 'market')).toEqual(sampleSet(frame, a, 'market'));
    expect(sampleSet(swapped, c, 'tax')).toEqual(sampleSet(frame, a, 'tax'));
  });

  it('never selects an enterprise with p = 0 and always one with p = 1', () => {
    const usccs = codes(2000);
    const p = new Float64Array(4000).map((_, k) => (k % 2 === 0 ? 0 : 1));
    const frame = { usccs, departments: ['market', 'tax'], p };
    const r = coordinatedDraw(frame, { seed: 'edges', modes: allPoisson(frame) });
    expect(r.samples[0].realised).toBe(0);
    expect(r.samples[1].realised).toBe(2000);
  });

  it('accepts precomputed permanent random numbers with the same outcome', () => {
    const frame = uniformFrame(3000, { market: 0.1, fire: 0.3 });
    const u = permanentRandoms('pre', frame.usccs);
    const a = coordinatedDraw(frame, { seed: 'pre', modes: allPoisson(frame) });
    const b = coordinatedDraw(frame, { seed: 'pre', modes: allPoisson(frame), u });
    expect(listVisits(frame, b)).toEqual(listVisits(frame, a));
  });
});

describe('shifts', () => {
  it('move the sample to u + shift mod 1 < p, so two tasks with shifts 0 and 0.2 at 20% never overlap', () => {
    const frame = uniformFrame(10_000, { market: 0.2 });
    const first = coordinatedDraw(frame, { seed: 'year', modes: allPoisson(frame) });
    const second = coordinatedDraw(frame, { seed: 'year', modes: allPoisson(frame), shift: 0.2 });
    const a = sampleSet(frame, first, 'market');
    const b = sampleSet(frame, second, 'market');
    expect(a.size).toBeGreaterThan(1800);
    expect(b.size).toBeGreaterThan(1800);
    for (const c of b) expect(a.has(c)).toBe(false);
    for (const c of b) {
      const u = permanentRandom('year', c);
      expect(u + 0.2 >= 1 ? u + 0.2 - 1 : u + 0.2).toBeLessThan(0.2);
    }
  });

  it('keep coordination when every department of the task shares one shift', () => {
    const frame = uniformFrame(10_000, { market: 0.05, tax: 0.1, health: 0.2 });
    const r = coordinatedDraw(frame, { seed: 'shared', modes: allPoisson(frame), shift: 0.37 });
    expect(r.statistics.coordinated).toBe(true);
    expect(r.statistics.realisedVisits).toBe(r.samples[2].realised);
  });

  it('are rejected when they differ within a task, unless allowed; then expected visits are the arc union', () => {
    const frame = uniformFrame(10_000, { market: 0.1, tax: 0.1 });
    const modes = {
      market: { kind: 'poisson' as const },
      tax: { kind: 'poisson' as const, shift: 0.5 },
    };
    expect(() => coordinatedDraw(frame, { seed: 'mixed', modes })).toThrow(/share one shift/);
    const disjoint = coordinatedDraw(frame, { seed: 'mixed', modes, allowMixedShifts: true });
    expect(disjoint.statistics.coordinated).toBe(false);
    expect(disjoint.statistics.expectedVisits).toBeCloseTo(2000, 6);
    const overlapping = coordinatedDraw(frame, {
      seed: 'mixed',
      modes: { market: { kind: 'poisson' }, tax: { kind: 'poisson', shift: 0.05 } },
      allowMixedShifts: true,
    });
    // Arcs [0, 0.1) and [0.95, 1) ∪ [0, 0.05): union 0.15.
    expect(overlapping.statistics.expectedVisits).toBeCloseTo(1500, 6);
  });
});

describe('fixed-size departments (sequential Poisson sampling)', () => {
  const rnd = testRandom(5);
  const usccs = codes(20_000, 11);
  const departments = ['tax'];
  const p = new Float64Array(usccs.length).map(() => (rnd() < 0.1 ? 0 : 0.01 + rnd() * 0.2));
  const frame = { usccs, departments, p };

  it('returns exactly n for every n and nests the samples as n grows', () => {
    let previous = new Set<string>();
    for (const n of [0, 1, 10, 100, 500, 2000, 10_000]) {
      const r = coordinatedDraw(frame, { seed: 'nest', modes: { tax: { kind: 'fixed', n } } });
      const sample = sampleSet(frame, r, 'tax');
      expect(sample.size).toBe(n);
      expect(r.samples[0].shortfall).toBe(0);
      for (const c of previous) expect(sample.has(c)).toBe(true);
      previous = sample;
    }
  });

  it('ranks by u/p: the sample is everything below the n-th key', () => {
    const n = 700;
    const r = coordinatedDraw(frame, { seed: 'rank', modes: { tax: { kind: 'fixed', n } } });
    const keys = usccs
      .map((c, i) => ({ c, key: p[i] > 0 ? permanentRandom('rank', c) / p[i] : Infinity }))
      .sort((a, b) => a.key - b.key);
    expect(sampleSet(frame, r, 'tax')).toEqual(new Set(keys.slice(0, n).map((x) => x.c)));
    expect(r.samples[0].threshold).toBe(keys[n - 1].key);
  });

  it('takes every eligible enterprise and reports the shortfall when fewer than n are eligible', () => {
    const eligible = Array.from(p).filter((x) => x > 0).length;
    const r = coordinatedDraw(frame, {
      seed: 'short',
      modes: { tax: { kind: 'fixed', n: eligible + 25 } },
    });
    expect(r.samples[0].realised).toBe(eligible);
    expect(r.samples[0].shortfall).toBe(25);
    expect(r.samples[0].threshold).toBeNull();
    expect(r.statistics.notes.join(' ')).toMatch(/25 short of n/);
    const sample = sampleSet(frame, r, 'tax');
    expect(usccs.filter((c, i) => p[i] === 0 && sample.has(c))).toEqual([]);
  });

  it('breaks ties in u/p by USCC', () => {
    const tied = {
      usccs: ['C', 'A', 'D', 'B'],
      departments: ['tax'],
      p: new Float64Array([0.5, 0.5, 0.5, 0.5]),
    };
    const r = coordinatedDraw(tied, {
      seed: 'tie',
      modes: { tax: { kind: 'fixed', n: 2 } },
      u: new Float64Array([0.25, 0.25, 0.25, 0.25]),
    });
    expect(selectedUsccs(tied, r.samples[0])).toEqual(['A', 'B']);
  });

  it('states effective inclusion probabilities that sum to n and match realised rates over many seeds', () => {
    // Half the frame at p = 0.1, half at p = 0.2, n = 150 of 1,000: the effective probabilities
    // are exactly 0.1 and 0.2 (scale 1).
    const half = 500;
    const f = {
      usccs: codes(2 * half, 4),
      departments: ['tax'],
      p: new Float64Array(2 * half).map((_, i) => (i < half ? 0.1 : 0.2)),
    };
    let low = 0;
    let high = 0;
    const seeds = 300;
    for (let s = 0; s < seeds; s++) {
      const r = coordinatedDraw(f, { seed: `eff-${s}`, modes: { tax: { kind: 'fixed', n: 150 } } });
      expect(r.samples[0].expected).toBeCloseTo(150, 9);
      expect(r.samples[0].effectiveScale).toBeCloseTo(1, 9);
      for (const i of r.samples[0].selected) {
        if (i < half) low++;
        else high++;
      }
    }
    expect(low / (half * seeds)).toBeCloseTo(0.1, 2);
    expect(high / (half * seeds)).toBeCloseTo(0.2, 2);
  });

  it('caps effective probabilities at 1 and rescales the rest', () => {
    const f = {
      usccs: codes(4, 2),
      departments: ['tax'],
      p: new Float64Array([0.9, 0.1, 0.1, 0.1]),
    };
    const r = coordinatedDraw(f, { seed: 'cap', modes: { tax: { kind: 'fixed', n: 2 } } });
    // min(1, 0.9c) = 1 and 3 × 0.1c = 1 → c = 10/3.
    expect(r.samples[0].effectiveScale).toBeCloseTo(10 / 3, 9);
    expect(r.samples[0].expected).toBeCloseTo(2, 9);
    expect(r.statistics.notes.join(' ')).toMatch(/effective inclusion probabilities/);
  });

  it('combines with Poisson departments in one coordinated visit set', () => {
    const f = uniformFrame(10_000, { market: 0.05, tax: 0.1 });
    const r = coordinatedDraw(f, {
      seed: 'combo',
      modes: { market: { kind: 'poisson' }, tax: { kind: 'fixed', n: 1000 } },
    });
    expect(r.samples[1].realised).toBe(1000);
    expect(r.statistics.expectedVisits).toBeCloseTo(1000, 6);
    // The fixed sample is {u < t·p}: nearly all of the 5% market sample lies inside it.
    const market = sampleSet(f, r, 'market');
    const tax = sampleSet(f, r, 'tax');
    const outside = [...market].filter((c) => !tax.has(c)).length;
    expect(outside).toBeLessThan(0.1 * market.size);
  });
});

describe('frame validation', () => {
  const frame = uniformFrame(10, { market: 0.1 });
  const modes = { market: poisson };
  it.each([
    ['p above 1', { ...frame, p: new Float64Array(10).fill(1.5) }, /not in \[0, 1\]/],
    ['NaN p', { ...frame, p: new Float64Array(10).fill(NaN) }, /not in \[0, 1\]/],
    ['a short p array', { ...frame, p: new Float64Array(9) }, /expected 10 enterprises/],
    [
      'a repeated enterprise',
      { ...frame, usccs: [...frame.usccs.slice(0, 9), frame.usccs[0]] },
      /more than once/,
    ],
    [
      'a repeated department',
      { ...frame, departments: ['market', 'market'], p: new Float64Array(20) },
      /unique/,
    ],
  ])('rejects %s', (_, bad, message) => {
    expect(() => coordinatedDraw(bad as DrawFrame, { seed: 's', modes })).toThrow(message);
  });
  it('rejects a missing mode, a bad fixed size and a shift outside [0, 1)', () => {
    expect(() => coordinatedDraw(frame, { seed: 's', modes: {} })).toThrow(
      /no draw mode for department market/,
    );
    expect(() =>
      coordinatedDraw(frame, { seed: 's', modes: { market: { kind: 'fixed', n: 1.5 } } }),
    ).toThrow(/non-negative integer/);
    expect(() => coordinatedDraw(frame, { seed: 's', modes, shift: 1 })).toThrow(/\[0, 1\)/);
    expect(() => coordinatedDraw(frame, { seed: '', modes })).toThrow(/seed/);
  });
});

describe('scale', () => {
  it('draws 1,000,000 enterprises × 5 departments (timing logged, not asserted)', () => {
    const n = 1_000_000;
    const departments = ['market', 'tax', 'health', 'fire', 'emergency'];
    const rnd = testRandom(2025);
    let t = performance.now();
    const usccs = codes(n, 17);
    const levels = [0, 0.03, 0.05, 0.1, 0.2];
    const p = new Float64Array(n * 5);
    for (let k = 0; k < p.length; k++) p[k] = levels[(rnd() * 5) | 0];
    const frame = { usccs, departments, p };
    const buildMs = performance.now() - t;
    const modes: Record<string, DepartmentMode> = {
      market: poisson,
      tax: { kind: 'fixed', n: 30_000 },
      health: poisson,
      fire: { kind: 'fixed', n: 5000 },
      emergency: poisson,
    };
    t = performance.now();
    const u = permanentRandoms('scale', usccs);
    const prnMs = performance.now() - t;
    t = performance.now();
    const result = coordinatedDraw(frame, { seed: 'scale', modes, u });
    const drawMs = performance.now() - t;
    t = performance.now();
    const digest = frameDigest(frame, { seed: 'scale', modes });
    const digestMs = performance.now() - t;
    console.log(
      `1,000,000 × 5 (test frame built in ${buildMs.toFixed(0)} ms): permanent random numbers ${prnMs.toFixed(0)} ms, draw ${drawMs.toFixed(0)} ms, ` +
        `frame digest (5,000,000 rows, unsorted input) ${digestMs.toFixed(0)} ms; ` +
        `visits ${result.statistics.realisedVisits} (expected ${result.statistics.expectedVisits.toFixed(0)}, ` +
        `independent ${result.statistics.independentExpectedVisits.toFixed(0)})`,
    );
    expect(result.samples[1].realised).toBe(30_000);
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
  });
});
