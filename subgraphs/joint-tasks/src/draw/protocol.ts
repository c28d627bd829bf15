/**
 * The commit–reveal protocol of a draw (抽取的承诺与揭示): what is frozen before any entropy
 * exists, how the entropy is revealed and checked, and how the seed is derived from both.
 * Pure functions with no database, so the offline verifier runs exactly this code.
 *
 * 1. Commit. The lead planner freezes the task's parameters, the frame (every eligible
 *    enterprise with each department's p) and the inputs of the inspector draw. Their digests,
 *    the algorithm version, the commit time and the entropy plan are hashed into the
 *    commitment digest and published in the public draw log:
 *
 *      commitment <TAB> jih-draw/1
 *      task       <TAB> <task id>
 *      algorithm  <TAB> <algorithm version>
 *      parameters <TAB> <parameters digest>
 *      frame      <TAB> <frame digest>
 *      teams      <TAB> <team inputs digest>
 *      committed  <TAB> <commit time, ISO 8601 UTC with milliseconds>
 *      witness    <TAB> <name> <TAB> <role> <TAB> <SHA-256 of the witness's secret>   one per witness
 *      beacon     <TAB> <drand chain hash> <TAB> <chain public key> <TAB> <round>     when planned
 *
 *    every line ending in "\n"; the digest is SHA-256 of that UTF-8 text, lowercase hex.
 *    The parameters and team-input digests are SHA-256 of the RFC 8785 canonical JSON of the
 *    objects (keys sorted, no spaces, ECMAScript number form).
 * 2. Reveal. Each witness reveals the secret whose SHA-256 they handed over; the drand round,
 *    emitted strictly after the commit time, is verified against the chain's public key.
 * 3. Seed. seed = SHA-256(C ‖ E) as lowercase hex, where C is the commitment digest as 32 raw
 *    bytes and E is, for each witness in commitment order, the secret's UTF-8 byte length as a
 *    4-byte big-endian integer followed by those bytes, then, when a beacon was planned, the
 *    beacon's 32 randomness bytes (SHA-256 of its signature). The length prefixes make the
 *    split between secrets unambiguous.
 *
 * Nobody can foresee the seed before the reveal (one honest witness with a strong secret, or the
 * beacon, suffices), and nobody can steer it afterwards: the frame and everything else that
 * decides the outcome was fixed in the commitment before the entropy existed.
 */
import { createHash, createHmac } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { DepartmentMode } from './coordinated';
import type { StaffingContext } from './inspectors';

/** The protocol's name and version, the first line of every commitment text. */
export const PROTOCOL_VERSION = 'jih-draw/1';

/** A witness's commitment: who they are and SHA-256 (hex) of the secret they chose. */
export interface WitnessCommitment {
  /** The witness's name, e.g. 李明. */
  readonly name: string;
  /** Their capacity, e.g. 纪检监察 observer, notary, enterprise representative. */
  readonly role: string;
  /** SHA-256 of the secret's UTF-8 bytes, 64 lowercase hex digits. */
  readonly commitment: string;
}

/** The drand round a commitment waits for. */
export interface BeaconPlan {
  /** Chain hash (hex) of the drand chain. */
  readonly chainHash: string;
  /** The chain's public key (hex): pinned in the commitment, so no other key can vouch later. */
  readonly publicKey: string;
  /** Round number; emitted strictly after the commit time. */
  readonly round: number;
}

/** Everything a commitment digest covers. */
export interface CommitmentContent {
  readonly taskId: string;
  readonly algorithmVersion: string;
  readonly parametersDigest: string;
  readonly frameDigest: string;
  readonly teamInputsDigest: string;
  /** ISO 8601 UTC with milliseconds, e.g. 2026-12-03T08:00:00.000Z. */
  readonly committedAt: string;
  readonly witnesses: readonly WitnessCommitment[];
  readonly beacon: BeaconPlan | null;
}

/** The revealed entropy, in commitment order. */
export interface RevealedEntropy {
  /** One secret per committed witness, in commitment order. */
  readonly witnessSecrets: readonly string[];
  /** The beacon's randomness (64 hex digits) when a beacon was planned, else null. */
  readonly beaconRandomness: string | null;
}

const HEX64 = /^[0-9a-f]{64}$/;

/** SHA-256 of a UTF-8 text or bytes, lowercase hex. */
function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * SHA-256 of the RFC 8785 canonical JSON of a value: the digest of parameters and team inputs.
 *
 * @throws for values JSON cannot represent canonically (NaN, Infinity, undefined)
 */
export function canonicalDigest(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new RangeError('value has no canonical JSON form');
  return sha256Hex(text);
}

/** What a witness hands over: SHA-256 of their secret's UTF-8 bytes. */
export function witnessCommitmentOf(secret: string): string {
  return sha256Hex(Buffer.from(secret, 'utf8'));
}

/**
 * The commitment text (see the module comment) whose SHA-256 is the commitment digest.
 *
 * @throws RangeError on a malformed digest, a control character in a name, or a bad round
 */
export function commitmentText(c: CommitmentContent): string {
  for (const [what, v] of [
    ['parameters digest', c.parametersDigest],
    ['frame digest', c.frameDigest],
    ['team inputs digest', c.teamInputsDigest],
  ]) {
    if (!HEX64.test(v)) throw new RangeError(`${what} must be 64 lowercase hex digits`);
  }
  if (
    Number.isNaN(Date.parse(c.committedAt)) ||
    new Date(c.committedAt).toISOString() !== c.committedAt
  ) {
    throw new RangeError(
      `commit time ${JSON.stringify(c.committedAt)} is not ISO 8601 UTC with milliseconds`,
    );
  }
  let text = `commitment\t${PROTOCOL_VERSION}\ntask\t${plain(c.taskId, 'task id')}\nalgorithm\t${plain(c.algorithmVersion, 'algorithm version')}\n`;
  text += `parameters\t${c.parametersDigest}\nframe\t${c.frameDigest}\nteams\t${c.teamInputsDigest}\ncommitted\t${c.committedAt}\n`;
  const names = new Set<string>();
  for (const w of c.witnesses) {
    if (names.has(w.name)) throw new RangeError(`witness ${JSON.stringify(w.name)} is named twice`);
    names.add(w.name);
    if (!HEX64.test(w.commitment))
      throw new RangeError(`witness ${w.name}: commitment must be 64 lowercase hex digits`);
    text += `witness\t${plain(w.name, 'witness name')}\t${plain(w.role, 'witness role')}\t${w.commitment}\n`;
  }
  if (c.beacon) {
    if (!Number.isSafeInteger(c.beacon.round) || c.beacon.round < 1)
      throw new RangeError(`beacon round must be a positive integer, got ${c.beacon.round}`);
    text += `beacon\t${plain(c.beacon.chainHash, 'chain hash')}\t${plain(c.beacon.publicKey, 'public key')}\t${c.beacon.round}\n`;
  }
  return text;
}

/** SHA-256 of the commitment text, lowercase hex. */
export function commitmentDigest(c: CommitmentContent): string {
  return sha256Hex(Buffer.from(commitmentText(c), 'utf8'));
}

/**
 * The entropy bytes E of the seed derivation: length-prefixed witness secrets in commitment
 * order, then the beacon randomness.
 */
export function entropyBytes(entropy: RevealedEntropy): Buffer {
  const parts: Buffer[] = [];
  for (const secret of entropy.witnessSecrets) {
    const bytes = Buffer.from(secret, 'utf8');
    const length = Buffer.alloc(4);
    length.writeUInt32BE(bytes.length);
    parts.push(length, bytes);
  }
  if (entropy.beaconRandomness !== null) {
    if (!HEX64.test(entropy.beaconRandomness))
      throw new RangeError('beacon randomness must be 64 lowercase hex digits');
    parts.push(Buffer.from(entropy.beaconRandomness, 'hex'));
  }
  return Buffer.concat(parts);
}

/** seed = SHA-256(commitment digest bytes ‖ entropy bytes), lowercase hex. */
export function deriveSeed(commitmentDigestHex: string, entropy: RevealedEntropy): string {
  if (!HEX64.test(commitmentDigestHex))
    throw new RangeError('commitment digest must be 64 lowercase hex digits');
  return createHash('sha256')
    .update(Buffer.from(commitmentDigestHex, 'hex'))
    .update(entropyBytes(entropy))
    .digest('hex');
}

/**
 * Checks revealed witness secrets against the commitments, in any order of reveal.
 *
 * @returns the secrets in commitment order, and the problems (empty when every witness revealed
 *   a secret that hashes to their commitment)
 */
export function matchWitnessSecrets(
  committed: readonly WitnessCommitment[],
  revealed: readonly { name: string; secret: string }[],
): { secrets: string[]; problems: string[] } {
  const problems: string[] = [];
  const byName = new Map<string, string>();
  for (const r of revealed) {
    if (byName.has(r.name)) problems.push(`witness "${r.name}" revealed twice`);
    byName.set(r.name, r.secret);
  }
  const secrets: string[] = [];
  for (const w of committed) {
    const secret = byName.get(w.name);
    if (secret === undefined) {
      problems.push(`witness "${w.name}" (${w.role}) has not revealed a secret`);
      continue;
    }
    byName.delete(w.name);
    if (witnessCommitmentOf(secret) !== w.commitment)
      problems.push(
        `the secret revealed for witness "${w.name}" does not hash to their commitment`,
      );
    secrets.push(secret);
  }
  for (const name of byName.keys()) problems.push(`"${name}" is not a witness of this commitment`);
  return { secrets, problems };
}

/**
 * A per-draw pseudonym of an inspector for the public bundle: "P" and the first 16 hex digits of
 * HMAC-SHA256(key, id). The key is random per commitment and never published, so nobody can
 * link a pseudonym to an inspector id; the inspector draw is invariant under renaming that
 * keeps the inspectors' order, so the bundle's teams re-derive from pseudonyms alone.
 */
export function pseudonymOf(key: Uint8Array, id: string): string {
  return `P${createHmac('sha256', key).update(id, 'utf8').digest('hex').slice(0, 16)}`;
}

/** Whether a string holds a control character (they would make the commitment text ambiguous). */
export function hasControlCharacter(s: string): boolean {
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u001f\u007f]/.test(s);
}

/** The shortest secret a witness may reveal: a shorter one could be guessed from its public hash. */
export const MIN_WITNESS_SECRET_LENGTH = 16;

/** Whether a witness's secret is too short to seed a draw (counted in characters, not bytes). */
export function isGuessableSecret(secret: string): boolean {
  return [...secret].length < MIN_WITNESS_SECRET_LENGTH;
}

/** Rejects text with control characters. */
function plain(s: string, what: string): string {
  if (typeof s !== 'string' || s.length === 0)
    throw new RangeError(`${what} must be a non-empty string`);
  if (hasControlCharacter(s))
    throw new RangeError(`${what} ${JSON.stringify(s)} contains a control character`);
  return s;
}

/**
 * A task's parameters as frozen in a commitment: everything besides the frame and the inspector
 * data that decides a draw. Published in the bundle; its canonical JSON's SHA-256 is the
 * parameters digest.
 */
export interface DrawParameters {
  readonly taskId: string;
  readonly title: string;
  readonly leadDepartment: string;
  readonly windowStart: string;
  readonly windowEnd: string;
  /** Directed-draw conditions as given (divisions, industries, types, tags). */
  readonly scope: Readonly<Record<string, unknown>>;
  /** Participating departments, in frame column order (by code). */
  readonly departments: readonly {
    readonly code: string;
    readonly checkItems: readonly string[];
    readonly ratio: number | null;
    readonly sampleSize: number | null;
    readonly riskWeighted: boolean;
    readonly pool: 'WHOLE' | 'SUB_POOL';
  }[];
  /** Start-point shift of the permanent random numbers. */
  readonly shift: number;
  readonly minPerTeam: number;
  readonly capacityPerDay: number;
  /** An admin's recorded reason for drawing a window wholly in the past, else null. */
  readonly backfillReason: string | null;
}

/**
 * The inputs of the inspector draw as frozen in a commitment, inspector ids pseudonymised (see
 * {@link pseudonymOf}); no names, no recusal reasons. Its canonical JSON's SHA-256 is the team
 * inputs digest.
 */
export interface TeamInputs {
  /** Inspectors of the participating departments, in the order the draw uses. */
  readonly inspectors: readonly {
    readonly id: string;
    readonly department: string;
    readonly active: boolean;
    readonly expertise: readonly string[];
  }[];
  /** Per department: required expertise and pool. */
  readonly departments: readonly {
    readonly department: string;
    readonly requiredExpertise: readonly string[];
    readonly pool:
      | { readonly kind: 'whole' }
      | { readonly kind: 'subPool'; readonly inspectorIds: readonly string[] };
  }[];
  /** [inspector, uscc]: recusal declarations against enterprises of the frame. */
  readonly recusals: readonly (readonly [string, string])[];
  /** [inspector, uscc]: checks within each department's rotation window, before or after. */
  readonly rotation: readonly (readonly [string, string])[];
  /** [inspector, teams]: teams in other tasks whose windows overlap this one. */
  readonly priorLoad: readonly (readonly [string, number])[];
  readonly capacity: { readonly perDay: number; readonly workingDays: number };
  readonly minPerTeam: number;
}

/** Each department's draw mode, from the parameters. */
export function modesOf(parameters: DrawParameters): Record<string, DepartmentMode> {
  return Object.fromEntries(
    parameters.departments.map((d) => [
      d.code,
      d.sampleSize != null ? { kind: 'fixed', n: d.sampleSize } : { kind: 'poisson' },
    ]),
  );
}

/** The inspector draw's context for a seed and frozen team inputs. */
export function staffingContextOf(seed: string, inputs: TeamInputs): StaffingContext {
  return {
    seed,
    inspectors: inputs.inspectors,
    departments: inputs.departments,
    recusals: inputs.recusals.map(([inspectorId, uscc]) => ({ inspectorId, uscc })),
    rotation: inputs.rotation.map(([inspectorId, uscc]) => ({ inspectorId, uscc })),
    priorLoad: inputs.priorLoad.map(([inspectorId, teams]) => ({ inspectorId, teams })),
    capacity: inputs.capacity,
    minPerTeam: inputs.minPerTeam,
  };
}
