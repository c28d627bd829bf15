import { createHmac, randomBytes } from 'node:crypto';
import { HmacSha256 } from '@jih/subgraphs/joint-tasks/src/draw/hmac-sha256';
import { permanentRandom, permanentRandoms } from '@jih/subgraphs/joint-tasks/src/draw/prn';
import { codes, testRandom } from './fixtures';

describe('permanent random numbers', () => {
  it('match the published formula as computed by Python and openssl', () => {
    // python3: (int.from_bytes(hmac.new(seed, uscc, sha256).digest()[:8], "big") >> 11) / 2**53
    // openssl: printf %s 91110000100000000X | openssl dgst -sha256 -hmac 2025-joint-001
    //          → 1caccbaca07e57d3...
    expect(permanentRandom('2025-joint-001', '91110000100000000X')).toBe(0.11201165165447802);
    expect(permanentRandom('2025-joint-001', '91110000100000000X')).toBe(
      Number(BigInt('0x1caccbaca07e57d3') >> 11n) / 2 ** 53,
    );
    expect(permanentRandom('种子', '91310115MA1H7UQ31B')).toBe(0.40297861154938763);
  });

  it('lie in [0, 1) and are exact 53-bit fractions', () => {
    for (const uscc of codes(2000)) {
      const u = permanentRandom('seed', uscc);
      expect(u).toBeGreaterThanOrEqual(0);
      expect(u).toBeLessThan(1);
      expect(Number.isInteger(u * 2 ** 53)).toBe(true);
    }
  });

  it('batch version equals the reference for every code, including non-ASCII and long ones', () => {
    const list = [
      ...codes(5000),
      '',
      'é',
      '統一社會信用代碼',
      'x'.repeat(55),
      'x'.repeat(56),
      'y'.repeat(64),
      'z'.repeat(200),
    ];
    for (const seed of [
      '2025-joint-001',
      '',
      '种子',
      'k'.repeat(64),
      'k'.repeat(65),
      'K'.repeat(300),
    ]) {
      const batch = permanentRandoms(seed, list);
      list.forEach((uscc, i) => expect(batch[i]).toBe(permanentRandom(seed, uscc)));
    }
  });

  it('differ between seeds', () => {
    const list = codes(1000);
    const a = permanentRandoms('a', list);
    const b = permanentRandoms('b', list);
    expect(a.filter((x, i) => x === b[i]).length).toBe(0);
  });

  it('are uniform enough: each decile holds about a tenth of 100,000 codes', () => {
    const u = permanentRandoms('uniformity', codes(100_000));
    const bins = new Array(10).fill(0);
    for (const x of u) bins[Math.floor(x * 10)]++;
    // Chi-square with 9 degrees of freedom; 27.9 is the 0.1% critical value.
    const chi2 = bins.reduce((s, o) => s + (o - 10_000) ** 2 / 10_000, 0);
    expect(chi2).toBeLessThan(27.9);
  });
});

describe('HMAC-SHA256 with precomputed key', () => {
  it('agrees with node:crypto for random keys and messages of every length up to 300 bytes', () => {
    const rnd = testRandom(7);
    for (let trial = 0; trial < 600; trial++) {
      const key = randomBytes(Math.floor(rnd() * 140));
      const message = randomBytes(trial % 301);
      const mac = new HmacSha256(key);
      const out = mac.digestBytes(message);
      const expected = createHmac('sha256', key).update(message).digest();
      for (let w = 0; w < 8; w++) expect(out[w] >>> 0).toBe(expected.readUInt32BE(4 * w));
    }
  });
});
