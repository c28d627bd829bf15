/**
 * Offline verification of drand randomness beacons, so a draw's seed can come from public randomness
 * that nobody, the operator of this hub included, could know or choose in advance.
 *
 * What drand is: a network of independent organisations (the League of Entropy: Cloudflare, Protocol
 * Labs, EPFL, universities...) that jointly hold one BLS threshold key. Every `period` seconds a round
 * begins and at least a threshold of members sign the round number (for chained schemes: the previous
 * signature, then the round); their partial signatures combine into one group signature, the beacon.
 * The randomness of a round is SHA-256 of that signature. Anyone holding the chain's public key checks
 * a beacon with one pairing equation, offline.
 *
 * Why a round emitted after the commit time gives unpredictable entropy: a BLS signature is unique for
 * a given key and message, so the randomness of round r is fixed the moment the key exists, yet nobody
 * can compute it without a threshold of the members' secret shares, which they only combine once round
 * r begins. If a task commits its inputs (frame digest, rules) at time T and then takes its seed from
 * `firstRoundAfter(chain, T)`, the seed did not exist anywhere at T, so the inputs cannot have been
 * tuned to it; and afterwards the operator cannot swap in another seed, because the round is fixed by
 * T and only one signature verifies for it. This holds unless a threshold of League members collude,
 * and only if T itself is recorded where it cannot be rewritten (otherwise an operator could retry
 * commits until a round suits them); that recording is the caller's job.
 *
 * Library: drand-client (the drand team's own TypeScript client) pinned at 1.4.2. Its package ships a
 * CommonJS bundle (build/cjs/index.cjs, chosen through the `require` condition of its exports map) with
 * @noble/curves inlined, so it loads under `node -r ./scripts/register.js` and under jest, neither of
 * which can require an ESM-only package. Its `verifyBeacon(chainInfo, beacon, round)` is not part of the
 * package's public exports, though; the exported `fetchBeacon(client, round)` calls exactly that check
 * on whatever the client returns. We therefore hand it an in-memory client that returns the chain info
 * and the beacon under test: no network is touched, and the BLS verification, domain separation tags
 * and message construction per scheme are drand's own rather than a re-implementation.
 *
 * Quicknet parameters: the chain's /info endpoint,
 * https://api.drand.sh/52db9ba70e0cc0f6eaf7803dd07447a1f5477735fd3f661792ba94600c84e971/info, as
 * hard-coded identically in drand/drand-client lib/defaults.ts (QUICKNET_CHAIN_INFO) and in
 * drand/tlock tlock_test.go; quicknet runs on the League of Entropy mainnet since 23 August 2023.
 */
import { createHash } from 'node:crypto';
import { fetchBeacon, type ChainClient, type ChainInfo, type RandomnessBeacon } from 'drand-client';

/** A drand chain, as its /info endpoint publishes it. */
export interface BeaconChain {
  /** Beacon ID, e.g. 'quicknet' (the /info `metadata.beaconID`). */
  readonly name: string;
  /** SHA-256 identifying the chain, lowercase hex (the /info `hash`). */
  readonly chainHash: string;
  /** The group public key, lowercase hex (the /info `public_key`). */
  readonly publicKey: string;
  /** Seconds between rounds, 3 for quicknet. */
  readonly periodSeconds: number;
  /** Unix seconds at which round 1 was emitted, 1692803367 for quicknet. */
  readonly genesisTime: number;
  /** Signature scheme (the /info `schemeID`), 'bls-unchained-g1-rfc9380' for quicknet. */
  readonly scheme: string;
}

/** What a scheme fixes about a beacon: the byte lengths of keys and signatures, and chaining. */
interface BeaconScheme {
  /** Public key bytes: G1 compressed (48), G2 compressed (96) or BN254 G2 uncompressed (128). */
  readonly publicKeyBytes: number;
  /** Signature bytes: G2 compressed (96), G1 compressed (48) or BN254 G1 uncompressed (64). */
  readonly signatureBytes: number;
  /** Whether each signature also covers the previous one (only the original `default` chain). */
  readonly chained: boolean;
  /** The generator of the signature group, encoded as a signature: a point known to decode. */
  readonly generatorHex: string;
}

/** Compressed generator of BLS12-381 G1 (the zcash encoding drand uses). */
const BLS12_381_G1 =
  '97f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac586c55e83ff97a1aeffb3af00adb22c6bb';

/** Compressed generator of BLS12-381 G2. */
const BLS12_381_G2 =
  '93e02b6052719f607dacd3a088274f65596bd0d09920b61ab5da61bbdc7f5049334cf11213945d57e5ac7d055d042b7e' +
  '024aa2b2f08f0a91260805272dc51051c6e47ad4fa403b02b4510b647ae3d1770bac0326a805bbefd48056c8c121bdb8';

/** Uncompressed generator (1, 2) of BN254 G1, x and y as 32-byte big-endian integers. */
const BN254_G1 = '01'.padStart(64, '0') + '02'.padStart(64, '0');

/**
 * Every scheme drand-client 1.4.2 verifies. All cost the same to support since the library does the
 * work; the lengths are checked here first so that malformed input gets a precise reason.
 */
const BEACON_SCHEMES: Readonly<Record<string, BeaconScheme>> = Object.freeze({
  /** League of Entropy `default` chain (30 s): keys on G1, signatures on G2 over prev sig + round. */
  'pedersen-bls-chained': {
    publicKeyBytes: 48,
    signatureBytes: 96,
    chained: true,
    generatorHex: BLS12_381_G2,
  },
  /** Keys on G1, signatures on G2 over the round alone. */
  'pedersen-bls-unchained': {
    publicKeyBytes: 48,
    signatureBytes: 96,
    chained: false,
    generatorHex: BLS12_381_G2,
  },
  /** The retired `fastnet`: signatures on G1 under a non-standard domain separation tag. */
  'bls-unchained-on-g1': {
    publicKeyBytes: 96,
    signatureBytes: 48,
    chained: false,
    generatorHex: BLS12_381_G1,
  },
  /** `quicknet`: signatures on G1 with the RFC 9380 hash-to-curve tag. */
  'bls-unchained-g1-rfc9380': {
    publicKeyBytes: 96,
    signatureBytes: 48,
    chained: false,
    generatorHex: BLS12_381_G1,
  },
  /** `evmnet`: BN254 curve, cheap to verify on Ethereum. */
  'bls-bn254-unchained-on-g1': {
    publicKeyBytes: 128,
    signatureBytes: 64,
    chained: false,
    generatorHex: BN254_G1,
  },
});

/** The supported scheme names, for messages. */
const SCHEME_LIST = Object.keys(BEACON_SCHEMES).join(', ');

/** The League of Entropy quicknet chain (see the file header for the source). */
export const QUICKNET: BeaconChain = Object.freeze({
  name: 'quicknet',
  chainHash: '52db9ba70e0cc0f6eaf7803dd07447a1f5477735fd3f661792ba94600c84e971',
  publicKey:
    '83cf0f2896adee7eb8b5f01fcad3912212c437e0073e911fb90022d3e760183c8c4b450b6a0a6c3ac6a5776a2d1064510d1fec758c' +
    '921cc22b0e17e63aaf4bcb5ed66304de9cf809bd274ca73bab4af5a6e9c76a4bc09e76eae8991ef5ece45a',
  periodSeconds: 3,
  genesisTime: 1692803367,
  scheme: 'bls-unchained-g1-rfc9380',
});

/** The beacon fields a verification needs; `randomness` is derived, never trusted from input. */
export interface BeaconInput {
  readonly round: number;
  /** Hex of the group signature. */
  readonly signature: string;
  /** Hex of the previous round's signature (the genesis seed for round 1); chained schemes only. */
  readonly previousSignature?: string;
}

/** The outcome of {@link verifyBeacon}. */
export type BeaconVerification = { ok: true; randomness: string } | { ok: false; reason: string };

/** Genesis times beyond this are surely milliseconds (it is the year 5138 in seconds). */
const LATEST_PLAUSIBLE_GENESIS_SECONDS = 1e11;

/** Length of a chain hash and of the genesis seed that stands in for round 1's previous signature. */
const SHA256_BYTES = 32;

/**
 * Unix ms at which `round` is emitted: genesis + (round - 1) * period.
 *
 * @throws RangeError if `round` is not an integer >= 1 (round 0 is the genesis, never emitted).
 */
export function roundTime(chain: BeaconChain, round: number): number {
  if (!Number.isSafeInteger(round) || round < 1) {
    throw new RangeError(`round must be an integer >= 1, got ${shown(round)}`);
  }
  return (chain.genesisTime + (round - 1) * chain.periodSeconds) * 1000;
}

/**
 * The first round emitted strictly after `timeMs` (unix ms); round 1 for any time before genesis.
 * A round emitted exactly at `timeMs` does not count: its value may already be public at that instant.
 *
 * @throws RangeError if `timeMs` is not a finite number.
 */
export function firstRoundAfter(chain: BeaconChain, timeMs: number): number {
  if (!Number.isFinite(timeMs)) {
    throw new RangeError(`time must be a finite number of milliseconds, got ${timeMs}`);
  }
  const sinceGenesis = timeMs - chain.genesisTime * 1000;
  if (sinceGenesis < 0) return 1;
  // Round k + 1 is emitted at genesis + k periods, so the last round at or before timeMs is
  // floor(sinceGenesis / period) + 1, and the one we want is the next.
  return Math.floor(sinceGenesis / (chain.periodSeconds * 1000)) + 2;
}

/**
 * Verifies a beacon offline against the chain's public key and scheme. The randomness returned is
 * SHA-256 of the signature bytes, lowercase hex, which is drand's definition of a round's randomness.
 *
 * Never throws: malformed hex, wrong lengths, a signature for another round or key, a public key that
 * is not a curve point, or a chain with an unknown scheme all give `ok: false` with an English reason.
 */
export async function verifyBeacon(
  chain: BeaconChain,
  beacon: BeaconInput,
): Promise<BeaconVerification> {
  try {
    return await verifyUnsafe(chain, beacon);
  } catch (error) {
    // Only reachable for inputs that defeat the checks below (e.g. a getter that throws).
    return { ok: false, reason: `beacon could not be verified: ${messageOf(error)}` };
  }
}

async function verifyUnsafe(chain: BeaconChain, beacon: BeaconInput): Promise<BeaconVerification> {
  const fail = (reason: string): BeaconVerification => ({ ok: false, reason });
  if (typeof chain !== 'object' || chain === null) return fail('chain is missing');
  const scheme = schemeOf(chain.scheme);
  if (!scheme) {
    return fail(
      `chain scheme ${shown(chain.scheme)} is not supported; expected one of ${SCHEME_LIST}`,
    );
  }
  const keyProblem = hexProblem('chain public key', chain.publicKey, [scheme.publicKeyBytes]);
  if (keyProblem) return fail(keyProblem);

  if (typeof beacon !== 'object' || beacon === null) return fail('beacon is missing');
  const { round, signature, previousSignature } = beacon;
  if (typeof round !== 'number' || !Number.isSafeInteger(round) || round < 1) {
    return fail(`round must be an integer >= 1, got ${shown(round)}`);
  }
  const signatureProblem = hexProblem('signature', signature, [scheme.signatureBytes]);
  if (signatureProblem) return fail(signatureProblem);

  const hasPrevious = previousSignature !== undefined && previousSignature !== '';
  if (scheme.chained) {
    if (!hasPrevious)
      return fail(`scheme ${chain.scheme} is chained: previousSignature is required`);
    // Round 1 of a chained chain signs the 32-byte genesis seed in place of a previous signature.
    const allowed = round === 1 ? [scheme.signatureBytes, SHA256_BYTES] : [scheme.signatureBytes];
    const previousProblem = hexProblem('previous signature', previousSignature, allowed);
    if (previousProblem) return fail(previousProblem);
  } else if (hasPrevious) {
    // The library would reject it anyway, but only after logging to the console; say why instead.
    return fail(`scheme ${chain.scheme} is unchained: a beacon has no previous signature`);
  }

  const signatureHex = signature.toLowerCase();
  const randomness = createHash('sha256').update(Buffer.from(signatureHex, 'hex')).digest('hex');
  const info: ChainInfo = {
    public_key: chain.publicKey.toLowerCase(),
    period: chain.periodSeconds,
    genesis_time: chain.genesisTime,
    hash: typeof chain.chainHash === 'string' ? chain.chainHash.toLowerCase() : '',
    groupHash: '', // not used by verification, and not part of BeaconChain
    schemeID: chain.scheme,
    metadata: { beaconID: chain.name },
  };
  // Round, randomness and beacon type are made consistent here, so the library's only remaining
  // checks are the curve decoding and the pairing equation (and it has nothing to log to the console).
  const candidate: RandomnessBeacon = scheme.chained
    ? {
        round,
        randomness,
        signature: signatureHex,
        previous_signature: previousSignature!.toLowerCase(),
      }
    : { round, randomness, signature: signatureHex };
  try {
    await fetchBeacon(offlineClient(info, candidate), round);
  } catch (error) {
    const message = messageOf(error);
    if (/beacon retrieved was not valid/i.test(message)) {
      return fail(
        `signature does not verify: it is not the ${chain.name || 'chain'} group's signature for round ${round}` +
          (scheme.chained ? ' and the given previous signature' : '') +
          " (wrong round, altered signature or another chain's key)",
      );
    }
    const culprit = (await publicKeyDecodes(info, scheme, candidate))
      ? 'signature'
      : 'chain public key';
    return fail(`${culprit} is not a valid curve point for scheme ${chain.scheme} (${message})`);
  }
  return { ok: true, randomness };
}

/**
 * Whether the library can decode the chain's public key, found by verifying the group generator as
 * a signature: that is a valid point, so a decoding error can then only come from the key. Run only
 * after a decoding failure, to say which input is broken; the generator itself never verifies.
 */
async function publicKeyDecodes(
  info: ChainInfo,
  scheme: BeaconScheme,
  beacon: RandomnessBeacon,
): Promise<boolean> {
  const signature = scheme.generatorHex;
  const randomness = createHash('sha256').update(Buffer.from(signature, 'hex')).digest('hex');
  try {
    await fetchBeacon(offlineClient(info, { ...beacon, signature, randomness }), beacon.round);
    return true;
  } catch (error) {
    return /beacon retrieved was not valid/i.test(messageOf(error));
  }
}

/**
 * A drand-client ChainClient that answers from memory, so `fetchBeacon` runs its verification on
 * `beacon` without any request. Nothing here can reach the network: there is no URL to fetch.
 */
function offlineClient(info: ChainInfo, beacon: RandomnessBeacon): ChainClient {
  return {
    options: { disableBeaconVerification: false, noCache: true },
    chain: () => ({ baseUrl: 'offline:', info: async () => info }),
    latest: async () => beacon,
    get: async () => beacon,
  };
}

/**
 * Parses a chain from environment-like config (numbers may be given as decimal strings), listing
 * every problem rather than stopping at the first, so one fix-and-retry cycle is enough. Hex is
 * normalised to lowercase. `chain` is present only when `problems` is empty.
 *
 * The public key is checked for hex and length only; whether it is a point on the curve shows on the
 * first verification, which then fails with that reason.
 */
export function parseBeaconChain(input: Partial<Record<keyof BeaconChain, unknown>>): {
  chain?: BeaconChain;
  problems: string[];
} {
  const problems: string[] = [];
  const source = typeof input === 'object' && input !== null ? input : {};

  const name = typeof source.name === 'string' ? source.name.trim() : '';
  if (!name) problems.push('name must be a non-empty string (the beacon ID, e.g. quicknet)');

  const schemeName = typeof source.scheme === 'string' ? source.scheme.trim() : undefined;
  const scheme = schemeOf(schemeName);
  if (source.scheme === undefined || source.scheme === '') {
    problems.push(`scheme is missing; expected one of ${SCHEME_LIST}`);
  } else if (!scheme) {
    problems.push(
      `scheme ${shown(source.scheme)} is not supported; expected one of ${SCHEME_LIST}`,
    );
  }

  const chainHashProblem = hexProblem('chainHash', source.chainHash, [SHA256_BYTES]);
  if (chainHashProblem) problems.push(chainHashProblem);

  // Without a known scheme the key length cannot be judged; still report non-hex input.
  const keyLengths = scheme ? [scheme.publicKeyBytes] : undefined;
  const keyProblem = hexProblem('publicKey', source.publicKey, keyLengths);
  if (keyProblem) problems.push(keyProblem + (scheme ? ` for scheme ${schemeName}` : ''));

  const periodSeconds = positiveInteger('periodSeconds', source.periodSeconds, problems);
  const genesisTime = positiveInteger('genesisTime', source.genesisTime, problems);
  if (genesisTime !== undefined && genesisTime > LATEST_PLAUSIBLE_GENESIS_SECONDS) {
    problems.push(`genesisTime ${genesisTime} looks like milliseconds; it must be unix seconds`);
  }

  if (problems.length > 0) return { problems };
  const chain: BeaconChain = Object.freeze({
    name,
    chainHash: (source.chainHash as string).toLowerCase(),
    publicKey: (source.publicKey as string).toLowerCase(),
    periodSeconds: periodSeconds!,
    genesisTime: genesisTime!,
    scheme: schemeName!,
  });
  return { chain, problems };
}

/** The scheme called `name`, if supported; own keys only, so 'toString' and the like are not schemes. */
function schemeOf(name: unknown): BeaconScheme | undefined {
  return typeof name === 'string' && Object.hasOwn(BEACON_SCHEMES, name)
    ? BEACON_SCHEMES[name]
    : undefined;
}

/**
 * Why `value` is not hex of one of `byteLengths` bytes (any length if omitted), or undefined if it is.
 * Case-insensitive; a 0x prefix is refused because drand never writes one and silently stripping it
 * would hide a value pasted from somewhere else.
 */
function hexProblem(
  what: string,
  value: unknown,
  byteLengths?: readonly number[],
): string | undefined {
  if (typeof value !== 'string' || value === '') return `${what} must be a hex string`;
  if (!/^[0-9a-fA-F]*$/.test(value)) {
    const at = value.search(/[^0-9a-fA-F]/);
    return `${what} is not hex: unexpected ${JSON.stringify(value[at])} at position ${at}`;
  }
  if (value.length % 2 !== 0) return `${what} has an odd number of hex digits (${value.length})`;
  const bytes = value.length / 2;
  if (byteLengths && !byteLengths.includes(bytes)) {
    const expected = byteLengths.map((n) => `${n} bytes (${2 * n} hex digits)`).join(' or ');
    return `${what} must be ${expected}, got ${bytes} bytes`;
  }
  return undefined;
}

/** A positive integer from a number or a decimal string, else a problem is recorded. */
function positiveInteger(what: string, value: unknown, problems: string[]): number | undefined {
  const decimal = typeof value === 'string' && /^\s*\d+\s*$/.test(value);
  const parsed = typeof value === 'number' ? value : decimal ? Number(value) : NaN;
  if (!Number.isSafeInteger(parsed) || parsed <= 0) {
    problems.push(`${what} must be a positive integer, got ${shown(value)}`);
    return undefined;
  }
  return parsed;
}

/** A value for a message: strings quoted (so blanks show), NaN and undefined spelt out. */
function shown(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'object' && value !== null) {
    try {
      return JSON.stringify(value);
    } catch {
      return String(value);
    }
  }
  return String(value);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
