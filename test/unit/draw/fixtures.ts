/** Shared builders for the draw unit tests. */
import type { DrawFrame } from '@jih/subgraphs/joint-tasks/src/draw/coordinated';

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
// Global `Math` lookups are slow in jest's vm context; these run millions of times.
const imul = Math.imul;

/** All two-character strings over the USCC alphabet, for building codes quickly. */
const PAIRS: string[] = [];
for (const a of ALPHABET) for (const b of ALPHABET) PAIRS.push(a + b);

/**
 * Distinct USCC-shaped codes (18 characters of the USCC alphabet; check characters are not
 * computed because the draw never validates them): a scrambled 12-character prefix chosen by
 * `i mod 997` (so codes are not in sorted order; `salt` varies it) and a 6-character suffix
 * spelling i in base 31 (so codes are distinct). Cheap enough for a million codes.
 */
export function codes(n: number, salt = 0): string[] {
  const prefixes: string[] = [];
  for (let k = 0; k < 997; k++) {
    let x = Math.imul(k + 1 + salt * 7919, 2654435761) >>> 0;
    let s = '91';
    for (let j = 0; j < 10; j++) {
      s += ALPHABET[x % 31];
      x = Math.floor(x / 31) + j * 17;
    }
    prefixes.push(s);
  }
  const out: string[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const lo = i % 961;
    const mid = ((i - lo) / 961) % 961;
    const hi = (i - lo - mid * 961) / 923521;
    out[i] = prefixes[i % 997] + PAIRS[hi] + PAIRS[mid] + PAIRS[lo];
  }
  return out;
}

/** A frame with the same p for every enterprise of each department. */
export function uniformFrame(n: number, ps: Record<string, number>, salt = 0): DrawFrame {
  const departments = Object.keys(ps);
  const D = departments.length;
  const p = new Float64Array(n * D);
  for (let i = 0; i < n; i++)
    departments.forEach((d, j) => {
      p[i * D + j] = ps[d];
    });
  return { usccs: codes(n, salt), departments, p };
}

/** Deterministic uniform numbers in [0, 1) for building test frames (mulberry32). */
export function testRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = imul(t ^ (t >>> 15), t | 1);
    t ^= t + imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
