/**
 * Permanent random numbers (PRNs) for the coordinated draw.
 *
 * Public formula, so anyone can recompute an enterprise's number from the published seed:
 *
 *   mac = HMAC-SHA256(key = UTF-8 bytes of seed, message = UTF-8 bytes of uscc)
 *   x   = the first 8 bytes of mac as an unsigned big-endian 64-bit integer
 *   u   = floor(x / 2^11) / 2^53          (the first 53 bits of mac, as a fraction)
 *
 * u lies in [0, 1) and is exactly representable as an IEEE 754 double, so every language
 * gets the identical number. Recomputing by hand:
 *
 *   python3 -c 'import hmac,hashlib,sys; m=hmac.new(sys.argv[1].encode(),sys.argv[2].encode(),hashlib.sha256).digest(); print((int.from_bytes(m[:8],"big")>>11)/2**53)' SEED USCC
 *
 *   printf %s USCC | openssl dgst -sha256 -hmac SEED      # then take the first 14 hex
 *                                                          # digits (56 bits), shift right 3
 *
 * HMAC rather than SHA-256(seed ":" uscc) because HMAC keeps seed and code apart without a
 * separator convention (a seed containing ':' cannot collide with another seed/code pair),
 * and a keyed PRF is the textbook tool for "a fixed pseudo-random number per key".
 */
import { createHmac } from 'node:crypto';
import { HmacSha256 } from './hmac-sha256';

/** 2^-53: scales a 53-bit integer into [0, 1). */
const INV_2_53 = 1 / 9007199254740992;
/** 2^21: shifts the first 32-bit word of the MAC into the top of a 53-bit integer. */
const TWO_21 = 2097152;

/**
 * The permanent random number of one enterprise under a seed, computed with node:crypto
 * (the reference implementation; {@link permanentRandoms} must agree with it bit for bit).
 *
 * @param seed the draw's published seed (UTF-8)
 * @param uscc the enterprise's unified social credit code (UTF-8)
 * @returns u in [0, 1): the first 53 bits of HMAC-SHA256(seed, uscc) divided by 2^53
 */
export function permanentRandom(seed: string, uscc: string): number {
  const mac = createHmac('sha256', seed).update(uscc, 'utf8').digest();
  return (mac.readUInt32BE(0) * TWO_21 + (mac.readUInt32BE(4) >>> 11)) * INV_2_53;
}

/**
 * Permanent random numbers for many codes under one seed: the same values as
 * {@link permanentRandom}, computed with a precomputed-key HMAC (two SHA-256 compressions
 * per code, no allocation per code). About 1 µs per code on the development machine, so
 * 1,000,000 codes take 1-1.3 s, against about 4.5 s through node:crypto's per-call API.
 * The numbers are permanent for a (seed, uscc) pair, so a caller drawing repeatedly under one
 * seed can keep them and pass them to the draw.
 *
 * @param seed the draw's published seed
 * @param usccs the codes, in frame order
 * @param out optional array to fill (length must be at least `usccs.length`)
 * @returns `out` (or a new Float64Array) with u[i] for usccs[i]
 */
export function permanentRandoms(
  seed: string,
  usccs: readonly string[],
  out: Float64Array = new Float64Array(usccs.length),
): Float64Array {
  if (out.length < usccs.length) {
    throw new RangeError(`output array holds ${out.length} numbers, need ${usccs.length}`);
  }
  const mac = new HmacSha256(seed);
  for (let i = 0; i < usccs.length; i++) {
    const w = mac.digestString(usccs[i]);
    out[i] = ((w[0] >>> 0) * TWO_21 + (w[1] >>> 11)) * INV_2_53;
  }
  return out;
}
