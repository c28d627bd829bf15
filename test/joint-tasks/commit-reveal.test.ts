import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { getNamedType, isLeafType, isObjectType, parse, type GraphQLObjectType } from 'graphql';
import { createLogger } from '@jih/kit';
import { sql } from '../support/database';
import { COMMIT, DRAW, runVerifyDraw, TestBeaconChain, witnesses } from '../support/draw-protocol';
import { startFederation, token, type TestFederation } from '../support/federation';
import { postGraphQL } from '../support/http';
import { chinaDay, codeOf, futureWindow, ok, taskInput } from '../support/joint-task-flow';

let fed: TestFederation;
let planner: string;
let admin: string;
const logLines: string[] = [];
const sink = { write: (msg: string) => void logLines.push(msg) };

const CREATE = `mutation($i: CreateJointTaskInput!) { createJointTask(input: $i) { id } }`;
const LOG = `query($first: Int, $after: String) { publicDrawLog(first: $first, after: $after) {
  nodes { id taskId title leadDepartment departments status digest parametersDigest frameDigest teamInputsDigest frameSize committedAt
    witnesses { name role commitment } beacon { chainName round roundTime } backfillReason cancelReason cancelledAt drawId drawnAt seed sampleSize bundleUrl
    entropy { witnesses { name secret } beaconRound beaconSignature beaconRandomness } }
  pageInfo { hasNextPage endCursor } } }`;

beforeAll(async () => {
  fed = await startFederation({ logger: (service) => createLogger(service, 'debug', sink) });
  planner = await token('market', ['planner']);
  admin = await token('market', ['admin']);
});
afterAll(() => fed?.stop());

async function createTask(overrides: Record<string, unknown> = {}, as = planner): Promise<string> {
  return ok(
    await fed.query(CREATE, { i: taskInput({ ...futureWindow(), ...overrides }) }, { token: as }),
  ).createJointTask.id;
}

/** A selection of every leaf field of a type, and of the leaf fields of its object fields without arguments. */
function everyField(type: GraphQLObjectType, depth = 1, except: string[] = []): string {
  const parts: string[] = [];
  for (const field of Object.values(type.getFields())) {
    if (except.includes(field.name)) continue;
    if (field.args.some((a) => a.type.toString().endsWith('!') && a.defaultValue === undefined))
      continue;
    const named = getNamedType(field.type);
    if (isLeafType(named)) parts.push(field.name);
    else if (depth > 0 && isObjectType(named) && !named.name.endsWith('Connection'))
      parts.push(`${field.name} { ${everyField(named, depth - 1) || '__typename'} }`);
  }
  return parts.join(' ');
}

function gatewayBase(): string {
  return fed.gatewayUrl.replace(/\/graphql$/, '');
}

/** commitDraw on a task, as the market planner unless another token is given. */
function commit(taskId: string, input: Record<string, unknown>, as = planner) {
  return fed.query(COMMIT, { t: taskId, i: input }, { token: as });
}

/** drawJointTask revealing the given entropy, as the market planner unless another token is given. */
function reveal(taskId: string, entropy: Record<string, unknown>, as = planner) {
  return fed.query(DRAW, { id: taskId, e: entropy }, { token: as });
}

async function publicLog(): Promise<any[]> {
  return ok(await fed.query(LOG, { first: 100 })).publicDrawLog.nodes;
}

describe('committing a draw before any entropy exists', () => {
  it('publishes the commitment in the public draw log at once, and nothing seed-like exists anywhere before the draw', async () => {
    const taskId = await createTask();
    const w = witnesses(3);
    const logStart = logLines.length;
    const commitment = ok(await commit(taskId, { witnesses: w.commitments })).commitDraw;
    expect(commitment).toMatchObject({ status: 'PENDING', witnesses: w.commitments, beacon: null });
    for (const d of ['digest', 'parametersDigest', 'frameDigest', 'teamInputsDigest'])
      expect(commitment[d]).toMatch(/^[0-9a-f]{64}$/);
    expect(commitment.frameSize).toBeGreaterThan(0);

    const logged = (await publicLog()).find((c) => c.id === commitment.id);
    expect(logged).toMatchObject({
      taskId,
      status: 'PENDING',
      digest: commitment.digest,
      leadDepartment: 'market',
      departments: ['health', 'market', 'tax'],
      seed: null,
      entropy: null,
      drawId: null,
    });

    // Everything a signed-in caller, the public, or a caller of the subgraph port can read before the draw.
    const sdl = fs.readFileSync(path.join(__dirname, '../../schema/joint-tasks.graphql'), 'utf8');
    const schema = buildSubgraphSchema(parse(sdl));
    expect(
      Object.keys((schema.getType('JointTask') as GraphQLObjectType).getFields()),
    ).not.toContain('seed');
    const taskFields = everyField(schema.getType('JointTask') as GraphQLObjectType);
    const commitmentFields = everyField(schema.getType('DrawCommitment') as GraphQLObjectType);
    const seen: string[] = [];
    const read = async (q: string, v: Record<string, unknown>, t?: string) => {
      const res = await fed.query(q, v, t ? { token: t } : {});
      expect(res.errors ?? []).toEqual([]);
      seen.push(JSON.stringify(res.data));
    };
    await read(`query($t: ID!) { jointTask(id: $t) { ${taskFields} } }`, { t: taskId }, admin);
    await read(
      `query($c: ID!) { drawCommitment(id: $c) { ${commitmentFields} } }`,
      { c: commitment.id },
      admin,
    );
    const publicFields = everyField(schema.getType('DrawCommitment') as GraphQLObjectType, 1, [
      'task',
      'draw',
      'committedBy',
    ]);
    await read(`query($c: ID!) { drawCommitment(id: $c) { ${publicFields} } }`, {
      c: commitment.id,
    });
    const subgraph = fed.subgraphs.get('joint-tasks')!.url;
    for (const [typename, id, fields] of [
      ['JointTask', taskId, taskFields],
      ['DrawCommitment', commitment.id, commitmentFields],
    ]) {
      const entities = await postGraphQL(
        subgraph,
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on ${typename} { ${fields} } } }`,
        { r: [{ __typename: typename, id }] },
        { token: admin },
      );
      expect(entities.errors ?? []).toEqual([]);
      seen.push(JSON.stringify(entities.data));
    }
    expect(seen.join('\n')).not.toMatch(/"seed":"/);

    const draw = ok(await reveal(taskId, { witnessSecrets: w.secrets })).drawJointTask;
    expect(draw.seed).toMatch(/^[0-9a-f]{64}$/);
    const before = seen.join('\n') + logLines.slice(logStart).join('\n');
    expect(before).not.toContain(draw.seed);
    // The seed is SHA-256 of the commitment digest and the length-prefixed secrets, in commitment order.
    const entropy = Buffer.concat(
      w.secrets.flatMap(({ secret }) => {
        const bytes = Buffer.from(secret, 'utf8');
        const length = Buffer.alloc(4);
        length.writeUInt32BE(bytes.length);
        return [length, bytes];
      }),
    );
    expect(draw.seed).toBe(
      createHash('sha256')
        .update(Buffer.from(commitment.digest, 'hex'))
        .update(entropy)
        .digest('hex'),
    );
    expect(draw).toMatchObject({
      algorithmVersion: 'coordinated-poisson/2',
      commitmentId: commitment.id,
      frameDigest: commitment.frameDigest,
      frameSize: commitment.frameSize,
    });

    const drawn = (await publicLog()).find((c) => c.id === commitment.id);
    expect(drawn).toMatchObject({
      status: 'DRAWN',
      seed: draw.seed,
      drawId: draw.id,
      sampleSize: draw.realisedVisits,
      bundleUrl: `/draws/${draw.id}/bundle.json`,
    });
    expect(drawn.entropy.witnesses).toEqual(w.secrets);
  });

  it('serves the public bundle at the gateway without a token, which npm run verify-draw verifies offline; it carries no inspector ids or recusal reasons', async () => {
    const taskId = await createTask();
    const w = witnesses();
    ok(await commit(taskId, { witnesses: w.commitments }));
    const draw = ok(await reveal(taskId, { witnessSecrets: w.secrets })).drawJointTask;

    const res = await fetch(`${gatewayBase()}/draws/${draw.id}/bundle.json`);
    expect(res.status).toBe(200);
    const text = await res.text();
    const bundle = JSON.parse(text);
    expect(bundle).toMatchObject({
      format: 'jih-draw-bundle/1',
      drawId: draw.id,
      seed: draw.seed,
      algorithmVersion: 'coordinated-poisson/2',
    });
    expect(bundle.visits).toHaveLength(draw.realisedVisits);
    // Inspectors are listed by pseudonym, so their order tells nothing about the directory's ids.
    const pseudonyms = bundle.teamInputs.inspectors.map((i: { id: string }) => i.id);
    expect(pseudonyms).toEqual([...pseudonyms].sort());

    const inspectorIds = await sql<{ id: string }>(
      fed.databaseUrl,
      `SELECT DISTINCT unnest(t.inspector_ids) AS id FROM joint_tasks.visit_team t JOIN joint_tasks.visit v ON v.id = t.visit_id WHERE v.task_id = $1`,
      [taskId],
    );
    expect(inspectorIds.length).toBeGreaterThan(0);
    for (const { id } of inspectorIds) expect(text).not.toContain(id);
    const reasons = await sql<{ reason: string }>(
      fed.databaseUrl,
      'SELECT reason FROM registry.recusal',
    );
    for (const { reason } of reasons) expect(text).not.toContain(reason);

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bundle-'));
    const file = path.join(dir, 'bundle.json');
    fs.writeFileSync(file, text);
    const verified = await runVerifyDraw(file);
    expect(verified.stdout).toMatch(/everything matches/);
    expect(verified.status).toBe(0);
    const fromUrl = await runVerifyDraw(`${gatewayBase()}/draws/${draw.id}/bundle.json`);
    expect(fromUrl.status).toBe(0);

    bundle.frame.rows[0][1] = bundle.frame.rows[0][1] === 0 ? 0.5 : 0;
    fs.writeFileSync(file, JSON.stringify(bundle));
    const tampered = await runVerifyDraw(file);
    expect(tampered.status).toBe(1);
    expect(tampered.stdout).toMatch(/NOT VERIFIED: frame digest/);

    expect(
      (await fetch(`${gatewayBase()}/draws/00000000-0000-4000-8000-000000000000/bundle.json`))
        .status,
    ).toBe(404);
    expect((await fetch(`${gatewayBase()}/draws/not-a-draw/bundle.json`)).status).toBe(400);
  });
});

describe('refusing what would let anyone steer a draw', () => {
  it('refuses a draw without a commitment, a second commitment, a missing witness and a wrong secret — naming the problem and writing nothing', async () => {
    const taskId = await createTask();
    const w = witnesses();
    expect(codeOf(await reveal(taskId, { witnessSecrets: w.secrets }))).toBe('CONFLICT');
    const commitment = ok(await commit(taskId, { witnesses: w.commitments })).commitDraw;
    expect(codeOf(await commit(taskId, { witnesses: witnesses().commitments }))).toBe('CONFLICT');

    const missing = await reveal(taskId, { witnessSecrets: [w.secrets[0]] });
    expect(codeOf(missing)).toBe('BAD_USER_INPUT');
    expect(missing.errors?.[0].message).toMatch(/witness "witness-2" .* has not revealed/);
    const wrong = await reveal(taskId, {
      witnessSecrets: [w.secrets[0], { name: 'witness-2', secret: 'not-the-secret' }],
    });
    expect(codeOf(wrong)).toBe('BAD_USER_INPUT');
    expect(wrong.errors?.[0].message).toMatch(
      /witness "witness-2" does not hash to their commitment/,
    );
    const rows = await sql<{ n: number }>(
      fed.databaseUrl,
      `SELECT (SELECT count(*) FROM joint_tasks.draw WHERE task_id = $1) + (SELECT count(*) FROM joint_tasks.visit WHERE task_id = $1) AS n`,
      [taskId],
    );
    expect(Number(rows[0].n)).toBe(0);
    expect((await publicLog()).find((c) => c.id === commitment.id).status).toBe('PENDING');

    expect(
      codeOf(await reveal(taskId, { witnessSecrets: w.secrets }, await token('tax', ['planner']))),
    ).toBe('FORBIDDEN');
    ok(await reveal(taskId, { witnessSecrets: [...w.secrets].reverse() }));
    expect(codeOf(await commit(taskId, { witnesses: witnesses().commitments }))).toBe('CONFLICT');
  });

  it('refuses an entropy plan one person controls: one witness, no source at all, a malformed commitment', async () => {
    const taskId = await createTask();
    for (const input of [
      { witnesses: witnesses(1).commitments },
      { witnesses: [] },
      {
        witnesses: [...witnesses(1).commitments, { name: 'x', role: 'notary', commitment: 'ABC' }],
      },
    ]) {
      expect(codeOf(await commit(taskId, input))).toBe('BAD_USER_INPUT');
    }
    const [{ n }] = await sql<{ n: number }>(
      fed.databaseUrl,
      'SELECT count(*)::int AS n FROM joint_tasks.draw_commitment WHERE task_id = $1',
      [taskId],
    );
    expect(n).toBe(0);
  });

  it('keeps a cancelled commitment on the public record with its reason, so a re-roll shows beside it', async () => {
    const taskId = await createTask();
    const first = ok(await commit(taskId, { witnesses: witnesses().commitments })).commitDraw;
    const CANCEL = `mutation($id: ID!, $r: String!) { cancelDrawCommitment(id: $id, reason: $r) { id status cancelReason } }`;
    expect(
      codeOf(
        await fed.query(
          CANCEL,
          { id: first.id, r: '见证人未到场' },
          { token: await token('tax', ['planner']) },
        ),
      ),
    ).toBe('FORBIDDEN');
    expect(codeOf(await fed.query(CANCEL, { id: first.id, r: 'x' }, { token: planner }))).toBe(
      'BAD_USER_INPUT',
    );
    expect(
      ok(
        await fed.query(
          CANCEL,
          { id: first.id, r: 'a witness could not attend (见证人未到场)' },
          { token: planner },
        ),
      ).cancelDrawCommitment.status,
    ).toBe('CANCELLED');
    expect(
      codeOf(
        await fed.query(CANCEL, { id: first.id, r: 'again, for no reason' }, { token: planner }),
      ),
    ).toBe('CONFLICT');
    const second = ok(await commit(taskId, { witnesses: witnesses().commitments })).commitDraw;
    const log = (await publicLog()).filter((c) => c.taskId === taskId);
    expect(log.map((c) => [c.id, c.status, c.cancelReason])).toEqual([
      [second.id, 'PENDING', null],
      [first.id, 'CANCELLED', 'a witness could not attend (见证人未到场)'],
    ]);
    // The record is frozen in the database too.
    await expect(
      sql(fed.databaseUrl, 'DELETE FROM joint_tasks.draw_commitment WHERE id = $1', [first.id]),
    ).rejects.toThrow(/public record/);
    await expect(
      sql(
        fed.databaseUrl,
        `UPDATE joint_tasks.draw_commitment SET frame_digest = repeat('0', 64) WHERE id = $1`,
        [second.id],
      ),
    ).rejects.toThrow(/frozen/);
    ok(await fed.query(CANCEL, { id: second.id, r: 'the end of this test' }, { token: planner }));
  });

  it('refuses a window wholly in the past unless an admin backfills it with a recorded reason', async () => {
    const taskId = await createTask({ windowStart: chinaDay(-60), windowEnd: chinaDay(-1) }, admin);
    const w = witnesses();
    const refused = await commit(taskId, { witnesses: w.commitments });
    expect(codeOf(refused)).toBe('BAD_USER_INPUT');
    expect(refused.errors?.[0].message).toMatch(/wholly in the past/);
    expect(
      codeOf(
        await commit(taskId, {
          witnesses: w.commitments,
          backfillReason: 'recording a 2025 paper draw',
        }),
      ),
    ).toBe('FORBIDDEN');
    const backfilled = ok(
      await commit(
        taskId,
        { witnesses: w.commitments, backfillReason: 'recording a 2025 paper draw' },
        admin,
      ),
    ).commitDraw;
    expect((await publicLog()).find((c) => c.id === backfilled.id).backfillReason).toBe(
      'recording a 2025 paper draw',
    );
    ok(await reveal(taskId, { witnessSecrets: w.secrets }, admin));
  });

  it("refuses a commitment while another within reach of the same department's history rules is pending", async () => {
    const later = await createTask({ windowStart: chinaDay(400), windowEnd: chinaDay(430) });
    const earlier = await createTask({ windowStart: chinaDay(200), windowEnd: chinaDay(230) });
    const pending = ok(await commit(later, { witnesses: witnesses().commitments })).commitDraw;
    const refused = await commit(earlier, { witnesses: witnesses().commitments });
    expect(codeOf(refused)).toBe('CONFLICT');
    expect(refused.errors?.[0].message).toContain(pending.id);
    ok(
      await fed.query(
        `mutation($id: ID!) { cancelDrawCommitment(id: $id, reason: "re-planned after a conflict") { id } }`,
        { id: pending.id },
        { token: planner },
      ),
    );
    const next = ok(await commit(earlier, { witnesses: witnesses().commitments })).commitDraw;
    ok(
      await fed.query(
        `mutation($id: ID!) { cancelDrawCommitment(id: $id, reason: "the end of this test") { id } }`,
        { id: next.id },
        { token: planner },
      ),
    );
  });

  it("needs the lead department among the participants, and gives the registry's frame only to planners of a participating department", async () => {
    const res = await fed.query(
      CREATE,
      {
        i: taskInput({ departments: [{ department: 'tax', checkItems: ['TAX-001'], ratio: 0.1 }] }),
      },
      { token: planner },
    );
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0].message).toMatch(
      /lead department "market" must be among the participating departments/,
    );
    const frameUrl = fed.subgraphs.get('registry')!.url.replace(/\/graphql$/, '/internal/frame');
    const ask = (t: string) =>
      fetch(frameUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${t}` },
        body: JSON.stringify({ departments: ['market'], checkItems: [] }),
      });
    expect((await ask(await token('tax', ['planner']))).status).toBe(403);
    expect((await ask(planner)).status).toBe(200);
  });
});

describe('witnesses revealing their own secrets', () => {
  const REVEAL = `mutation($c: ID!, $n: String!, $s: String!) { revealWitnessSecret(commitmentId: $c, name: $n, secret: $s) {
    id status witnessReveals { name secret } } }`;
  const CANCEL = `mutation($id: ID!, $r: String!) { cancelDrawCommitment(id: $id, reason: $r) { id status cancelledAfterEntropy } }`;

  it('publishes a revealed secret at once, without a token; from then on a planner cannot cancel (a re-roll), an admin can and the log marks it', async () => {
    const taskId = await createTask();
    const w = witnesses();
    const c = ok(await commit(taskId, { witnesses: w.commitments })).commitDraw;
    const reveal1 = (name: string, secret: string) =>
      fed.query(REVEAL, { c: c.id, n: name, s: secret });
    expect(codeOf(await reveal1('witness-1', 'not-the-secret-at-all'))).toBe('BAD_USER_INPUT');
    expect(codeOf(await reveal1('nobody', w.secrets[0].secret))).toBe('BAD_USER_INPUT');
    const revealed = ok(await reveal1('witness-1', w.secrets[0].secret)).revealWitnessSecret;
    expect(revealed.witnessReveals).toEqual([w.secrets[0]]);
    expect(
      ok(await reveal1('witness-1', w.secrets[0].secret)).revealWitnessSecret.witnessReveals,
    ).toHaveLength(1);
    const logged = (await publicLog()).find((x) => x.id === c.id);
    expect(logged.status).toBe('PENDING');

    const refused = await fed.query(
      CANCEL,
      { id: c.id, r: 'the witness secret looked bad' },
      { token: planner },
    );
    expect(codeOf(refused)).toBe('CONFLICT');
    expect(refused.errors?.[0].message).toMatch(/its entropy exists/);
    const cancelled = ok(
      await fed.query(
        CANCEL,
        { id: c.id, r: 'an admin withdrew it after a reveal' },
        { token: admin },
      ),
    ).cancelDrawCommitment;
    expect(cancelled).toMatchObject({ status: 'CANCELLED', cancelledAfterEntropy: true });
    expect(codeOf(await reveal1('witness-2', w.secrets[1].secret))).toBe('CONFLICT');
  });

  it('draws with secrets revealed earlier and the rest given at the draw; a short secret is refused', async () => {
    const taskId = await createTask();
    const short = 'abc123';
    const strong = witnesses(1);
    const weak = {
      name: 'witness-short',
      role: 'citizen observer',
      commitment: createHash('sha256').update(short).digest('hex'),
    };
    const c = ok(await commit(taskId, { witnesses: [...strong.commitments, weak] })).commitDraw;
    const tooShort = await fed.query(REVEAL, { c: c.id, n: 'witness-short', s: short });
    expect(codeOf(tooShort)).toBe('BAD_USER_INPUT');
    expect(tooShort.errors?.[0].message).toMatch(/fewer than 16 characters/);
    expect(
      codeOf(
        await reveal(taskId, {
          witnessSecrets: [...strong.secrets, { name: 'witness-short', secret: short }],
        }),
      ),
    ).toBe('BAD_USER_INPUT');
    ok(
      await fed.query(CANCEL, { id: c.id, r: 'a witness chose a weak secret' }, { token: planner }),
    );

    const w = witnesses(3);
    const next = ok(await commit(taskId, { witnesses: w.commitments })).commitDraw;
    ok(await fed.query(REVEAL, { c: next.id, n: 'witness-2', s: w.secrets[1].secret }));
    const draw = ok(
      await reveal(taskId, { witnessSecrets: [w.secrets[0], w.secrets[2]] }),
    ).drawJointTask;
    const logged = (await publicLog()).find((x) => x.id === next.id);
    expect(logged).toMatchObject({ status: 'DRAWN', seed: draw.seed });
    expect(logged.entropy.witnesses).toEqual(w.secrets);
  });
});

describe('a drand beacon round after the commit', () => {
  it('is verified offline against the committed chain key: an early reveal, another round and a forged signature are refused; the bundle verifies with that chain', async () => {
    const chain = new TestBeaconChain();
    const restore = chain.configure();
    try {
      const taskId = await createTask();
      const tooEarly = await commit(taskId, { beacon: { round: 5 } });
      expect(codeOf(tooEarly)).toBe('BAD_USER_INPUT');
      expect(tooEarly.errors?.[0].message).toMatch(/not at least 1 s after the commit time/);

      const commitment = ok(await commit(taskId, { beacon: { delaySeconds: 1 } })).commitDraw;
      const round: number = commitment.beacon.round;
      expect(Date.parse(commitment.beacon.roundTime)).toBeGreaterThan(
        Date.parse(commitment.committedAt),
      );
      const revealRound = (r: number, signature: string) =>
        reveal(taskId, { beacon: { round: r, signature } });

      const early = await revealRound(round, chain.sign(round));
      if (Date.now() < Date.parse(commitment.beacon.roundTime)) {
        expect(codeOf(early)).toBe('BAD_USER_INPUT');
        expect(early.errors?.[0].message).toMatch(/not emitted until/);
      }
      await new Promise((r) =>
        setTimeout(r, Math.max(0, Date.parse(commitment.beacon.roundTime) - Date.now() + 50)),
      );
      expect(codeOf(await revealRound(round + 1, chain.sign(round + 1)))).toBe('BAD_USER_INPUT');
      // The round is out, so anyone can compute the outcome: a planner may no longer cancel.
      expect(
        codeOf(
          await fed.query(
            `mutation($id: ID!) { cancelDrawCommitment(id: $id, reason: "the round came out badly") { id } }`,
            { id: commitment.id },
            { token: planner },
          ),
        ),
      ).toBe('CONFLICT');
      const forged = await revealRound(round, chain.sign(round + 1));
      expect(codeOf(forged)).toBe('BAD_USER_INPUT');
      expect(forged.errors?.[0].message).toMatch(/beacon.signature/);
      const other = new TestBeaconChain();
      expect(codeOf(await revealRound(round, other.sign(round)))).toBe('BAD_USER_INPUT');

      const draw = ok(await revealRound(round, chain.sign(round))).drawJointTask;
      const randomness = createHash('sha256')
        .update(Buffer.from(chain.sign(round), 'hex'))
        .digest('hex');
      expect(draw.seed).toBe(
        createHash('sha256')
          .update(Buffer.from(commitment.digest, 'hex'))
          .update(Buffer.from(randomness, 'hex'))
          .digest('hex'),
      );
      const logged = (await publicLog()).find((c) => c.id === commitment.id);
      expect(logged.entropy).toMatchObject({ beaconRound: round, beaconRandomness: randomness });

      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bundle-'));
      fs.writeFileSync(path.join(dir, 'chain.json'), JSON.stringify(chain.chain));
      const url = `${gatewayBase()}/draws/${draw.id}/bundle.json`;
      const untrusted = await runVerifyDraw(url);
      expect(untrusted.status).toBe(1);
      expect(untrusted.stdout).toMatch(/beacon chain/);
      const trusted = await runVerifyDraw(url, '--chain', path.join(dir, 'chain.json'));
      expect(trusted.stdout).toMatch(/✓ beacon signature/);
      expect(trusted.status).toBe(0);
    } finally {
      restore();
    }
  });
});
