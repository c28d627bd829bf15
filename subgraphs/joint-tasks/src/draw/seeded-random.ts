/**
 * A small seeded PRNG for the inspector draw: xoshiro128** (Blackman & Vigna) seeded from
 * HMAC-SHA256(seed, label), so each (visit, department[, replacement]) has its own stream that
 * does not depend on any other team's draw.
 *
 * Exact definition, for re-implementation:
 * - mac = HMAC-SHA256(key = seed, message = label), both UTF-8;
 *   state s0..s3 = mac bytes 0-3, 4-7, 8-11, 12-15 as big-endian uint32
 *   (s0 = 1 if all four are zero, which no real seed produces).
 * - next(): result = rotl(s1 * 5, 7) * 9 (mod 2^32); t = s1 << 9; s2 ^= s0; s3 ^= s1;
 *   s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = rotl(s3, 11).
 * - uniform(): ((next() >>> 5) * 2^26 + (next() >>> 6)) / 2^53, in [0, 1).
 * - below(m): floor(uniform() * m), an integer in [0, m) (bias at most m / 2^53).
 */
import { HmacSha256 } from './hmac-sha256';

// Module-level aliases: a global lookup of `Math` is slow inside vm contexts (jest), and these
// run a few times per drawn inspector.
const imul = Math.imul;
const floor = Math.floor;

/** Seeded xoshiro128** stream. */
export class SeededRandom {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  /** Seeds from the four 32-bit words, as produced by {@link streamFor}. */
  constructor(s0: number, s1: number, s2: number, s3: number) {
    this.s0 = s0 | 0;
    this.s1 = s1 | 0;
    this.s2 = s2 | 0;
    this.s3 = s3 | 0;
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** Next 32-bit output, as an unsigned number. */
  next(): number {
    const s1 = this.s1;
    const r = imul(rotl(imul(s1, 5), 7), 9);
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= s1;
    this.s1 = s1 ^ this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return r >>> 0;
  }

  /** A 53-bit uniform number in [0, 1). */
  uniform(): number {
    const a = this.next() >>> 5;
    const b = this.next() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  /** A uniform integer in [0, m). */
  below(m: number): number {
    return floor(this.uniform() * m);
  }
}

/** 32-bit left rotation. */
function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/**
 * Makes streams for many labels under one seed, reusing one precomputed-key HMAC.
 */
export class StreamFactory {
  private readonly mac: HmacSha256;

  /** @param seed the task's published seed */
  constructor(seed: string) {
    this.mac = new HmacSha256(seed);
  }

  /** The stream for `label` (see the module comment for the derivation). */
  streamFor(label: string): SeededRandom {
    const w = this.mac.digestString(label);
    return new SeededRandom(w[0], w[1], w[2], w[3]);
  }

  /** The first 53 bits of HMAC(seed, label) as a number in [0, 1), like a PRN. */
  fraction(label: string): number {
    const w = this.mac.digestString(label);
    return ((w[0] >>> 0) * 2097152 + (w[1] >>> 11)) / 9007199254740992;
  }
}
