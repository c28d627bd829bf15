/**
 * The commit–reveal steps of a draw for the tests: witnesses with random secrets, a drand-like
 * test chain whose rounds the tests sign themselves (the real quicknet's rounds are in the past),
 * and commit-then-draw through the gateway.
 */
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import path from 'node:path';
import { bls12_381 as bls } from '@noble/curves/bls12-381';
import type { BeaconChain } from '@jih/subgraphs/joint-tasks/src/draw/beacon';
import { BEACON_CHAIN_VARIABLES } from '@jih/subgraphs/joint-tasks/src/services/beacon.config';
import type { GraphQLResponse, TestFederation } from './federation';

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

/** The data of a response, or a failure that shows the errors. */
export function ok<T = any>(res: GraphQLResponse<T>): T {
  if (res.errors?.length || !res.data)
    throw new Error(`GraphQL errors: ${JSON.stringify(res.errors, null, 2)}`);
  return res.data;
}

/**
 * Runs `npm run verify-draw`'s script as a citizen would, asynchronously (a federation it fetches
 * from may run in this process, and independent runs can go together).
 */
export function runVerifyDraw(
  ...args: string[]
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      'node',
      ['-r', './scripts/register.js', 'scripts/verify-draw.ts', ...args],
      {
        cwd: path.join(__dirname, '..', '..'),
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
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
  const commitment = ok(
    await fed.query(COMMIT, { t: taskId, i: { witnesses: w.commitments, ...commit } }, { token }),
  ).commitDraw;
  const draw = ok(
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
