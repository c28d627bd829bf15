/**
 * A small HMAC-SHA256 for many short messages under one key.
 *
 * node:crypto costs about 4.5 µs per `createHmac(...).digest()` call on the development
 * machine, almost all of it per-call object and binding overhead: too slow for a
 * 1,000,000-row frame. HMAC of a short message is only two SHA-256 compressions once the
 * key's inner and outer pad states are precomputed, and a tight Int32 implementation of
 * those costs about 1 µs per message there (unrolling the rounds gained under 10%, so the
 * loop form stays). Results are checked bit for bit against node:crypto in
 * test/unit/draw/prn.test.ts.
 */
import { createHash } from 'node:crypto';

/** SHA-256 round constants (FIPS 180-4, 4.2.2). */
const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

/** SHA-256 initial hash value (FIPS 180-4, 5.3.3). */
const IV = new Int32Array([
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
]);

/** Message schedule scratch, shared because JavaScript is single-threaded per isolate. */
const SCHEDULE = new Int32Array(64);

/** One SHA-256 compression of the 16-word block `m` into `state`, in place. */
function compress(state: Int32Array, m: Int32Array): void {
  // Locals rather than module bindings keep V8 from reloading them on every round.
  const W = SCHEDULE;
  const k = K;
  for (let t = 0; t < 16; t++) W[t] = m[t];
  for (let t = 16; t < 64; t++) {
    const w15 = W[t - 15];
    const w2 = W[t - 2];
    const s0 = ((w15 >>> 7) | (w15 << 25)) ^ ((w15 >>> 18) | (w15 << 14)) ^ (w15 >>> 3);
    const s1 = ((w2 >>> 17) | (w2 << 15)) ^ ((w2 >>> 19) | (w2 << 13)) ^ (w2 >>> 10);
    W[t] = (W[t - 16] + s0 + W[t - 7] + s1) | 0;
  }
  let a = state[0],
    b = state[1],
    c = state[2],
    d = state[3];
  let e = state[4],
    f = state[5],
    g = state[6],
    h = state[7];
  for (let t = 0; t < 64; t++) {
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const ch = (e & f) ^ (~e & g);
    const t1 = (h + S1 + ch + k[t] + W[t]) | 0;
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const maj = (a & b) ^ (a & c) ^ (b & c);
    const t2 = (S0 + maj) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  state[0] = (state[0] + a) | 0;
  state[1] = (state[1] + b) | 0;
  state[2] = (state[2] + c) | 0;
  state[3] = (state[3] + d) | 0;
  state[4] = (state[4] + e) | 0;
  state[5] = (state[5] + f) | 0;
  state[6] = (state[6] + g) | 0;
  state[7] = (state[7] + h) | 0;
}

/**
 * HMAC-SHA256 (RFC 2104) with the key's pad states precomputed, for hashing many short
 * messages under one key without per-message allocation.
 */
export class HmacSha256 {
  private readonly innerStart = new Int32Array(8);
  private readonly outerStart = new Int32Array(8);
  private readonly state = new Int32Array(8);
  private readonly block = new Int32Array(16);
  /** The digest of the last `digest*` call, as eight big-endian 32-bit words. */
  readonly out = new Int32Array(8);

  /** @param key the HMAC key; a string is taken as its UTF-8 bytes. */
  constructor(key: string | Uint8Array) {
    let k: Uint8Array = typeof key === 'string' ? Buffer.from(key, 'utf8') : key;
    if (k.length > 64) k = createHash('sha256').update(k).digest();
    const padded = new Uint8Array(64);
    padded.set(k);
    for (const [start, pad] of [
      [this.innerStart, 0x36],
      [this.outerStart, 0x5c],
    ] as const) {
      for (let w = 0; w < 16; w++) {
        const o = w * 4;
        this.block[w] =
          ((padded[o] ^ pad) << 24) |
          ((padded[o + 1] ^ pad) << 16) |
          ((padded[o + 2] ^ pad) << 8) |
          (padded[o + 3] ^ pad);
      }
      start.set(IV);
      compress(start, this.block);
    }
  }

  /**
   * HMAC of a string's UTF-8 bytes; the result is left in `out`. Pure-ASCII strings (every
   * USCC) are read straight from their char codes; anything else goes through Buffer.
   */
  digestString(message: string): Int32Array {
    const n = message.length;
    if (n > 55) return this.digestBytes(Buffer.from(message, 'utf8'));
    // Fast path: an ASCII message of at most 55 bytes fits one inner block with its padding.
    const block = this.block;
    block.fill(0);
    for (let i = 0; i < n; i++) {
      const c = message.charCodeAt(i);
      if (c > 0x7f) return this.digestBytes(Buffer.from(message, 'utf8'));
      block[i >> 2] |= c << (24 - 8 * (i & 3));
    }
    block[n >> 2] |= 0x80 << (24 - 8 * (n & 3));
    block[15] = (n + 64) * 8;
    this.state.set(this.innerStart);
    compress(this.state, block);
    return this.finish();
  }

  /** HMAC of raw bytes; the result is left in `out`. */
  digestBytes(message: Uint8Array): Int32Array {
    return this.run(message.length, (i) => message[i]);
  }

  /** Inner hash over `length` bytes read by `byteAt`, then the outer hash. */
  private run(length: number, byteAt: (i: number) => number): Int32Array {
    const { state, block } = this;
    state.set(this.innerStart);
    // The inner hash already consumed one 64-byte pad block, hence the +64 in the bit length.
    const totalBits = (length + 64) * 8;
    // Bytes of message, then 0x80, then zeros, then the 64-bit length: blocks needed.
    const blocks = Math.floor((length + 8) / 64) + 1;
    let pos = 0;
    for (let b = 0; b < blocks; b++) {
      for (let w = 0; w < 16; w++) {
        let word = 0;
        for (let j = 0; j < 4; j++, pos++) {
          let byte: number;
          if (pos < length) byte = byteAt(pos);
          else if (pos === length) byte = 0x80;
          else byte = 0;
          word = (word << 8) | byte;
        }
        block[w] = word;
      }
      if (b === blocks - 1) {
        // Lengths here stay far below 2^32 bits, so the high length word is zero.
        block[14] = Math.floor(totalBits / 0x100000000) | 0;
        block[15] = totalBits | 0;
      }
      compress(state, block);
    }
    return this.finish();
  }

  /** Outer hash over the inner digest left in `state`. */
  private finish(): Int32Array {
    const { state, block } = this;
    // Outer hash: 32 bytes of inner digest, 0x80, zeros, length (64 + 32) * 8 = 768 bits.
    for (let w = 0; w < 8; w++) block[w] = state[w];
    block[8] = 0x80000000 | 0;
    for (let w = 9; w < 15; w++) block[w] = 0;
    block[15] = 768;
    const out = this.out;
    out.set(this.outerStart);
    compress(out, block);
    return out;
  }
}
