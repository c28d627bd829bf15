import { createHash } from 'node:crypto';
import {
  coordinatedDraw,
  type DepartmentMode,
  type DrawFrame,
} from '@jih/subgraphs/joint-tasks/src/draw/coordinated';
import {
  ALGORITHM_VERSION,
  frameDigest,
  resultDigest,
} from '@jih/subgraphs/joint-tasks/src/draw/digest';
import { LEGACY_ALGORITHM_VERSION } from '@jih/subgraphs/joint-tasks/src/draw/version';
import { orderByString } from '@jih/subgraphs/joint-tasks/src/draw/string-order';
import { codes, testRandom } from './fixtures';

const modes: Record<string, DepartmentMode> = {
  market: { kind: 'poisson' },
  tax: { kind: 'fixed', n: 40 },
  health: { kind: 'poisson' },
};

/** A 500 × 3 frame with varied p, zeros included. */
function sampleFrame(): DrawFrame {
  const rnd = testRandom(42);
  const usccs = codes(500, 9);
  return {
    usccs,
    departments: ['market', 'tax', 'health'],
    p: new Float64Array(1500).map(() => (rnd() < 0.2 ? 0 : rnd() * 0.3)),
  };
}

/** The frame with its rows and columns shuffled, p moved along. */
function permuted(frame: DrawFrame): DrawFrame {
  const N = frame.usccs.length;
  const D = frame.departments.length;
  const rnd = testRandom(3);
  const rows = Array.from({ length: N }, (_, i) => i).sort(() => rnd() - 0.5);
  const cols = Array.from({ length: D }, (_, d) => D - 1 - d);
  const p = new Float64Array(N * D);
  rows.forEach((i, r) =>
    cols.forEach((d, c) => {
      p[r * D + c] = frame.p[i * D + d];
    }),
  );
  return {
    usccs: rows.map((i) => frame.usccs[i]),
    departments: cols.map((d) => frame.departments[d]),
    p,
  };
}

describe('frame digest', () => {
  const frame = sampleFrame();
  /** A frame committed under the current protocol: no seed exists yet, so none is hashed. */
  const base = frameDigest(frame, { modes });
  /** The same frame as a version 1 draw digested it, with its seed. */
  const v1 = { seed: 'audit', modes, algorithmVersion: 'coordinated-poisson/1' } as const;
  const legacy = frameDigest(frame, v1);

  const tiny: DrawFrame = {
    usccs: ['B2', 'A1'],
    departments: ['tax', 'market'],
    p: new Float64Array([0.05, 0, 1, 0.1]),
  };
  const tinyModes: Record<string, DepartmentMode> = {
    tax: { kind: 'fixed', n: 7 },
    market: { kind: 'poisson' },
  };
  const tinyBody =
    `mode\tmarket\tpoisson\t-\t3fd0000000000000\n` +
    `mode\ttax\tfixed\t7\t3fd0000000000000\n` +
    `row\tA1\tmarket\t3fb999999999999a\n` +
    `row\tA1\ttax\t3ff0000000000000\n` +
    `row\tB2\tmarket\t0000000000000000\n` +
    `row\tB2\ttax\t3fa999999999999a\n`;
  const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

  it('is the SHA-256 of the documented canonical text (version 1, with its seed line)', () => {
    const text = `algorithm\tcoordinated-poisson/1\nseed\ts-1\n${tinyBody}`;
    expect(
      frameDigest(tiny, {
        seed: 's-1',
        modes: tinyModes,
        shift: 0.25,
        algorithmVersion: 'coordinated-poisson/1',
      }),
    ).toBe(sha256(text));
    expect(LEGACY_ALGORITHM_VERSION).toBe('coordinated-poisson/1');
  });

  it('hashes no seed line without a seed, under the current algorithm version by default', () => {
    expect(ALGORITHM_VERSION).toBe('coordinated-poisson/2');
    const text = `algorithm\tcoordinated-poisson/2\n${tinyBody}`;
    const digest = frameDigest(tiny, { modes: tinyModes, shift: 0.25 });
    expect(digest).toBe(sha256(text));
    expect(
      frameDigest(tiny, { modes: tinyModes, shift: 0.25, algorithmVersion: ALGORITHM_VERSION }),
    ).toBe(digest);
    // Not even an empty seed line: a seed of '' is a seed, and is hashed.
    expect(frameDigest(tiny, { modes: tinyModes, shift: 0.25, seed: '' })).toBe(
      sha256(`algorithm\tcoordinated-poisson/2\nseed\t\n${tinyBody}`),
    );
    expect(frameDigest(tiny, { modes: tinyModes, shift: 0.25, seed: '' })).not.toBe(digest);
  });

  it('is identical for permuted rows and columns', () => {
    expect(frameDigest(permuted(frame), { modes })).toBe(base);
    expect(frameDigest(permuted(frame), v1)).toBe(legacy);
  });

  it("changes when one row's p changes, even in the last bit", () => {
    const p = frame.p.slice();
    p[700] = p[700] === 0 ? 0.01 : p[700] * (1 + Number.EPSILON);
    expect(p[700]).not.toBe(frame.p[700]);
    expect(frameDigest({ ...frame, p }, { modes })).not.toBe(base);
    expect(frameDigest({ ...frame, p }, v1)).not.toBe(legacy);
  });

  it('changes when one USCC changes', () => {
    const usccs = [...frame.usccs];
    usccs[123] = usccs[123].slice(0, 17) + (usccs[123].endsWith('0') ? '1' : '0');
    expect(frameDigest({ ...frame, usccs }, { modes })).not.toBe(base);
    expect(frameDigest({ ...frame, usccs }, v1)).not.toBe(legacy);
  });

  it('changes with the seed (version 1), the algorithm version, a sample size or a shift', () => {
    expect(frameDigest(frame, { ...v1, seed: 'audit2' })).not.toBe(legacy);
    expect(frameDigest(frame, { ...v1, algorithmVersion: 'coordinated-poisson/2' })).not.toBe(
      legacy,
    );
    expect(frameDigest(frame, { modes, algorithmVersion: 'coordinated-poisson/1' })).not.toBe(base);
    expect(frameDigest(frame, { modes: { ...modes, tax: { kind: 'fixed', n: 41 } } })).not.toBe(
      base,
    );
    expect(frameDigest(frame, { modes, shift: 0.5 })).not.toBe(base);
    expect(
      frameDigest(frame, { ...v1, modes: { ...modes, tax: { kind: 'fixed', n: 41 } } }),
    ).not.toBe(legacy);
    expect(frameDigest(frame, { ...v1, shift: 0.5 })).not.toBe(legacy);
  });

  it('treats -0 as 0 and rejects control characters', () => {
    const z = { usccs: ['A'], departments: ['tax'], p: new Float64Array([0]) };
    const m = {
      seed: 's',
      modes: { tax: { kind: 'poisson' as const } },
      algorithmVersion: 'coordinated-poisson/1',
    };
    const m2 = { modes: { tax: { kind: 'poisson' as const } } };
    expect(frameDigest({ ...z, p: new Float64Array([-0]) }, m)).toBe(frameDigest(z, m));
    expect(frameDigest({ ...z, p: new Float64Array([-0]) }, m2)).toBe(frameDigest(z, m2));
    expect(() => frameDigest({ ...z, usccs: ['A\tB'] }, m)).toThrow(/control character/);
    expect(() => frameDigest({ ...z, usccs: ['A\tB'] }, m2)).toThrow(/control character/);
    expect(() => frameDigest(z, { ...m, seed: 'a\nb' })).toThrow(/control character/);
    expect(() => frameDigest(z, { ...m2, algorithmVersion: 'x\ty' })).toThrow(/control character/);
  });

  it('handles non-ASCII codes and seeds', () => {
    const f = {
      usccs: ['乙', '甲', 'A'],
      departments: ['tax'],
      p: new Float64Array([0.1, 0.2, 0.3]),
    };
    const m = {
      seed: '种子',
      modes: { tax: { kind: 'poisson' as const } },
      algorithmVersion: 'coordinated-poisson/1',
    };
    const text =
      'algorithm\tcoordinated-poisson/1\nseed\t种子\nmode\ttax\tpoisson\t-\t0000000000000000\n' +
      'row\tA\ttax\t3fd3333333333333\nrow\t乙\ttax\t3fb999999999999a\nrow\t甲\ttax\t3fc999999999999a\n';
    expect(frameDigest(f, m)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
  });
});

describe('result digest', () => {
  const frame = sampleFrame();
  it('agrees for re-runs and for permuted frames, and differs for another seed', () => {
    const a = resultDigest(frame, coordinatedDraw(frame, { seed: 'r', modes }));
    const again = resultDigest(frame, coordinatedDraw(frame, { seed: 'r', modes }));
    const shuffled = permuted(frame);
    const b = resultDigest(shuffled, coordinatedDraw(shuffled, { seed: 'r', modes }));
    const other = resultDigest(frame, coordinatedDraw(frame, { seed: 'r2', modes }));
    expect(again).toBe(a);
    expect(b).toBe(a);
    expect(other).not.toBe(a);
  });
});

describe('ordering codes', () => {
  it('matches code-unit order for ASCII codes of mixed lengths, prefixes included', () => {
    const rnd = testRandom(8);
    const list: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      let s = '';
      const len = Math.floor(rnd() * 6);
      for (let j = 0; j < len; j++) s += 'AB0a~ '[Math.floor(rnd() * 6)];
      list.push(s);
    }
    const order = Array.from(orderByString(list));
    const expected = list
      .map((_, i) => i)
      .sort((a, b) => (list[a] < list[b] ? -1 : list[a] > list[b] ? 1 : a - b));
    expect(order).toEqual(expected);
  });

  it('matches code-unit order for USCC-shaped and non-ASCII codes', () => {
    for (const list of [codes(30_000, 5), ['é', 'e', 'ä', 'z', '甲', 'A', 'é']]) {
      const order = Array.from(orderByString(list));
      const expected = list
        .map((_, i) => i)
        .sort((a, b) => (list[a] < list[b] ? -1 : list[a] > list[b] ? 1 : a - b));
      expect(order).toEqual(expected);
    }
  });
});
