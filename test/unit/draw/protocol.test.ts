/**
 * The commit–reveal protocol's pure functions (protocol.ts): the commitment text and digest, the
 * seed derivation, the matching of revealed witness secrets and the canonical digests. Every
 * expected value is computed here independently with node:crypto or written out literally.
 */
import { createHash, createHmac } from 'node:crypto';
import {
  PROTOCOL_VERSION,
  canonicalDigest,
  commitmentDigest,
  commitmentText,
  deriveSeed,
  entropyBytes,
  matchWitnessSecrets,
  pseudonymOf,
  witnessCommitmentOf,
  type CommitmentContent,
  type WitnessCommitment,
} from '@jih/subgraphs/joint-tasks/src/draw/protocol';

const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

const PARAMS = 'a'.repeat(64);
const FRAME = 'b'.repeat(64);
const TEAMS = 'c'.repeat(64);
const SECRET_1 = 'correct horse battery staple';
const SECRET_2 = '纪检监察-2026-秘密';
const CHAIN_HASH = 'd'.repeat(64);
const PUBLIC_KEY = 'e'.repeat(192);

/** A small fixed commitment: two witnesses (one with a Chinese name) and a beacon. */
function content(overrides: Partial<CommitmentContent> = {}): CommitmentContent {
  return {
    taskId: 'task-42',
    algorithmVersion: 'coordinated-poisson/2',
    parametersDigest: PARAMS,
    frameDigest: FRAME,
    teamInputsDigest: TEAMS,
    committedAt: '2026-12-03T08:00:00.000Z',
    witnesses: [
      { name: 'Alice', role: 'notary', commitment: sha256(SECRET_1) },
      {
        name: '李明',
        role: '纪检监察 observer',
        commitment: sha256(Buffer.from(SECRET_2, 'utf8')),
      },
    ],
    beacon: { chainHash: CHAIN_HASH, publicKey: PUBLIC_KEY, round: 12345 },
    ...overrides,
  };
}

describe('the commitment text', () => {
  it('has the documented lines in order: protocol, task, algorithm, three digests, commit time, witnesses, beacon', () => {
    const golden =
      'commitment\tjih-draw/1\n' +
      'task\ttask-42\n' +
      'algorithm\tcoordinated-poisson/2\n' +
      `parameters\t${PARAMS}\n` +
      `frame\t${FRAME}\n` +
      `teams\t${TEAMS}\n` +
      'committed\t2026-12-03T08:00:00.000Z\n' +
      `witness\tAlice\tnotary\t${sha256(SECRET_1)}\n` +
      `witness\t李明\t纪检监察 observer\t${sha256(Buffer.from(SECRET_2, 'utf8'))}\n` +
      `beacon\t${CHAIN_HASH}\t${PUBLIC_KEY}\t12345\n`;
    expect(PROTOCOL_VERSION).toBe('jih-draw/1');
    expect(commitmentText(content())).toBe(golden);
  });

  it('has no beacon line when no beacon is planned, and no witness lines when there are no witnesses', () => {
    const text = commitmentText(content({ beacon: null, witnesses: [] }));
    expect(text.split('\n')).toEqual([
      'commitment\tjih-draw/1',
      'task\ttask-42',
      'algorithm\tcoordinated-poisson/2',
      `parameters\t${PARAMS}`,
      `frame\t${FRAME}`,
      `teams\t${TEAMS}`,
      'committed\t2026-12-03T08:00:00.000Z',
      '',
    ]);
  });

  it('has a digest equal to SHA-256 of its UTF-8 bytes, in lowercase hex', () => {
    const c = content();
    const digest = commitmentDigest(c);
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    expect(digest).toBe(
      createHash('sha256')
        .update(Buffer.from(commitmentText(c), 'utf8'))
        .digest('hex'),
    );
    // The golden text's digest, computed outside this code base (a change to the serialisation shows here).
    expect(digest).toBe('1775b3e5a60a81537f2855503c99714af907565cd862e8a4ea34070e964799d8');
  });

  it("hands over witness commitments that are SHA-256 of the secret's UTF-8 bytes", () => {
    expect(witnessCommitmentOf(SECRET_2)).toBe(
      createHash('sha256').update(Buffer.from(SECRET_2, 'utf8')).digest('hex'),
    );
    expect(witnessCommitmentOf('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });
});

describe('the commitment digest binds everything it covers', () => {
  const base = content();
  const [w1, w2] = base.witnesses;
  const variants: [string, CommitmentContent][] = [
    ['another task id', content({ taskId: 'task-43' })],
    ['another algorithm version', content({ algorithmVersion: 'coordinated-poisson/3' })],
    ['another parameters digest', content({ parametersDigest: '0' + PARAMS.slice(1) })],
    ['another frame digest', content({ frameDigest: FRAME.slice(0, 63) + 'c' })],
    ['another team inputs digest', content({ teamInputsDigest: 'f'.repeat(64) })],
    ['a commit time one millisecond later', content({ committedAt: '2026-12-03T08:00:00.001Z' })],
    [
      'a witness with another secret',
      content({ witnesses: [w1, { ...w2, commitment: witnessCommitmentOf(`${SECRET_2}!`) }] }),
    ],
    ['a witness with another name', content({ witnesses: [{ ...w1, name: 'Alicia' }, w2] })],
    [
      'a witness with another role',
      content({ witnesses: [{ ...w1, role: 'citizen observer' }, w2] }),
    ],
    ['the witnesses in the other order', content({ witnesses: [w2, w1] })],
    ['a witness left out', content({ witnesses: [w1] })],
    [
      'a witness added',
      content({
        witnesses: [
          w1,
          w2,
          { name: 'Bob', role: 'citizen observer', commitment: witnessCommitmentOf('x') },
        ],
      }),
    ],
    ['the next beacon round', content({ beacon: { ...base.beacon!, round: 12346 } })],
    ['another beacon key', content({ beacon: { ...base.beacon!, publicKey: 'f'.repeat(192) } })],
    [
      'another beacon chain hash',
      content({ beacon: { ...base.beacon!, chainHash: 'f'.repeat(64) } }),
    ],
    ['no beacon', content({ beacon: null })],
  ];

  it.each(variants)('changes with %s', (_what, changed) => {
    expect(commitmentDigest(changed)).not.toBe(commitmentDigest(base));
  });

  it('gives every one of those variants a digest of its own', () => {
    const digests = new Set([
      commitmentDigest(base),
      ...variants.map(([, c]) => commitmentDigest(c)),
    ]);
    expect(digests.size).toBe(variants.length + 1);
  });

  it('is the same for the same content, whatever object it comes in', () => {
    expect(commitmentDigest(JSON.parse(JSON.stringify(base)))).toBe(commitmentDigest(base));
  });
});

describe('the commitment text refuses input that would make it ambiguous', () => {
  const [w1, w2] = content().witnesses;
  const controls = ['\t', '\n', '\r', '\u0000', '\u001f', '\u007f'];

  it.each(
    controls.map((c) => [`U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`, c]),
  )('refuses a witness name or role containing %s', (_shown, c) => {
    expect(() =>
      commitmentText(content({ witnesses: [{ ...w1, name: `Ali${c}ce` }, w2] })),
    ).toThrow(/witness name .* contains a control character/);
    expect(() =>
      commitmentText(content({ witnesses: [w1, { ...w2, role: `notary${c}` }] })),
    ).toThrow(/witness role .* contains a control character/);
  });

  it('refuses control characters in the task id, the algorithm version and the beacon fields', () => {
    expect(() => commitmentText(content({ taskId: 'task\t42' }))).toThrow(RangeError);
    expect(() =>
      commitmentText(content({ algorithmVersion: 'coordinated-poisson/2\nwitness\tMallory' })),
    ).toThrow(RangeError);
    expect(() =>
      commitmentText(
        content({ beacon: { chainHash: `${CHAIN_HASH}\t`, publicKey: PUBLIC_KEY, round: 1 } }),
      ),
    ).toThrow(/chain hash/);
    expect(() =>
      commitmentText(
        content({ beacon: { chainHash: CHAIN_HASH, publicKey: `\n${PUBLIC_KEY}`, round: 1 } }),
      ),
    ).toThrow(/public key/);
  });

  it('refuses empty names and roles', () => {
    expect(() => commitmentText(content({ witnesses: [{ ...w1, name: '' }, w2] }))).toThrow(
      /non-empty/,
    );
    expect(() => commitmentText(content({ witnesses: [{ ...w1, role: '' }, w2] }))).toThrow(
      /non-empty/,
    );
  });

  it('refuses malformed digests, commit times and beacon rounds', () => {
    expect(() => commitmentText(content({ parametersDigest: 'A'.repeat(64) }))).toThrow(
      /parameters digest/,
    );
    expect(() => commitmentText(content({ frameDigest: 'b'.repeat(63) }))).toThrow(/frame digest/);
    expect(() => commitmentText(content({ teamInputsDigest: `${'c'.repeat(63)}\n` }))).toThrow(
      /team inputs digest/,
    );
    expect(() => commitmentText(content({ witnesses: [{ ...w1, commitment: 'xyz' }] }))).toThrow(
      /witness Alice: commitment/,
    );
    for (const committedAt of [
      '2026-12-03T08:00:00Z',
      '2026-12-03T16:00:00.000+08:00',
      '2026-12-03',
      'yesterday',
      '',
    ]) {
      expect(() => commitmentText(content({ committedAt }))).toThrow(/commit time/);
    }
    for (const round of [0, -1, 1.5, Number.NaN, 2 ** 53]) {
      expect(() =>
        commitmentText(
          content({ beacon: { chainHash: CHAIN_HASH, publicKey: PUBLIC_KEY, round } }),
        ),
      ).toThrow(/beacon round/);
    }
  });
});

describe('the seed', () => {
  const digest = commitmentDigest(content());
  const randomness = sha256('a beacon signature');

  /** SHA-256(digest bytes ‖ for each secret: 4-byte big-endian UTF-8 length, bytes ‖ randomness bytes), written out. */
  function independentSeed(
    digestHex: string,
    secrets: string[],
    randomnessHex: string | null,
  ): string {
    const h = createHash('sha256');
    h.update(Buffer.from(digestHex, 'hex'));
    for (const s of secrets) {
      const bytes = Buffer.from(s, 'utf8');
      h.update(
        Buffer.from([
          (bytes.length >>> 24) & 255,
          (bytes.length >>> 16) & 255,
          (bytes.length >>> 8) & 255,
          bytes.length & 255,
        ]),
      );
      h.update(bytes);
    }
    if (randomnessHex !== null) h.update(Buffer.from(randomnessHex, 'hex'));
    return h.digest('hex');
  }

  it('is SHA-256 of the commitment digest bytes, the length-prefixed secrets and the beacon randomness bytes', () => {
    const seed = deriveSeed(digest, {
      witnessSecrets: [SECRET_1, SECRET_2],
      beaconRandomness: randomness,
    });
    expect(seed).toMatch(/^[0-9a-f]{64}$/);
    expect(seed).toBe(independentSeed(digest, [SECRET_1, SECRET_2], randomness));
  });

  it('prefixes each secret with its UTF-8 byte length, not its character count', () => {
    // '纪检监察-2026-秘密' is 13 characters and 25 bytes.
    const e = entropyBytes({ witnessSecrets: [SECRET_2], beaconRandomness: null });
    expect(e.readUInt32BE(0)).toBe(Buffer.byteLength(SECRET_2, 'utf8'));
    expect(e.readUInt32BE(0)).not.toBe(SECRET_2.length);
    expect(e.subarray(4).toString('utf8')).toBe(SECRET_2);
  });

  it('is derived the same way with witnesses only, and with a beacon only', () => {
    expect(
      deriveSeed(digest, { witnessSecrets: [SECRET_1, SECRET_2], beaconRandomness: null }),
    ).toBe(independentSeed(digest, [SECRET_1, SECRET_2], null));
    expect(deriveSeed(digest, { witnessSecrets: [], beaconRandomness: randomness })).toBe(
      createHash('sha256')
        .update(Buffer.concat([Buffer.from(digest, 'hex'), Buffer.from(randomness, 'hex')]))
        .digest('hex'),
    );
  });

  it('tells ("ab", "c") from ("a", "bc") thanks to the length prefixes, where plain concatenation would not', () => {
    const split1 = deriveSeed(digest, { witnessSecrets: ['ab', 'c'], beaconRandomness: null });
    const split2 = deriveSeed(digest, { witnessSecrets: ['a', 'bc'], beaconRandomness: null });
    expect(split1).not.toBe(split2);
    const naive = (xs: string[]) =>
      sha256(Buffer.concat([Buffer.from(digest, 'hex'), Buffer.from(xs.join(''), 'utf8')]));
    expect(naive(['ab', 'c'])).toBe(naive(['a', 'bc']));
    // Nor can a secret be moved into the beacon's place, or an empty secret appear from nowhere.
    expect(deriveSeed(digest, { witnessSecrets: ['abc'], beaconRandomness: null })).not.toBe(
      deriveSeed(digest, { witnessSecrets: ['abc', ''], beaconRandomness: null }),
    );
  });

  it('changes with the order of the secrets, the commitment digest and the beacon randomness', () => {
    const seed = deriveSeed(digest, {
      witnessSecrets: [SECRET_1, SECRET_2],
      beaconRandomness: randomness,
    });
    expect(
      deriveSeed(digest, { witnessSecrets: [SECRET_2, SECRET_1], beaconRandomness: randomness }),
    ).not.toBe(seed);
    expect(
      deriveSeed(commitmentDigest(content({ committedAt: '2026-12-03T08:00:00.001Z' })), {
        witnessSecrets: [SECRET_1, SECRET_2],
        beaconRandomness: randomness,
      }),
    ).not.toBe(seed);
    expect(
      deriveSeed(digest, {
        witnessSecrets: [SECRET_1, SECRET_2],
        beaconRandomness: sha256('another'),
      }),
    ).not.toBe(seed);
  });

  it('refuses a malformed commitment digest or beacon randomness', () => {
    expect(() =>
      deriveSeed(digest.toUpperCase(), { witnessSecrets: ['x'], beaconRandomness: null }),
    ).toThrow(/commitment digest/);
    expect(() =>
      deriveSeed(digest.slice(2), { witnessSecrets: ['x'], beaconRandomness: null }),
    ).toThrow(/commitment digest/);
    expect(() =>
      deriveSeed(digest, { witnessSecrets: ['x'], beaconRandomness: randomness.slice(1) }),
    ).toThrow(/beacon randomness/);
  });
});

describe('matching revealed witness secrets', () => {
  const secrets = {
    'witness-1': 'alpha secret',
    'witness-2': 'beta secret',
    'witness-3': 'gamma secret',
  };
  const committed: WitnessCommitment[] = [
    { name: 'witness-1', role: 'notary', commitment: witnessCommitmentOf(secrets['witness-1']) },
    {
      name: 'witness-2',
      role: '纪检监察 observer',
      commitment: witnessCommitmentOf(secrets['witness-2']),
    },
    {
      name: 'witness-3',
      role: 'citizen observer',
      commitment: witnessCommitmentOf(secrets['witness-3']),
    },
  ];
  const reveal = (names: (keyof typeof secrets)[]) =>
    names.map((name) => ({ name, secret: secrets[name] }));

  it('accepts the secrets in any order of reveal and returns them in commitment order', () => {
    const orders: (keyof typeof secrets)[][] = [
      ['witness-1', 'witness-2', 'witness-3'],
      ['witness-1', 'witness-3', 'witness-2'],
      ['witness-2', 'witness-1', 'witness-3'],
      ['witness-2', 'witness-3', 'witness-1'],
      ['witness-3', 'witness-1', 'witness-2'],
      ['witness-3', 'witness-2', 'witness-1'],
    ];
    for (const order of orders) {
      expect(matchWitnessSecrets(committed, reveal(order))).toEqual({
        secrets: ['alpha secret', 'beta secret', 'gamma secret'],
        problems: [],
      });
    }
  });

  it('names a witness who has not revealed', () => {
    const { problems } = matchWitnessSecrets(committed, reveal(['witness-1', 'witness-3']));
    expect(problems).toEqual(['witness "witness-2" (纪检监察 observer) has not revealed a secret']);
  });

  it('names a witness whose secret does not hash to their commitment', () => {
    const { problems } = matchWitnessSecrets(committed, [
      ...reveal(['witness-1', 'witness-3']),
      { name: 'witness-2', secret: 'beta secret ' },
    ]);
    expect(problems).toEqual([
      'the secret revealed for witness "witness-2" does not hash to their commitment',
    ]);
  });

  it('names a revealer who is not a witness of the commitment', () => {
    const { problems } = matchWitnessSecrets(committed, [
      ...reveal(['witness-1', 'witness-2', 'witness-3']),
      { name: 'Mallory', secret: 'whatever' },
    ]);
    expect(problems).toEqual(['"Mallory" is not a witness of this commitment']);
  });

  it('names a witness who revealed twice, even with the same secret', () => {
    const { problems } = matchWitnessSecrets(
      committed,
      reveal(['witness-1', 'witness-2', 'witness-2', 'witness-3']),
    );
    expect(problems).toEqual(['witness "witness-2" revealed twice']);
  });

  it('reports every problem at once', () => {
    const { problems } = matchWitnessSecrets(committed, [
      { name: 'witness-1', secret: 'wrong' },
      { name: 'eve', secret: 'x' },
    ]);
    expect(problems).toHaveLength(4);
    expect(problems.join('\n')).toMatch(/witness-1.*does not hash/);
    expect(problems.join('\n')).toMatch(/witness-2.*has not revealed/);
    expect(problems.join('\n')).toMatch(/witness-3.*has not revealed/);
    expect(problems.join('\n')).toMatch(/"eve" is not a witness/);
  });
});

describe('canonical digests of parameters and team inputs', () => {
  it('do not depend on the order of keys, at any depth', () => {
    const a = {
      taskId: 't',
      shift: 0.25,
      departments: [{ code: 'A', ratio: 0.1, checkItems: ['x', 'y'] }],
      scope: { divisions: ['3601'], tags: [] },
    };
    const b = {
      scope: { tags: [], divisions: ['3601'] },
      departments: [{ checkItems: ['x', 'y'], ratio: 0.1, code: 'A' }],
      shift: 0.25,
      taskId: 't',
    };
    expect(canonicalDigest(a)).toBe(canonicalDigest(b));
  });

  it('are SHA-256 of the RFC 8785 text: sorted keys, no spaces, ECMAScript numbers', () => {
    const value = { b: [2, 'x', null], a: 1.0, c: { z: true, y: 1e21, x: 0.1 } };
    expect(canonicalDigest(value)).toBe(
      sha256('{"a":1,"b":[2,"x",null],"c":{"x":0.1,"y":1e+21,"z":true}}'),
    );
  });

  it('do depend on the order of array elements and on every value', () => {
    expect(canonicalDigest({ xs: [1, 2] })).not.toBe(canonicalDigest({ xs: [2, 1] }));
    expect(canonicalDigest({ shift: 0.25 })).not.toBe(
      canonicalDigest({ shift: 0.2500000000000001 }),
    );
  });

  it('refuse values JSON cannot represent', () => {
    expect(() => canonicalDigest(undefined)).toThrow(RangeError);
    expect(() => canonicalDigest({ shift: Number.NaN })).toThrow();
    expect(() => canonicalDigest({ shift: Infinity })).toThrow();
  });
});

describe('inspector pseudonyms', () => {
  it('are "P" and the first 16 hex digits of HMAC-SHA256(key, id), and differ between keys', () => {
    const key = Buffer.alloc(32, 7);
    expect(pseudonymOf(key, 'inspector-17')).toBe(
      `P${createHmac('sha256', key).update('inspector-17').digest('hex').slice(0, 16)}`,
    );
    expect(pseudonymOf(Buffer.alloc(32, 8), 'inspector-17')).not.toBe(
      pseudonymOf(key, 'inspector-17'),
    );
  });
});
