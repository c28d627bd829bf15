import { createHash } from 'node:crypto';
import { roundAt, roundTime as drandRoundTime } from 'drand-client';
import {
  QUICKNET,
  firstRoundAfter,
  parseBeaconChain,
  roundTime,
  verifyBeacon,
  type BeaconChain,
} from '@jih/subgraphs/joint-tasks/src/draw/beacon';

/**
 * Real beacons from the public record; nothing here is made up. Each was published by the chain's
 * HTTP API (api.drand.sh/<chain hash>/public/<round>) and is quoted in the public code cited beside it.
 */
const QUICKNET_BEACONS = [
  {
    // Signature: noislabs/drand-verify src/verify.rs (api3.drand.sh .../public/123).
    // Randomness: aumetra/cw-drand-oracle src/contract.rs.
    round: 123,
    signature:
      'b75c69d0b72a5d906e854e808ba7e2accb1542ac355ae486d591aa9d43765482e26cd02df835d3546d23c4b13e0dfc92',
    randomness: 'fb8f7bc29bf24db51871ec8c79f3a1e4bd0557bc0dfcee9ed1d924e69d1c60dc',
  },
  {
    // The /public/1000 response quoted in opentensor/subtensor pallets/drand/src/benchmarking.rs.
    round: 1000,
    signature:
      'b44679b9a59af2ec876b1a6b1ad52ea9b1615fc3982b19576350f93447cb1125e342b73a8dd2bacbe47e4b6b63ed5e39',
    randomness: 'fe290beca10872ef2fb164d2aa4442de4566183ec51c56ff3cd603d930e54fdd',
  },
  {
    // drand/tlock tlock_test.go (TestDecryptText, the round of its quicknet ciphertext); no published
    // randomness found, so it is checked against SHA-256 computed here.
    round: 12040883,
    signature:
      '929906c959032ab363c9f26570d215d66f5c06cb0c44fe508c12bb5839f04ec895bb6868e5b9ff13ab289bdb5266b394',
    randomness: undefined,
  },
] as const;

/** quicknet-t, the testnet twin of quicknet (same scheme, other key): drand/tlock tlock_test.go. */
const QUICKNET_TESTNET_KEY =
  'b15b65b46fb29104f6a4b5d1e11a8da6344463973d423661bb0804846a0ecd1ef93c25057f1c0baab2ac53e56c662b66' +
  '072f6d84ee791a3382bfb055afab1e6a375538d8ffc451104ac971d2dc9b168e2d3246b0be2015969cbaac298f6502da';

/** Chains of the other schemes, with one real beacon each. */
const OTHER_CHAINS: ReadonlyArray<{
  chain: BeaconChain;
  beacon: { round: number; signature: string; previousSignature?: string };
  randomness: string;
  source: string;
}> = [
  {
    source: 'drand/drand-client test/data.ts (LoE default chain, round 1)',
    chain: {
      name: 'default',
      chainHash: '8990e7a9aaed2ffed73dbd7092123d6f289930540d7651336225dc172e51b2ce',
      publicKey:
        '868f005eb8e6e4ca0a47c8a77ceaa5309a47978a7c71bc5cce96366b5d7a569937c529eeda66c7293784a9402801af31',
      periodSeconds: 30,
      genesisTime: 1595431050,
      scheme: 'pedersen-bls-chained',
    },
    beacon: {
      round: 1,
      signature:
        '8d61d9100567de44682506aea1a7a6fa6e5491cd27a0a0ed349ef6910ac5ac20ff7bc3e09d7c046566c9f7f3c6f3b101' +
        '04990e7cb424998203d8f7de586fb7fa5f60045417a432684f85093b06ca91c769f0e7ca19268375e659c2a2352b4655',
      // Round 1 chains from the genesis seed (the chain's groupHash).
      previousSignature: '176f93498eac9ca337150b46d21dd58673ea4e3581185f869672e59fa4cb390a',
    },
    randomness: '101297f1ca7dc44ef6088d94ad5fb7ba03455dc33d53ddb412bbc4564ed986ec',
  },
  {
    source:
      'drand/drand crypto/schemes_test.go (testnet-unchained-3s; chain info: drand/tlock-js defaults.ts)',
    chain: {
      name: 'testnet-unchained-3s',
      chainHash: '7672797f548f3f4748ac4bf3352fc6c6b6468c9ad40ad456a397545c6e2df5bf',
      publicKey:
        '8200fc249deb0148eb918d6e213980c5d01acd7fc251900d9260136da3b54836ce125172399ddc69c4e3e11429b62c11',
      periodSeconds: 3,
      genesisTime: 1651677099,
      scheme: 'pedersen-bls-unchained',
    },
    beacon: {
      round: 7601003,
      signature:
        'af7eac5897b72401c0f248a26b612c5ef68e0ff830b4d78927988c89b5db3e997bfcdb7c24cb19f549830cd02cb854a1' +
        '143fd53a1d4e0713ded471260869439060d170a77187eb6371742840e43eccfa225657c4cc2d9619f7c3d680470c9743',
    },
    // Not published beside it; this is SHA-256 of the signature above.
    randomness: '774e886fbe6bcff540b0d2573f433ce1e0161df82a14703b212f09724ce258d5',
  },
  {
    source:
      'drand/drand crypto/schemes_test.go (fastnet round 2; randomness: drand/tlock-js compatibility.test.ts)',
    chain: {
      name: 'fastnet',
      chainHash: 'dbd506d6ef76e5f386f41c651dcb808c5bcbd75471cc4eafa3f4df7ad4e4c493',
      publicKey:
        'a0b862a7527fee3a731bcb59280ab6abd62d5c0b6ea03dc4ddf6612fdfc9d01f01c31542541771903475eb1ec6615f8d' +
        '0df0b8b6dce385811d6dcf8cbefb8759e5e616a3dfd054c928940766d9a5b9db91e3b697e5d70a975181e007f87fca5e',
      periodSeconds: 3,
      genesisTime: 1677685200,
      scheme: 'bls-unchained-on-g1',
    },
    beacon: {
      round: 2,
      signature:
        'a050676d1a1b6ceedb5fb3281cdfe88695199971426ff003c0862460b3a72811328a07ecd53b7d57fc82bb67f35efaf1',
    },
    randomness: '08eb40c1dff4076da53d222b2076f06c144391445cfac750815d5cacf51bf7c2',
  },
  {
    source: 'drand/drand-client test/beacon-verification.test.ts (evmnet round 6390578)',
    chain: {
      name: 'evmnet',
      chainHash: '04f1e9062b8a81f848fded9c12306733282b2727ecced50032187751166ec8c3',
      publicKey:
        '07e1d1d335df83fa98462005690372c643340060d205306a9aa8106b6bd0b3820557ec32c2ad488e4d4f6008f89a346f' +
        '18492092ccc0d594610de2732c8b808f0095685ae3a85ba243747b1b2f426049010f6b73a0cf1d389351d5aaaa1047f6' +
        '297d3a4f9749b33eb2d904c9d9ebf17224150ddd7abd7567a9bec6c74480ee0b',
      periodSeconds: 3,
      genesisTime: 1727521075,
      scheme: 'bls-bn254-unchained-on-g1',
    },
    beacon: {
      round: 6390578,
      signature:
        '0d0d705983f50d6a2846e77d8d12a238f0be277a2307eb3e0d5206dc6765b0f9' +
        '1f04e596e3b28295086e8fda9047d40d37f7c2d8fb2f6686839101692e4f5f13',
    },
    randomness: '466262e8cb50407310fa05024bff96e52a8c701e7f6b209ac5cdbdf01cf903f2',
  },
];

const [R123, R1000, R12040883] = QUICKNET_BEACONS;

function sha256Hex(hex: string): string {
  return createHash('sha256').update(Buffer.from(hex, 'hex')).digest('hex');
}

/** `hex` with byte `index` XOR-ed with `mask`. */
function flipByte(hex: string, index: number, mask = 0x01): string {
  const bytes = Buffer.from(hex, 'hex');
  bytes[index] ^= mask;
  return bytes.toString('hex');
}

async function reasonOf(
  chain: BeaconChain,
  beacon: Parameters<typeof verifyBeacon>[1],
): Promise<string> {
  const result = await verifyBeacon(chain, beacon);
  if (result.ok) throw new Error(`expected round ${beacon.round} to be rejected`);
  return result.reason;
}

describe('quicknet chain parameters', () => {
  it('are the published League of Entropy quicknet ones and pass the configuration check', () => {
    expect(QUICKNET).toMatchObject({
      name: 'quicknet',
      chainHash: '52db9ba70e0cc0f6eaf7803dd07447a1f5477735fd3f661792ba94600c84e971',
      periodSeconds: 3,
      genesisTime: 1692803367,
      scheme: 'bls-unchained-g1-rfc9380',
    });
    // The key as drand/tlock tlock_test.go quotes the quicknet /info response.
    expect(QUICKNET.publicKey).toBe(
      '83cf0f2896adee7eb8b5f01fcad3912212c437e0073e911fb90022d3e760183c8c4b450b6a0a6c3ac6a5776a2d1064510' +
        'd1fec758c921cc22b0e17e63aaf4bcb5ed66304de9cf809bd274ca73bab4af5a6e9c76a4bc09e76eae8991ef5ece45a',
    );
    expect(parseBeaconChain(QUICKNET)).toEqual({ chain: QUICKNET, problems: [] });
  });
});

describe('quicknet beacon verification (offline)', () => {
  it.each(QUICKNET_BEACONS)(
    'accepts real round $round and derives randomness = SHA-256(signature)',
    async (b) => {
      const result = await verifyBeacon(QUICKNET, { round: b.round, signature: b.signature });
      expect(result).toEqual({ ok: true, randomness: sha256Hex(b.signature) });
      if (b.randomness) expect(result).toEqual({ ok: true, randomness: b.randomness });
    },
  );

  it('accepts upper-case hex and still reports lower-case randomness', async () => {
    const result = await verifyBeacon(QUICKNET, {
      round: R1000.round,
      signature: R1000.signature.toUpperCase(),
    });
    expect(result).toEqual({ ok: true, randomness: R1000.randomness });
  });

  it('rejects a signature with one flipped byte, wherever the flip is', async () => {
    // A flip almost always leaves no point of the signature group; were it to land on one, the pairing fails.
    for (const index of [0, 1, 20, 47]) {
      const reason = await reasonOf(QUICKNET, {
        round: R123.round,
        signature: flipByte(R123.signature, index),
      });
      expect(reason).toMatch(
        /^signature (does not verify|is not a valid curve point for scheme bls-unchained-g1-)/,
      );
    }
  });

  it('rejects the right signature presented under a different round', async () => {
    expect(await reasonOf(QUICKNET, { round: 124, signature: R123.signature })).toMatch(
      /^signature does not verify: .*round 124/,
    );
    // Another real signature swapped in for round 123 fails the same way.
    expect(await reasonOf(QUICKNET, { round: R123.round, signature: R12040883.signature })).toMatch(
      /^signature does not verify/,
    );
  });

  it("rejects a real beacon checked against another chain's public key or a corrupted key", async () => {
    const testnet: BeaconChain = {
      ...QUICKNET,
      name: 'quicknet-t',
      publicKey: QUICKNET_TESTNET_KEY,
    };
    expect(await reasonOf(testnet, R1000)).toMatch(/^signature does not verify: .*quicknet-t/);

    // A corrupted key is blamed on the key, not on the (real) signature.
    for (const index of [0, 95]) {
      const corrupted: BeaconChain = {
        ...QUICKNET,
        publicKey: flipByte(QUICKNET.publicKey, index),
      };
      expect(await reasonOf(corrupted, R1000)).toMatch(
        /^chain public key is not a valid curve point for scheme /,
      );
    }
  });

  it('rejects malformed input with a reason instead of throwing', async () => {
    const sig = R123.signature;
    const cases: Array<[unknown, RegExp]> = [
      [
        { round: 123, signature: 'zz' + sig.slice(2) },
        /^signature is not hex: unexpected "z" at position 0/,
      ],
      [
        { round: 123, signature: sig.slice(1) },
        /^signature has an odd number of hex digits \(95\)/,
      ],
      [
        { round: 123, signature: sig + sig },
        /^signature must be 48 bytes \(96 hex digits\), got 96 bytes/,
      ],
      [{ round: 123, signature: '0x' + sig.slice(2) }, /^signature is not hex/],
      [{ round: 123, signature: '' }, /^signature must be a hex string/],
      [{ round: 123, signature: 42 }, /^signature must be a hex string/],
      [{ round: 123 }, /^signature must be a hex string/],
      [{ round: 0, signature: sig }, /^round must be an integer >= 1, got 0/],
      [{ round: -5, signature: sig }, /^round must be an integer >= 1/],
      [{ round: 1.5, signature: sig }, /^round must be an integer >= 1/],
      [{ round: '123', signature: sig }, /^round must be an integer >= 1, got "123"/],
      [
        { round: 123, signature: sig, previousSignature: sig },
        /is unchained: a beacon has no previous signature/,
      ],
      [null, /^beacon is missing/],
    ];
    for (const [beacon, reason] of cases) {
      const result = await verifyBeacon(QUICKNET, beacon as Parameters<typeof verifyBeacon>[1]);
      expect({ beacon, result }).toEqual({
        beacon,
        result: { ok: false, reason: expect.stringMatching(reason) },
      });
    }
  });

  it('rejects a hand-built chain with an unknown scheme or a key of the wrong length', async () => {
    expect(await reasonOf({ ...QUICKNET, scheme: 'bls-unchained-g2' }, R123)).toMatch(
      /^chain scheme "bls-unchained-g2" is not supported; expected one of .*bls-unchained-g1-rfc9380/,
    );
    expect(await reasonOf({ ...QUICKNET, scheme: 'toString' }, R123)).toMatch(
      /^chain scheme "toString"/,
    );
    expect(
      await reasonOf({ ...QUICKNET, publicKey: QUICKNET.publicKey.slice(0, 96) }, R123),
    ).toMatch(/^chain public key must be 96 bytes \(192 hex digits\), got 48 bytes/);
  });
});

describe('other drand schemes', () => {
  it.each(OTHER_CHAINS)(
    'accept a real $chain.scheme beacon ($source)',
    async ({ chain, beacon, randomness }) => {
      expect(parseBeaconChain(chain).problems).toEqual([]);
      expect(await verifyBeacon(chain, beacon)).toEqual({ ok: true, randomness });
      expect(randomness).toBe(sha256Hex(beacon.signature));
      // The next round's number under this signature must fail (for round 1 of the chained chain it
      // already fails on the previous signature's length, since only round 1 chains from the seed).
      expect((await verifyBeacon(chain, { ...beacon, round: beacon.round + 1 })).ok).toBe(false);
      expect(await reasonOf({ ...chain, publicKey: flipByte(chain.publicKey, 0) }, beacon)).toMatch(
        /^chain public key is not a valid curve point/,
      );
      expect(
        await reasonOf(chain, { ...beacon, signature: flipByte(beacon.signature, 0) }),
      ).toMatch(/^signature (is not a valid curve point|does not verify)/);
    },
  );

  it('bind a chained beacon to its previous signature, which is required', async () => {
    const { chain, beacon } = OTHER_CHAINS[0];
    expect(await reasonOf(chain, { ...beacon, previousSignature: undefined })).toMatch(
      /is chained: previousSignature is required/,
    );
    expect(
      await reasonOf(chain, {
        ...beacon,
        previousSignature: flipByte(beacon.previousSignature!, 0),
      }),
    ).toMatch(/^signature does not verify: .*and the given previous signature/);
    // Only round 1 may chain from the 32-byte genesis seed; later rounds need a full signature.
    expect(await reasonOf(chain, { ...beacon, round: 2 })).toMatch(
      /^previous signature must be 96 bytes \(192 hex digits\), got 32 bytes/,
    );
  });
});

describe('round timing', () => {
  it('emits round r at genesis + (r - 1) periods, in unix ms', () => {
    expect(roundTime(QUICKNET, 1)).toBe(1692803367000);
    expect(roundTime(QUICKNET, 1000)).toBe((1692803367 + 999 * 3) * 1000);
    expect(new Date(roundTime(QUICKNET, R12040883.round)).toISOString()).toBe(
      '2024-10-14T17:13:33.000Z',
    );
  });

  it('takes the next round for a time exactly at an emission, and that round for any time just before it', () => {
    for (const r of [1, 2, 123, 1000, 12040883, 50_000_000]) {
      const t = roundTime(QUICKNET, r);
      expect(firstRoundAfter(QUICKNET, t)).toBe(r + 1);
      expect(firstRoundAfter(QUICKNET, t - 1)).toBe(r);
      expect(firstRoundAfter(QUICKNET, t + 2999)).toBe(r + 1);
    }
  });

  it('takes round 1 for any time before genesis', () => {
    expect(firstRoundAfter(QUICKNET, 0)).toBe(1);
    expect(firstRoundAfter(QUICKNET, 1692803367000 - 1)).toBe(1);
  });

  it('agrees with drand-client: one past its current round, and the same emission times', () => {
    type Info = Parameters<typeof roundAt>[1];
    const info = { genesis_time: QUICKNET.genesisTime, period: QUICKNET.periodSeconds } as Info;
    for (const r of [1, 2, 1000, 12040883])
      expect(roundTime(QUICKNET, r)).toBe(drandRoundTime(info, r));
    for (let t = 1692803367000; t < 1692803367000 + 40_000; t += 997) {
      expect(firstRoundAfter(QUICKNET, t)).toBe(roundAt(t, info) + 1);
    }
    const t = Date.UTC(2025, 0, 1);
    expect(firstRoundAfter(QUICKNET, t)).toBe(roundAt(t, info) + 1);
  });

  it('refuses rounds below 1 and times that are not finite', () => {
    expect(() => roundTime(QUICKNET, 0)).toThrow(RangeError);
    expect(() => roundTime(QUICKNET, 2.5)).toThrow(RangeError);
    expect(() => firstRoundAfter(QUICKNET, Number.NaN)).toThrow(RangeError);
  });
});

describe('beacon chain configuration', () => {
  it('accepts environment strings, trimming and lower-casing them', () => {
    const { chain, problems } = parseBeaconChain({
      name: ' quicknet ',
      chainHash: QUICKNET.chainHash.toUpperCase(),
      publicKey: QUICKNET.publicKey.toUpperCase(),
      periodSeconds: '3',
      genesisTime: '1692803367',
      scheme: 'bls-unchained-g1-rfc9380',
    });
    expect(problems).toEqual([]);
    expect(chain).toEqual(QUICKNET);
  });

  it('lists every problem at once and returns no chain', () => {
    const result = parseBeaconChain({
      name: '',
      chainHash: '52db9ba7',
      publicKey: '0x' + QUICKNET.publicKey,
      periodSeconds: '0',
      genesisTime: 1692803367000,
      scheme: 'bls-unchained-g2',
    });
    expect(result.chain).toBeUndefined();
    expect(result.problems).toEqual([
      expect.stringMatching(/^name must be a non-empty string/),
      expect.stringMatching(/^scheme "bls-unchained-g2" is not supported; expected one of /),
      'chainHash must be 32 bytes (64 hex digits), got 4 bytes',
      expect.stringMatching(/^publicKey is not hex: unexpected "x" at position 1/),
      'periodSeconds must be a positive integer, got "0"',
      'genesisTime 1692803367000 looks like milliseconds; it must be unix seconds',
    ]);
  });

  it("checks the public key length against the scheme's curve group", () => {
    const { problems } = parseBeaconChain({ ...QUICKNET, scheme: 'pedersen-bls-chained' });
    expect(problems).toEqual([
      'publicKey must be 48 bytes (96 hex digits), got 96 bytes for scheme pedersen-bls-chained',
    ]);
  });

  it('reports missing fields and non-numeric periods', () => {
    const { problems } = parseBeaconChain({ periodSeconds: 'three', genesisTime: Number.NaN });
    expect(problems).toEqual([
      expect.stringMatching(/^name must be/),
      'scheme is missing; expected one of ' +
        'pedersen-bls-chained, pedersen-bls-unchained, bls-unchained-on-g1, bls-unchained-g1-rfc9380, ' +
        'bls-bn254-unchained-on-g1',
      'chainHash must be a hex string',
      'publicKey must be a hex string',
      'periodSeconds must be a positive integer, got "three"',
      'genesisTime must be a positive integer, got NaN',
    ]);
  });
});
