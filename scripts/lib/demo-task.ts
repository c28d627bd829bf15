import { createHash, randomBytes } from 'node:crypto';
import { DEV_JWT_SECRET, signDevToken, type Role } from '@jih/kit';

/** What the demo task is made of: four departments' key items over the whole demo directory. */
const DEMO_DEPARTMENTS = [
  { department: 'market', checkItems: ['MARKET-002'], ratio: 0.03 },
  { department: 'tax', checkItems: ['TAX-001'], ratio: 0.03 },
  { department: 'health', checkItems: ['36115082102006'], sampleSize: 25 },
  { department: 'fire', checkItems: ['FIRE-001'], ratio: 0.05 },
];
const CATEGORIES = [
  'NO_PROBLEM',
  'NO_PROBLEM',
  'CORRECTION_ORDERED',
  'NO_PROBLEM',
  'INFO_NOT_PUBLISHED',
  'NO_PROBLEM',
  'UNREACHABLE_AT_ADDRESS',
];

/** YYYY-MM-DD of a date shifted by whole days. */
function day(base: Date, offset: number): string {
  return new Date(base.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Gives a fresh `npm start` something to look at: when no joint task exists yet, composes one
 * through the gateway (as the market planner would), commits its draw with two witnesses holding
 * fresh random secrets, draws it by revealing them, then has the drawn inspectors
 * record results for part of the visits and supervisors review and publish some of them, so the
 * dashboard and publicResults show real figures. Everything goes through the public API with
 * development tokens; returns the task id, or null when tasks already exist.
 */
export async function ensureDemoTask(
  gatewayUrl: string,
  secret = process.env.JWT_SECRET ?? DEV_JWT_SECRET,
): Promise<string | null> {
  const tokenFor = (department: string, roles: Role[], sub?: string) =>
    signDevToken({ department, roles, sub, secret, expiresIn: '10m' });
  const gql = async (query: string, variables: Record<string, unknown>, token: string) => {
    const res = await fetch(gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: any; errors?: { message: string }[] };
    if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join('; '));
    return body.data;
  };
  const planner = await tokenFor('market', ['planner']);
  const existing = await gql(`{ jointTasks(first: 1) { nodes { id } } }`, {}, planner);
  if (existing.jointTasks.nodes.length) return null;

  const today = new Date();
  const { createJointTask } = await gql(
    `mutation($i: CreateJointTaskInput!) { createJointTask(input: $i) { id } }`,
    {
      i: {
        title: '示范：市场监管、税务、卫健、消防联合抽查 (demo joint task)',
        leadDepartment: 'market',
        windowStart: day(today, -40),
        windowEnd: day(today, 30),
        departments: DEMO_DEPARTMENTS,
      },
    },
    planner,
  );
  const taskId: string = createJointTask.id;
  // Commit–reveal: the witnesses hand over the SHA-256 of their secrets before the frame is
  // frozen and published; the draw reveals the secrets, from which (with the commitment) the seed is derived.
  const witnesses = [
    {
      name: '示范见证人甲 (demo witness A)',
      role: '纪检监察 observer',
      secret: randomBytes(16).toString('hex'),
    },
    {
      name: '示范见证人乙 (demo witness B)',
      role: 'notary (公证员)',
      secret: randomBytes(16).toString('hex'),
    },
  ];
  await gql(
    `mutation($t: ID!, $i: CommitDrawInput!) { commitDraw(taskId: $t, input: $i) { id } }`,
    {
      t: taskId,
      i: {
        witnesses: witnesses.map((w) => ({
          name: w.name,
          role: w.role,
          commitment: createHash('sha256').update(w.secret, 'utf8').digest('hex'),
        })),
      },
    },
    planner,
  );
  await gql(
    `mutation($id: ID!, $e: DrawEntropyInput!) { drawJointTask(id: $id, entropy: $e) { id } }`,
    {
      id: taskId,
      e: { witnessSecrets: witnesses.map((w) => ({ name: w.name, secret: w.secret })) },
    },
    planner,
  );
  const { jointTask } = await gql(
    `query($t: ID!) { jointTask(id: $t) { visits(first: 500) { nodes { id teams { status inspectors { id } department { code } } } } } }`,
    { t: taskId },
    planner,
  );

  let recorded = 0;
  for (const [k, visit] of (jointTask.visits.nodes as any[]).entries()) {
    if (k % 5 > 2) continue; // three visits in five have been checked so far
    for (const team of visit.teams) {
      if (team.status !== 'STAFFED') continue;
      const department = team.department.code;
      const inspectors = team.inspectors.map((i: { id: string }) => i.id);
      const category = CATEGORIES[(k + recorded) % CATEGORIES.length];
      const item = DEMO_DEPARTMENTS.find((d) => d.department === department)!.checkItems;
      const inspectorToken = await tokenFor(department, ['inspector'], inspectors[0]);
      const { recordResult } = await gql(
        `mutation($i: RecordResultInput!) { recordResult(input: $i) { id } }`,
        {
          i: {
            visitId: visit.id,
            idempotencyKey: `demo-${visit.id}-${department}`,
            checkDate: day(today, -30 + (k % 25)),
            category,
            checkItems: item,
            findings: category === 'NO_PROBLEM' ? '' : '现场检查发现问题，已告知企业。',
            inspectorIds: inspectors.slice(0, 2),
            acknowledgement: { representativeName: '王建国', signed: true },
          },
        },
        inspectorToken,
      );
      recorded++;
      if (recorded % 2 === 0) {
        const supervisor = await tokenFor(
          department,
          ['supervisor'],
          `${department}-demo-supervisor`,
        );
        await gql(
          `mutation($id: ID!) { reviewResult(id: $id) { id } }`,
          { id: recordResult.id },
          supervisor,
        );
        await gql(
          `mutation($id: ID!) { publishResult(id: $id) { id } }`,
          { id: recordResult.id },
          supervisor,
        );
      }
    }
  }
  return taskId;
}
