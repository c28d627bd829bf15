/**
 * The commit–reveal steps of a draw for the tests: witnesses with random secrets, a drand-like
 * test chain whose rounds the tests sign themselves (the real quicknet's rounds are in the past),
 * and commit-then-draw through the gateway.
 */
import { createHash, randomBytes } from 'node:crypto';
import { bls12_381 as bls } from '@noble/curves/bls12-381';
import type { BeaconChain } from '@jih/subgraphs/joint-tasks/src/draw/beacon';
import { BEACON_CHAIN_VARIABLES } from '@jih/subgraphs/joint-tasks/src/services/beacon.config';
import type { TestFederation } from './federation';

/** Witnesses with fresh random secrets: what they commit and what they reveal. */
export function witnesses(n = 2): {
  commitments: { name: string; role: string; commitment: string }[];
  secrets: { name: string; secret: string }[];
} {
  const roles = [
    '纪检监察 observer',
    'notary (公证员)',
    'enterprise representative',
    'citizen observer',
  ];
  const people = Array.from({ length: n }, (_, k) => ({
    name: `witness-${k + 1}`,
    role: roles[k % roles.length],
    secret: randomBytes(16).toString('hex'),
  }));
  return {
    commitments: people.map((p) => ({
      name: p.name,
      role: p.role,
      commitment: createHash('sha256').update(p.secret, 'utf8').digest('hex'),
    })),
    secrets: people.map((p) => ({ name: p.name, secret: p.secret })),
  };
}

/** The data of a GraphQL response, or a failure that shows the errors. */
function data(res: { data?: any; errors?: unknown[] }): any {
  if (res.errors?.length || !res.data)
    throw new Error(`GraphQL errors: ${JSON.stringify(res.errors, null, 2)}`);
  return res.data;
}

export const COMMIT = `mutation($t: ID!, $i: CommitDrawInput!) { commitDraw(taskId: $t, input: $i) {
  id status digest parametersDigest frameDigest teamInputsDigest frameSize committedAt witnesses { name role commitment } beacon { round chainHash roundTime } } }`;
export const DRAW = `mutation($id: ID!, $e: DrawEntropyInput!) { drawJointTask(id: $id, entropy: $e) {
  id seed frameSize expectedVisits independentVisits separateVisits realisedVisits understaffedTeams frameDigest algorithmVersion visitsSaved commitmentId
  departmentStats { department mode eligible expected realised shortfall sampleSize } } }`;

/**
 * Commits a task's draw with two witnesses and draws it at once; returns the commitment and the
 * draw. `commit` adds to the commitment's input, e.g. an admin's `backfillReason`.
 */
export async function commitAndDraw(
  fed: TestFederation,
  taskId: string,
  token: string,
  commit: { backfillReason?: string } = {},
): Promise<{ commitment: any; draw: any }> {
  const w = witnesses();
  const commitment = data(
    await fed.query(COMMIT, { t: taskId, i: { witnesses: w.commitments, ...commit } }, { token }),
  ).commitDraw;
  const draw = data(
    await fed.query(DRAW, { id: taskId, e: { witnessSecrets: w.secrets } }, { token }),
  ).drawJointTask;
  return { commitment, draw };
}

/** A drand-like chain of the quicknet scheme with a key the tests hold, rounds every second. */
export class TestBeaconChain {
  private readonly secretKey = bls.utils.randomPrivateKey();
  readonly chain: BeaconChain;

  constructor(genesisTime = Math.floor(Date.now() / 1000) - 3600) {
    const publicKey = Buffer.from(bls.getPublicKeyForShortSignatures(this.secretKey)).toString(
      'hex',
    );
    this.chain = {
      name: 'test-quicknet',
      chainHash: createHash('sha256').update(publicKey).digest('hex'),
      publicKey,
      periodSeconds: 1,
      genesisTime,
      scheme: 'bls-unchained-g1-rfc9380',
    };
  }

  /** The round's signature as the chain would publish it (hex). */
  sign(round: number): string {
    const message = Buffer.alloc(8);
    message.writeBigUInt64BE(BigInt(round));
    const digest = createHash('sha256').update(message).digest();
    return Buffer.from(
      bls.signShortSignature(digest, this.secretKey, {
        DST: 'BLS_SIG_BLS12381G1_XMD:SHA-256_SSWU_RO_NUL_',
      }),
    ).toString('hex');
  }

  /**
   * Points the joint-tasks subgraph (in this process) at this chain, with a one-second minimum
   * between commit and round; returns a function that undoes it.
   */
  configure(): () => void {
    const variables = [...Object.values(BEACON_CHAIN_VARIABLES), 'DRAW_MIN_BEACON_DELAY_SECONDS'];
    const before = variables.map((v) => [v, process.env[v]] as const);
    const values: Record<string, string | number> = { ...this.chain, name: this.chain.name };
    for (const [key, variable] of Object.entries(BEACON_CHAIN_VARIABLES))
      process.env[variable] = String(values[key]);
    // Rounds every second; a one-second minimum keeps the tests from waiting half a minute.
    process.env.DRAW_MIN_BEACON_DELAY_SECONDS = '1';
    return () => {
      for (const [v, value] of before) {
        if (value === undefined) delete process.env[v];
        else process.env[v] = value;
      }
    };
  }
}
