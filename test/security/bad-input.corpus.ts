import { SignJWT } from 'jose';
import { DEV_JWT_SECRET, callSubgraph } from '@jih/kit';
import { buildUscc } from '@jih/domain/uscc';
import { serviceUrl } from '@jih/subgraphs/services';

/**
 * The bad-input corpus: requests no well-behaved client sends. Each must be answered with a clean
 * 4xx or a GraphQL error carrying a client code, never a 500 or a stack trace, and none may write.
 */
export interface BadCase {
  category: string;
  name: string;
  /**
   * The client code this case is refused with, where the corpus knows it exactly (e.g. the
   * BAD_USER_INPUT of a commitment without enough entropy); every case must carry a client code.
   */
  code?: string;
  /** Where to send it (default: the gateway's /graphql). */
  target?: 'gateway' | 'registry' | 'joint-tasks';
  path?: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
}

/** What the corpus needs from the running federation. */
export interface CorpusFixture {
  admin: string;
  planner: string;
  /** A seeded enterprise. */
  uscc: string;
  /** A seeded inspector of market. */
  inspectorId: string;
  /**
   * A PLANNED joint task led by market, for the commitDraw cases (a commitment's entropy is
   * checked only once its task is found). When absent, buildCorpus creates one through the
   * joint-tasks subgraph: call it before counting rows.
   */
  taskId?: string;
}

const JSON_HEADERS = { 'content-type': 'application/json' };

/** A GraphQL operation as a JSON POST, optionally with a token. */
function op(
  category: string,
  name: string,
  query: string,
  variables?: unknown,
  token?: string,
  extra: Partial<BadCase> = {},
): BadCase {
  return {
    category,
    name,
    headers: { ...JSON_HEADERS, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
    ...extra,
  };
}

const REGISTER = `mutation($i: RegisterEnterpriseInput!) { registerEnterprise(input: $i) { uscc } }`;
const TAG = `mutation($u: ID!, $r: RiskClass!, $b: String! = "") { tagEnterprise(uscc: $u, department: "market", riskClass: $r, basis: $b) { uscc } }`;
const LISTING = `mutation($i: AddListingInput!) { addListing(input: $i) { id } }`;
const CHECK_ITEM = `mutation($i: AddCheckItemInput!) { addCheckItem(input: $i) { code } }`;
const INSPECTOR = `mutation($i: AddInspectorInput!) { addInspector(input: $i) { id } }`;
const CREATE_TASK = `mutation($i: CreateJointTaskInput!) { createJointTask(input: $i) { id } }`;
const PLAN = `mutation($i: CreateAnnualPlanInput!) { createAnnualPlan(input: $i) { id } }`;

const enterpriseInput = (o: Record<string, unknown> = {}) => ({
  uscc: buildUscc({ authority: '9', orgType: '1', division: '150821', orgBody: 'XW000001' }),
  name: '五原县测试商贸有限公司',
  address: '五原县隆兴昌镇胜利街1号',
  divisionCode: '150821',
  industryCode: 'F',
  enterpriseType: '有限责任公司',
  registeredOn: '2020-05-01',
  ...o,
});
const checkItemInput = (o: Record<string, unknown> = {}) => ({
  code: 'BAD-0001',
  departmentCode: 'market',
  name: '测试事项',
  nameEn: 'Test item',
  legalBasis: '《测试条例》',
  objectType: '企业',
  method: 'ONSITE',
  category: 'GENERAL',
  expertise: 'general',
  ...o,
});
const inspectorInput = (o: Record<string, unknown> = {}) => ({
  departmentCode: 'market',
  name: '测试员',
  certificateNo: 'CERT-BAD-0001',
  sex: '女',
  post: '科员',
  expertise: ['general'],
  ...o,
});
const listingInput = (uscc: string, o: Record<string, unknown> = {}) => ({
  kind: 'ABNORMAL_OPERATION',
  uscc,
  departmentCode: 'market',
  reason: '无法联系',
  listedOn: '2026-01-05',
  ...o,
});
const COMMIT = `mutation($t: ID!, $i: CommitDrawInput!) { commitDraw(taskId: $t, input: $i) { id } }`;
/** A witness commitment: the SHA-256 hex of a secret (here just a fixed hex string of the right shape). */
const witness = (k: number, o: Record<string, unknown> = {}) => ({
  name: `见证人${k}`,
  role: 'notary (公证员)',
  commitment: String(k % 10).repeat(64),
  ...o,
});
const taskInput = (o: Record<string, unknown> = {}) => ({
  title: '联合抽查',
  leadDepartment: 'market',
  windowStart: '2026-10-08',
  windowEnd: '2026-12-18',
  departments: [{ department: 'market', checkItems: ['MARKET-002'], sampleSize: 3 }],
  ...o,
});
const planInput = (o: Record<string, unknown> = {}) => ({
  year: 2026,
  kind: 'DEPARTMENT',
  department: 'market',
  title: '年度计划',
  ...o,
});

/** Tokens that must all be refused: malformed, expired, unsigned, wrongly signed, wrong claims. */
async function badTokens(): Promise<[string, string][]> {
  const secret = new TextEncoder().encode(DEV_JWT_SECRET);
  const sign = (claims: Record<string, unknown>, key = secret, exp: string | number = '1h') =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('bad-input')
      .setIssuedAt()
      .setExpirationTime(exp)
      .sign(key);
  const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
  const payload = Buffer.from(
    JSON.stringify({ sub: 'x', department: 'market', roles: ['admin'], exp: 4102444800 }),
  ).toString('base64url');
  return [
    ['empty bearer', 'Bearer '],
    ['not a JWT', 'Bearer abc'],
    ['three garbage parts', 'Bearer a.b.c'],
    ['basic auth', 'Basic Zm9vOmJhcg=='],
    ['alg none', `Bearer ${header}.${payload}.`],
    [
      'expired',
      `Bearer ${await sign({ department: 'market', roles: ['admin'] }, secret, Math.floor(Date.now() / 1000) - 60)}`,
    ],
    [
      'another secret',
      `Bearer ${await sign({ department: 'market', roles: ['admin'] }, new TextEncoder().encode('another-secret-of-at-least-32-characters!!'))}`,
    ],
    ['unknown role', `Bearer ${await sign({ department: 'market', roles: ['root'] })}`],
    ['no department', `Bearer ${await sign({ roles: ['admin'] })}`],
    ['bad department', `Bearer ${await sign({ department: 'Market; DROP', roles: ['admin'] })}`],
    ['roles not a list', `Bearer ${await sign({ department: 'market', roles: 'admin' })}`],
    ['two tokens', 'Bearer a.b.c Bearer d.e.f'],
    ['6000-character token', `Bearer ${'a'.repeat(6000)}`],
  ];
}

/** Builds the corpus for a running federation. */
export async function buildCorpus(f: CorpusFixture): Promise<BadCase[]> {
  const taskId =
    f.taskId ??
    (
      await callSubgraph<{ createJointTask: { id: string } }>(
        serviceUrl('joint-tasks'),
        'joint-tasks',
        CREATE_TASK,
        { i: taskInput({ title: '坏输入测试：待承诺的任务' }) },
        { authorization: `Bearer ${f.admin}` },
      )
    ).createJointTask.id;
  const cases: BadCase[] = [];
  const add = (...c: BadCase[]) => cases.push(...c);
  const valid = f.uscc;
  const lastChanged = valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0');
  const orgCheckChanged = valid.slice(0, 16) + (valid[16] === '0' ? '1' : '0') + valid[17];

  // Invalid unified social credit codes, each through a query and three mutations.
  const badUsccs: [string, string][] = [
    ['empty', ''],
    ['blank', '   '],
    ['one digit', '1'],
    ['17 characters', valid.slice(0, 17)],
    ['19 characters', `${valid}0`],
    ['wrong check character', lastChanged],
    ['wrong organisation-code check', orgCheckChanged],
    ['letter I', `${valid.slice(0, 10)}I${valid.slice(11)}`],
    ['letter O', `${valid.slice(0, 10)}O${valid.slice(11)}`],
    ['letter Z', `Z${valid.slice(1)}`],
    ['letter S', `${valid.slice(0, 12)}S${valid.slice(13)}`],
    ['non-digit division', `91ABCDEF${valid.slice(8)}`],
    ['SQL injection', `' OR '1'='1`],
    ['SQL comment', `${valid.slice(0, 16)}'--`],
    ['markup', '<script>alert(1)</script>'],
    ['NUL characters', '\u0000'.repeat(18)],
    ['emoji', '😀'.repeat(9)],
    ['Chinese', '统一社会信用代码统一社会信用代码统一'],
    ['40 characters', '9'.repeat(40)],
    ['spaces inside', `${valid.slice(0, 9)} ${valid.slice(10)}`],
    ['the word null', 'null'],
    ['fullwidth invalid', '９１３５０１００Ｍ０００１００Ｙ４Ａ'],
    ['path traversal', '../../etc/passwd'],
    ['6000 characters', 'A'.repeat(6000)],
  ];
  for (const [name, u] of badUsccs) {
    add(
      op(
        'invalid USCC',
        `enterprise(uscc): ${name}`,
        `query($u: ID!) { enterprise(uscc: $u) { name } }`,
        { u },
      ),
    );
    add(
      op(
        'invalid USCC',
        `registerEnterprise: ${name}`,
        REGISTER,
        { i: enterpriseInput({ uscc: u }) },
        f.admin,
      ),
    );
    add(op('invalid USCC', `tagEnterprise: ${name}`, TAG, { u, r: 'B' }, f.admin));
    add(op('invalid USCC', `addListing: ${name}`, LISTING, { i: listingInput(u) }, f.admin));
  }

  // Enum values that are not in the enum.
  add(
    op('wrong enum', 'riskClass E (variable)', TAG, { u: valid, r: 'E' }, f.admin),
    op('wrong enum', 'riskClass lower case', TAG, { u: valid, r: 'b' }, f.admin),
    op('wrong enum', 'riskClass number', TAG, { u: valid, r: 1 }, f.admin),
    op('wrong enum', 'riskClass null', TAG, { u: valid, r: null }, f.admin),
    op(
      'wrong enum',
      'riskClass literal',
      `mutation { tagEnterprise(uscc: "${valid}", department: "market", riskClass: E) { uscc } }`,
      undefined,
      f.admin,
    ),
    op(
      'wrong enum',
      'riskClass as string literal',
      `mutation { tagEnterprise(uscc: "${valid}", department: "market", riskClass: "B") { uscc } }`,
      undefined,
      f.admin,
    ),
    op(
      'wrong enum',
      'list kind',
      LISTING,
      { i: listingInput(valid, { kind: 'BLACKLIST' }) },
      f.admin,
    ),
    op(
      'wrong enum',
      'check method',
      CHECK_ITEM,
      { i: checkItemInput({ method: 'TELEPATHY' }) },
      f.admin,
    ),
    op(
      'wrong enum',
      'check category',
      CHECK_ITEM,
      { i: checkItemInput({ category: 'URGENT' }) },
      f.admin,
    ),
    op(
      'wrong enum',
      'registration status filter',
      `{ enterprises(first: 1, filter: { status: DELETED }) { nodes { uscc } } }`,
    ),
    op(
      'wrong enum',
      'risk classes filter',
      `{ enterprises(first: 1, filter: { taggedBy: "market", riskClasses: [Z] }) { nodes { uscc } } }`,
    ),
    op(
      'wrong enum',
      'task status',
      `{ jointTasks(status: DONE) { nodes { id } } }`,
      undefined,
      f.planner,
    ),
    op(
      'wrong enum',
      'visit status',
      `{ visits(status: LOST) { nodes { id } } }`,
      undefined,
      f.planner,
    ),
    op('wrong enum', 'plan kind', PLAN, { i: planInput({ kind: 'ANNUAL' }) }, f.admin),
    op(
      'wrong enum',
      'inspector pool',
      CREATE_TASK,
      {
        i: taskInput({
          departments: [
            {
              department: 'market',
              checkItems: ['MARKET-002'],
              sampleSize: 3,
              inspectorPool: 'SOME',
            },
          ],
        }),
      },
      f.admin,
    ),
    op(
      'wrong enum',
      'tag risk class of a directed draw',
      CREATE_TASK,
      { i: taskInput({ scope: { taggedBy: [{ department: 'market', riskClasses: ['E'] }] } }) },
      f.admin,
    ),
    op('wrong enum', 'sex', INSPECTOR, { i: inspectorInput({ sex: 'X' }) }, f.admin),
  );

  // Strings past their bounds.
  const long = (n: number) => '长'.repeat(n);
  add(
    op(
      'overlong string',
      'enterprise name 201',
      REGISTER,
      { i: enterpriseInput({ name: long(201) }) },
      f.admin,
    ),
    op(
      'overlong string',
      'enterprise address 301',
      REGISTER,
      { i: enterpriseInput({ address: long(301) }) },
      f.admin,
    ),
    op(
      'overlong string',
      'enterprise type 51',
      REGISTER,
      { i: enterpriseInput({ enterpriseType: long(51) }) },
      f.admin,
    ),
    op(
      'overlong string',
      'check item name 301',
      CHECK_ITEM,
      { i: checkItemInput({ name: long(301) }) },
      f.admin,
    ),
    op(
      'overlong string',
      'check item legal basis 1001',
      CHECK_ITEM,
      { i: checkItemInput({ legalBasis: long(1001) }) },
      f.admin,
    ),
    op(
      'overlong string',
      'check item object type 101',
      CHECK_ITEM,
      { i: checkItemInput({ objectType: long(101) }) },
      f.admin,
    ),
    op(
      'overlong string',
      'check item code 41',
      CHECK_ITEM,
      { i: checkItemInput({ code: 'A'.repeat(41) }) },
      f.admin,
    ),
    op(
      'overlong string',
      'inspector name 51',
      INSPECTOR,
      { i: inspectorInput({ name: long(51) }) },
      f.admin,
    ),
    op(
      'overlong string',
      'inspector post 51',
      INSPECTOR,
      { i: inspectorInput({ post: long(51) }) },
      f.admin,
    ),
    op(
      'overlong string',
      'inspector certificate 41',
      INSPECTOR,
      { i: inspectorInput({ certificateNo: 'C'.repeat(41) }) },
      f.admin,
    ),
    op(
      'overlong string',
      'recusal reason 501',
      `mutation($i: ID!, $u: ID!, $r: String!) { declareRecusal(inspectorId: $i, uscc: $u, reason: $r) { id } }`,
      { i: f.inspectorId, u: valid, r: long(501) },
      f.admin,
    ),
    op('overlong string', 'tag basis 201', TAG, { u: valid, r: 'B', b: long(201) }, f.admin),
    op(
      'overlong string',
      'listing reason 501',
      LISTING,
      { i: listingInput(valid, { reason: long(501) }) },
      f.admin,
    ),
    op(
      'overlong string',
      'removal reason 501',
      `mutation { removeListing(id: "00000000-0000-4000-8000-000000000000", removedOn: "2026-03-01", reason: "${long(501)}") { id } }`,
      undefined,
      f.admin,
    ),
    op(
      'overlong string',
      'task title 201',
      CREATE_TASK,
      { i: taskInput({ title: long(201) }) },
      f.admin,
    ),
    op(
      'overlong string',
      'witness name 101',
      COMMIT,
      { t: taskId, i: { witnesses: [witness(1, { name: long(101) }), witness(2)] } },
      f.admin,
      { code: 'BAD_USER_INPUT' },
    ),
    op(
      'overlong string',
      'backfill reason 1001',
      COMMIT,
      { t: taskId, i: { witnesses: [witness(1), witness(2)], backfillReason: long(1001) } },
      f.admin,
      { code: 'BAD_USER_INPUT' },
    ),
    op(
      'overlong string',
      'task legal form 51',
      CREATE_TASK,
      { i: taskInput({ scope: { enterpriseTypes: [long(51)] } }) },
      f.admin,
    ),
    op('overlong string', 'plan title 201', PLAN, { i: planInput({ title: long(201) }) }, f.admin),
    op(
      'overlong string',
      'recusal-after-draw reason 501',
      `mutation($r: String!) { recuseInspector(visitId: "00000000-0000-4000-8000-000000000000", department: "market", inspectorId: "${f.inspectorId}", reason: $r) { status } }`,
      { r: long(501) },
      f.admin,
    ),
    op(
      'overlong string',
      'name filter 101',
      `query($n: String) { enterprises(first: 1, filter: { nameContains: $n }) { nodes { uscc } } }`,
      { n: long(101) },
    ),
    op(
      'overlong string',
      'division filter 7 digits',
      `{ enterprises(first: 1, filter: { division: "1508211" }) { nodes { uscc } } }`,
    ),
    op(
      'overlong string',
      'industry filter of 21 sections',
      `{ enterprises(first: 1, filter: { industries: [${Array.from({ length: 21 }, () => '"F"').join(',')}] }) { nodes { uscc } } }`,
    ),
    op(
      'overlong string',
      'department code 6000 (variable)',
      `query($c: ID!) { department(code: $c) { name } }`,
      { c: 'd'.repeat(6000) },
    ),
    op(
      'overlong string',
      'check item department 6000',
      `query($c: ID) { checkItems(department: $c) { code } }`,
      { c: 'd'.repeat(6000) },
    ),
    op(
      'overlong string',
      'inspectors department 6000',
      `query($c: ID!) { inspectors(department: $c) { id } }`,
      { c: 'd'.repeat(6000) },
      f.planner,
    ),
    op(
      'overlong string',
      'lead department 6000',
      `query($c: ID) { jointTasks(leadDepartment: $c) { nodes { id } } }`,
      { c: 'd'.repeat(6000) },
      f.planner,
    ),
    op(
      'overlong string',
      'visits department 6000',
      `query($c: ID) { visits(department: $c) { nodes { id } } }`,
      { c: 'd'.repeat(6000) },
      f.planner,
    ),
    op(
      'overlong string',
      'cursor 6000',
      `query($a: String) { enterprises(first: 1, after: $a) { nodes { uscc } } }`,
      { a: 'Q'.repeat(6000) },
    ),
    op(
      'overlong string',
      'inline literal 6000',
      `{ department(code: "${'d'.repeat(6000)}") { name } }`,
    ),
  );

  // Dates that are not calendar dates.
  for (const [name, d] of [
    ['30 February', '2020-02-30'],
    ['month 13', '2020-13-01'],
    ['no zero padding', '2020-1-1'],
    ['a word', 'yesterday'],
    ['zeros', '0000-00-00'],
    ['year 9999', '9999-12-31'],
    ['with time', '2020-05-01T00:00:00Z'],
  ]) {
    add(
      op(
        'invalid date',
        `registeredOn ${name}`,
        REGISTER,
        { i: enterpriseInput({ registeredOn: d }) },
        f.admin,
      ),
    );
  }
  add(
    op(
      'invalid date',
      'listedOn 29 February 2026',
      LISTING,
      { i: listingInput(valid, { listedOn: '2026-02-29' }) },
      f.admin,
    ),
    op(
      'invalid date',
      'removedOn 31 April',
      `mutation { removeListing(id: "00000000-0000-4000-8000-000000000000", removedOn: "2026-04-31", reason: "已恢复") { id } }`,
      undefined,
      f.admin,
    ),
    op(
      'invalid date',
      'window start 30 February',
      CREATE_TASK,
      { i: taskInput({ windowStart: '2026-02-30' }) },
      f.admin,
    ),
    op(
      'invalid date',
      'window reversed',
      CREATE_TASK,
      { i: taskInput({ windowStart: '2026-12-18', windowEnd: '2026-10-08' }) },
      f.admin,
    ),
    op(
      'invalid date',
      'window over a year',
      CREATE_TASK,
      { i: taskInput({ windowStart: '2026-01-01', windowEnd: '2027-06-01' }) },
      f.admin,
    ),
    op(
      'invalid date',
      'window start a word',
      CREATE_TASK,
      { i: taskInput({ windowStart: 'soon' }) },
      f.admin,
    ),
    op('invalid date', 'plan year 1999', PLAN, { i: planInput({ year: 1999 }) }, f.admin),
    op('invalid date', 'plan year 2101', PLAN, { i: planInput({ year: 2101 }) }, f.admin),
    op(
      'invalid date',
      'plans of year 3000',
      `{ annualPlans(year: 3000) { id } }`,
      undefined,
      f.planner,
    ),
  );

  // Page sizes and cursors out of bounds.
  for (const [name, first] of [
    ['negative', '-1'],
    ['zero', '0'],
    ['501', '501'],
    ['100000', '100000'],
    ['Int overflow', '2147483648'],
    ['float', '1.5'],
    ['string', '"10"'],
    ['null', 'null'],
  ]) {
    add(
      op(
        'pagination',
        `enterprises first ${name}`,
        `{ enterprises(first: ${first}) { nodes { uscc } } }`,
      ),
    );
  }
  add(
    op(
      'pagination',
      'enterprises first as variable -5',
      `query($n: Int!) { enterprises(first: $n) { nodes { uscc } } }`,
      { n: -5 },
    ),
    op(
      'pagination',
      'enterprises first as variable 1e9',
      `query($n: Int!) { enterprises(first: $n) { nodes { uscc } } }`,
      { n: 1e9 },
    ),
    op(
      'pagination',
      'jointTasks first -5',
      `{ jointTasks(first: -5) { nodes { id } } }`,
      undefined,
      f.planner,
    ),
    op(
      'pagination',
      'visits first 9999',
      `{ visits(first: 9999) { nodes { id } } }`,
      undefined,
      f.planner,
    ),
    op(
      'pagination',
      'visits first 0',
      `{ visits(first: 0) { nodes { id } } }`,
      undefined,
      f.planner,
    ),
    op(
      'pagination',
      'cursor not base64 of a USCC',
      `{ enterprises(first: 1, after: "!!!") { nodes { uscc } } }`,
    ),
    op(
      'pagination',
      'cursor of another list',
      `{ enterprises(first: 1, after: "${Buffer.from("' OR 1=1 --").toString('base64url')}") { nodes { uscc } } }`,
    ),
    op(
      'pagination',
      'visits cursor garbage',
      `{ visits(first: 1, after: "garbage") { nodes { id } } }`,
      undefined,
      f.planner,
    ),
    op(
      'pagination',
      'jointTasks cursor garbage',
      `{ jointTasks(first: 1, after: "Z2FyYmFnZQ") { nodes { id } } }`,
      undefined,
      f.planner,
    ),
  );

  // Deep, wide and alias-heavy queries.
  const nest = (levels: number) => {
    let q = 'uscc';
    for (let i = 0; i < levels; i++)
      q = i % 2 === 0 ? `jointVisits { ${q} }` : `enterprise { ${q} }`;
    return q;
  };
  add(
    op(
      'deep query',
      'depth 14 through visits',
      `query($u: ID!) { enterprise(uscc: $u) { ${nest(13)} } }`,
      { u: valid },
      f.planner,
    ),
    op(
      'deep query',
      'depth 30 through visits',
      `query($u: ID!) { enterprise(uscc: $u) { ${nest(29)} } }`,
      { u: valid },
      f.planner,
    ),
    op(
      'deep query',
      'depth 100 through visits',
      `query($u: ID!) { enterprise(uscc: $u) { ${nest(99)} } }`,
      { u: valid },
      f.planner,
    ),
    op('deep query', '500 nested braces', `{ ${'a { '.repeat(500)}b${' }'.repeat(500)} }`),
    op(
      'deep query',
      'deep through fragments',
      `query($u: ID!) { enterprise(uscc: $u) { ...E } } fragment E on Enterprise { jointVisits { enterprise { jointVisits { enterprise { jointVisits { enterprise { jointVisits { enterprise { jointVisits { enterprise { jointVisits { enterprise { jointVisits { uscc } } } } } } } } } } } } } }`,
      { u: valid },
      f.planner,
    ),
    op(
      'deep query',
      'fragment cycle',
      `{ enterprises(first: 1) { nodes { ...A } } } fragment A on Enterprise { ...B } fragment B on Enterprise { ...A }`,
    ),
    op(
      'deep query',
      'deep introspection',
      `{ __type(name: "Query") { fields { type { ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } } }`,
    ),
    op('deep query', 'introspection (off outside development)', `{ __schema { types { name } } }`),
  );
  const aliases = (n: number, field = 'departments { code }') =>
    `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ')} }`;
  add(
    op('alias bomb', '16 aliases', aliases(16)),
    op('alias bomb', '100 aliases', aliases(100)),
    op('alias bomb', '1000 aliases', aliases(1000)),
    op(
      'alias bomb',
      '600 aliases of a mutation',
      `mutation { ${Array.from({ length: 600 }, (_, i) => `m${i}: createAnnualPlan(input: { year: 2026, kind: DEPARTMENT, department: "market", title: "x${i}" }) { id }`).join(' ')} }`,
      undefined,
      f.admin,
    ),
    op(
      'alias bomb',
      '20 aliased mutations',
      `mutation { ${Array.from({ length: 20 }, (_, i) => `m${i}: createAnnualPlan(input: { year: 2026, kind: DEPARTMENT, department: "market", title: "alias ${i}" }) { id }`).join(' ')} }`,
      undefined,
      f.admin,
    ),
    op(
      'alias bomb',
      'aliases through a fragment spread twice',
      `{ enterprises(first: 2) { nodes { ...F ...F } } x: enterprises(first: 2) { nodes { ...F } } } fragment F on Enterprise { a1: uscc a2: uscc a3: uscc a4: uscc a5: uscc a6: uscc a7: uscc a8: uscc a9: uscc a10: uscc a11: uscc a12: uscc a13: uscc a14: uscc a15: uscc }`,
    ),
    op(
      'alias bomb',
      '1500 __typename aliases',
      `{ ${Array.from({ length: 1500 }, (_, i) => `t${i}: __typename`).join(' ')} }`,
    ),
    op(
      'alias bomb',
      '30 aliased enterprise pages of 500',
      aliases(30, 'enterprises(first: 500) { nodes { uscc name supervisionTags { riskClass } } }'),
    ),
  );
  add(
    op(
      'directives',
      '25 @include',
      `{ departments { ${Array.from({ length: 25 }, () => 'code @include(if: true)').join(' ')} } }`,
    ),
    op(
      'directives',
      '30 @skip on one field',
      `{ departments { code ${'@skip(if: false) '.repeat(30)}} }`,
    ),
    op('directives', 'unknown directive', `{ departments @explode { code } }`),
    op(
      'directives',
      'duplicate @include',
      `{ departments @include(if: true) @include(if: true) { code } }`,
    ),
    op(
      'directives',
      '@defer (not supported by this gateway)',
      `{ departments { ... @defer { code } } }`,
    ),
  );
  add(
    op(
      'tokens and size',
      '3000 fields (character limit)',
      `{ departments { ${'code '.repeat(3000)}} }`,
    ),
    op(
      'tokens and size',
      '2500 tokens under the character limit',
      `{ departments { ${'code '.repeat(2500)}} }`.slice(0, 14_900),
    ),
    op(
      'tokens and size',
      '14000 characters of comment then a syntax error',
      `# ${'x'.repeat(14_000)}\n{`,
    ),
    op(
      'tokens and size',
      'cost over the limit',
      `{ ${Array.from({ length: 15 }, (_, i) => `e${i}: enterprises(first: 500) { nodes { uscc name address division { code name } industry { code name } supervisionTags { departmentCode riskClass basis } listings { kind reason listedOn } jointVisits { id status teams { status inspectors { id name } } } } }`).join(' ')} }`,
      undefined,
      f.planner,
    ),
  );

  // Operations that do not parse, do not validate, or do not match their variables.
  add(
    op('invalid operation', 'empty query', ''),
    op('invalid operation', 'only a comment', '# nothing'),
    op('invalid operation', 'unclosed brace', '{ departments { code }'),
    op('invalid operation', 'stray braces', '}}}'),
    op('invalid operation', 'unknown field', '{ departmentz { code } }'),
    op('invalid operation', 'unknown argument', '{ departments(limit: 5) { code } }'),
    op('invalid operation', 'object without selection', '{ departments }'),
    op('invalid operation', 'scalar with selection', '{ departments { code { x } } }'),
    op(
      'invalid operation',
      'fragment on wrong type',
      '{ departments { ...F } } fragment F on Enterprise { uscc }',
    ),
    op(
      'invalid operation',
      'two anonymous operations',
      '{ departments { code } } { departments { name } }',
    ),
    op(
      'invalid operation',
      'operationName not in document',
      `query A { departments { code } }`,
      undefined,
      undefined,
      { body: JSON.stringify({ query: 'query A { departments { code } }', operationName: 'B' }) },
    ),
    op('invalid operation', 'subscription', 'subscription { departments { code } }'),
    op('invalid operation', 'undefined variable', 'query { enterprise(uscc: $u) { name } }'),
    op(
      'invalid operation',
      'missing required variable',
      'query($u: ID!) { enterprise(uscc: $u) { name } }',
      {},
    ),
    op(
      'invalid operation',
      'variable of wrong type',
      'query($n: Int!) { enterprises(first: $n) { nodes { uscc } } }',
      { n: 'ten' },
    ),
    op(
      'invalid operation',
      'object for a string',
      'query($u: ID!) { enterprise(uscc: $u) { name } }',
      { u: { $gt: '' } },
    ),
    op(
      'invalid operation',
      'list for a scalar',
      'query($u: ID!) { enterprise(uscc: $u) { name } }',
      { u: ['a', 'b'] },
    ),
    op(
      'invalid operation',
      'unknown input field',
      REGISTER,
      { i: { ...enterpriseInput(), isAdmin: true } },
      f.admin,
    ),
    op('invalid operation', 'missing input field', REGISTER, { i: { uscc: valid } }, f.admin),
    op('invalid operation', 'null for a non-null input', REGISTER, { i: null }, f.admin),
    op(
      'invalid operation',
      'prototype pollution keys',
      REGISTER,
      { i: JSON.parse(`{"__proto__": {"admin": true}, "constructor": {"prototype": {"x": 1}}}`) },
      f.admin,
    ),
    op('invalid operation', 'variables nested 5000 deep', REGISTER, undefined, f.admin, {
      body: `{"query": ${JSON.stringify(REGISTER)}, "variables": {"i": ${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}}`,
    }),
  );

  // Identifiers that are not identifiers, and references to nothing.
  add(
    op('invalid id', 'jointTask id "1"', `{ jointTask(id: "1") { id } }`, undefined, f.planner),
    op(
      'invalid id',
      'visit id injection',
      `{ visit(id: "' OR 1=1 --") { id } }`,
      undefined,
      f.planner,
    ),
    op(
      'invalid id',
      'inspector id path',
      `{ inspector(id: "../../etc/passwd") { id } }`,
      undefined,
      f.planner,
    ),
    op('invalid id', 'draw id integer', `{ draw(id: 42) { id } }`, undefined, f.planner),
    op(
      'invalid id',
      'verifyDraw of nothing',
      `{ verifyDraw(id: "00000000-0000-4000-8000-000000000000") { reproduces } }`,
    ),
    op(
      'invalid id',
      'drawJointTask not a uuid',
      `mutation { drawJointTask(id: "not-a-uuid", entropy: { witnessSecrets: [] }) { id } }`,
      undefined,
      f.admin,
    ),
    op(
      'invalid id',
      'drawJointTask of nothing',
      `mutation { drawJointTask(id: "00000000-0000-4000-8000-000000000000", entropy: { witnessSecrets: [] }) { id } }`,
      undefined,
      f.admin,
    ),
    op(
      'invalid id',
      'drawJointTask of a task never committed',
      `mutation($id: ID!) { drawJointTask(id: $id, entropy: { witnessSecrets: [] }) { id } }`,
      { id: taskId },
      f.admin,
      { code: 'CONFLICT' },
    ),
    op(
      'invalid id',
      'commitDraw not a uuid',
      COMMIT,
      { t: 'not-a-uuid', i: { witnesses: [witness(1), witness(2)] } },
      f.admin,
    ),
    op(
      'invalid id',
      'commitDraw of nothing',
      COMMIT,
      { t: '00000000-0000-4000-8000-000000000000', i: { witnesses: [witness(1), witness(2)] } },
      f.admin,
      { code: 'NOT_FOUND' },
    ),
    op(
      'invalid id',
      'setInspectorActive not a uuid',
      `mutation { setInspectorActive(id: "123", active: false) { id } }`,
      undefined,
      f.admin,
    ),
    op(
      'invalid id',
      'removeListing of nothing',
      `mutation { removeListing(id: "00000000-0000-4000-8000-000000000000", removedOn: "2026-03-01", reason: "已恢复") { id } }`,
      undefined,
      f.admin,
    ),
    op(
      'invalid id',
      'recuseInspector on no visit',
      `mutation { recuseInspector(visitId: "00000000-0000-4000-8000-000000000000", department: "market", inspectorId: "${f.inspectorId}", reason: "回避理由") { status } }`,
      undefined,
      f.admin,
    ),
    op(
      'invalid id',
      'task with unknown department',
      CREATE_TASK,
      {
        i: taskInput({
          departments: [{ department: 'nosuch', checkItems: ['MARKET-002'], sampleSize: 3 }],
        }),
      },
      f.admin,
    ),
    op(
      'invalid id',
      'task with unknown check item',
      CREATE_TASK,
      {
        i: taskInput({
          departments: [{ department: 'market', checkItems: ['NO-SUCH-ITEM'], sampleSize: 3 }],
        }),
      },
      f.admin,
    ),
    op(
      'invalid id',
      'task with an annual plan that does not exist',
      CREATE_TASK,
      { i: taskInput({ planId: '00000000-0000-4000-8000-000000000000' }) },
      f.admin,
    ),
    op(
      'invalid id',
      'task with a sub-pool of non-uuids',
      CREATE_TASK,
      {
        i: taskInput({
          departments: [
            {
              department: 'market',
              checkItems: ['MARKET-002'],
              sampleSize: 3,
              inspectorPool: 'SUB_POOL',
              subPool: ['x'],
            },
          ],
        }),
      },
      f.admin,
    ),
    op(
      'invalid id',
      'task ratio 5',
      CREATE_TASK,
      {
        i: taskInput({
          departments: [{ department: 'market', checkItems: ['MARKET-002'], ratio: 5 }],
        }),
      },
      f.admin,
    ),
    op(
      'invalid id',
      'task sample size 0',
      CREATE_TASK,
      {
        i: taskInput({
          departments: [{ department: 'market', checkItems: ['MARKET-002'], sampleSize: 0 }],
        }),
      },
      f.admin,
    ),
    op(
      'invalid id',
      'task of 25 departments',
      CREATE_TASK,
      {
        i: taskInput({
          departments: Array.from({ length: 25 }, () => ({
            department: 'market',
            checkItems: ['MARKET-002'],
            sampleSize: 3,
          })),
        }),
      },
      f.admin,
    ),
    op(
      'invalid id',
      'listing for an enterprise not in the directory',
      LISTING,
      {
        i: listingInput(
          buildUscc({ authority: '9', orgType: '1', division: '150821', orgBody: 'XW999999' }),
        ),
      },
      f.admin,
    ),
    op(
      'invalid id',
      'check item of an unknown department',
      CHECK_ITEM,
      { i: checkItemInput({ departmentCode: 'nosuch' }) },
      f.admin,
    ),
    op(
      'invalid id',
      'enterprise of an unknown division',
      REGISTER,
      { i: enterpriseInput({ divisionCode: '999999' }) },
      f.admin,
    ),
  );

  // Draw commitments without sound entropy: each is BAD_USER_INPUT on a real, committable task, and commits nothing.
  add(
    op(
      'draw entropy',
      'witness commitment not hex',
      COMMIT,
      { t: taskId, i: { witnesses: [witness(1, { commitment: 'z'.repeat(64) }), witness(2)] } },
      f.admin,
      { code: 'BAD_USER_INPUT' },
    ),
    op(
      'draw entropy',
      'witness commitment upper-case hex',
      COMMIT,
      { t: taskId, i: { witnesses: [witness(1, { commitment: 'A'.repeat(64) }), witness(2)] } },
      f.admin,
      { code: 'BAD_USER_INPUT' },
    ),
    op(
      'draw entropy',
      'witness commitment 63 hex digits',
      COMMIT,
      { t: taskId, i: { witnesses: [witness(1, { commitment: '1'.repeat(63) }), witness(2)] } },
      f.admin,
      { code: 'BAD_USER_INPUT' },
    ),
    op(
      'draw entropy',
      'a single witness',
      COMMIT,
      { t: taskId, i: { witnesses: [witness(1)] } },
      f.admin,
      { code: 'BAD_USER_INPUT' },
    ),
    op(
      'draw entropy',
      'no entropy source at all',
      COMMIT,
      { t: taskId, i: { witnesses: [] } },
      f.admin,
      { code: 'BAD_USER_INPUT' },
    ),
    op(
      'draw entropy',
      'no entropy source (input left empty)',
      COMMIT,
      { t: taskId, i: {} },
      f.admin,
      { code: 'BAD_USER_INPUT' },
    ),
    op(
      'draw entropy',
      'two witnesses with the same commitment',
      COMMIT,
      {
        t: taskId,
        i: { witnesses: [witness(1), witness(2, { commitment: witness(1).commitment })] },
      },
      f.admin,
      { code: 'BAD_USER_INPUT' },
    ),
    op(
      'draw entropy',
      'beacon round and delay both',
      COMMIT,
      { t: taskId, i: { beacon: { round: 1, delaySeconds: 30 } } },
      f.admin,
      { code: 'BAD_USER_INPUT' },
    ),
    op(
      'draw entropy',
      'beacon delay over a day',
      COMMIT,
      { t: taskId, i: { beacon: { delaySeconds: 86_401 } } },
      f.admin,
      { code: 'BAD_USER_INPUT' },
    ),
    op(
      'draw entropy',
      'beacon round in the past',
      COMMIT,
      { t: taskId, i: { beacon: { round: 1 } } },
      f.admin,
      { code: 'BAD_USER_INPUT' },
    ),
  );

  // Refused identities.
  for (const [name, authorization] of await badTokens()) {
    add({
      category: 'bad token',
      name,
      headers: { ...JSON_HEADERS, authorization },
      body: JSON.stringify({ query: '{ departments { code } }' }),
    });
  }
  add(
    op(
      'bad token',
      'public calling an inspector-only query',
      `{ inspectors(department: "market") { id } }`,
    ),
  );

  // Bodies that are not a GraphQL request.
  const raw = (
    name: string,
    body: string | Uint8Array,
    headers: Record<string, string> = JSON_HEADERS,
  ): BadCase => ({ category: 'malformed body', name, headers, body });
  add(
    raw('unclosed object', '{'),
    raw('missing value', '{"query": }'),
    raw('truncated', '{"query": "{ departments { code } }"'),
    raw('trailing garbage', '{"query": "{ departments { code } }"} xyz'),
    raw('JSON null', 'null'),
    raw('JSON string', '"{ departments { code } }"'),
    raw('JSON number', '123'),
    raw('JSON true', 'true'),
    raw('empty object', '{}'),
    raw('empty body', ''),
    raw('query is a number', '{"query": 5}'),
    raw('query is null', '{"query": null}'),
    raw('query is an object', '{"query": {"a": 1}}'),
    raw('variables a string', '{"query": "{ departments { code } }", "variables": "x"}'),
    raw('variables a list', '{"query": "{ departments { code } }", "variables": [1]}'),
    raw('operationName a number', '{"query": "{ departments { code } }", "operationName": 5}'),
    raw('extensions a string', '{"query": "{ departments { code } }", "extensions": "x"}'),
    raw(
      'persisted query unknown',
      JSON.stringify({
        extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } },
      }),
    ),
    raw('NUL bytes', '\u0000\u0000\u0000'),
    raw('invalid UTF-8', new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d])),
    raw('UTF-16 charset', JSON.stringify({ query: '{ departments { code } }' }), {
      'content-type': 'application/json; charset=utf-16',
    }),
    raw('gzip claimed, not gzip', JSON.stringify({ query: '{ departments { code } }' }), {
      ...JSON_HEADERS,
      'content-encoding': 'gzip',
    }),
    raw('unknown content encoding', JSON.stringify({ query: '{ departments { code } }' }), {
      ...JSON_HEADERS,
      'content-encoding': 'br2',
    }),
  );

  // Content types and methods a GraphQL endpoint does not take.
  const body = JSON.stringify({ query: '{ departments { code } }' });
  add(
    {
      category: 'content type',
      name: 'text/plain (CSRF)',
      headers: { 'content-type': 'text/plain' },
      body,
    },
    {
      category: 'content type',
      name: 'form-urlencoded',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'query=%7B%20departments%20%7B%20code%20%7D%20%7D',
    },
    {
      category: 'content type',
      name: 'multipart',
      headers: { 'content-type': 'multipart/form-data; boundary=x' },
      body: '--x\r\nContent-Disposition: form-data; name="query"\r\n\r\n{ departments { code } }\r\n--x--',
    },
    {
      category: 'content type',
      name: 'XML',
      headers: { 'content-type': 'application/xml' },
      body: '<query>{ departments { code } }</query>',
    },
    { category: 'content type', name: 'no content type', headers: {}, body },
    {
      category: 'content type',
      name: 'application/graphql',
      headers: { 'content-type': 'application/graphql' },
      body: '{ departments { code } }',
    },
    {
      category: 'content type',
      name: 'GET without preflight header (CSRF)',
      method: 'GET',
      path: `/graphql?query=${encodeURIComponent('{ departments { code } }')}`,
      headers: {},
    },
    {
      category: 'content type',
      name: 'GET of a mutation',
      method: 'GET',
      path: `/graphql?query=${encodeURIComponent('mutation { createAnnualPlan(input: { year: 2026, kind: DEPARTMENT, department: "market", title: "GET" }) { id } }')}`,
      headers: { 'apollo-require-preflight': '1', authorization: `Bearer ${f.admin}` },
    },
    {
      category: 'content type',
      name: 'GET with a query over the character limit',
      method: 'GET',
      path: `/graphql?query=${encodeURIComponent(`#${'x'.repeat(15_100)}\n{ departments { code } }`)}`,
      headers: { 'apollo-require-preflight': '1' },
    },
    {
      category: 'content type',
      name: 'GET with a URL over the header size limit',
      method: 'GET',
      path: `/graphql?query=${encodeURIComponent(`{ departments { ${'code '.repeat(3100)}} }`)}`,
      headers: { 'apollo-require-preflight': '1' },
    },
    { category: 'content type', name: 'PUT', method: 'PUT', headers: JSON_HEADERS, body },
    { category: 'content type', name: 'DELETE', method: 'DELETE', headers: {} },
    { category: 'content type', name: 'PATCH', method: 'PATCH', headers: JSON_HEADERS, body },
    {
      category: 'content type',
      name: 'unknown path',
      path: '/graphql2',
      headers: JSON_HEADERS,
      body,
    },
    {
      category: 'content type',
      name: 'path traversal',
      path: '/graphql/../../etc/passwd',
      headers: JSON_HEADERS,
      body,
    },
  );

  // Bodies past the size limit.
  const big = (bytes: number) =>
    JSON.stringify({
      query: 'query($p: String) { departments { code } }',
      variables: { p: 'x'.repeat(bytes) },
    });
  add(
    { category: 'huge body', name: '150 kB', headers: JSON_HEADERS, body: big(150_000) },
    { category: 'huge body', name: '1 MB', headers: JSON_HEADERS, body: big(1_000_000) },
    { category: 'huge body', name: '5 MB', headers: JSON_HEADERS, body: big(5_000_000) },
    {
      category: 'huge body',
      name: '90 kB string variable',
      headers: JSON_HEADERS,
      body: big(90_000),
    },
    {
      category: 'huge body',
      name: '95 kB query',
      headers: JSON_HEADERS,
      body: JSON.stringify({ query: `{ departments { ${'code '.repeat(19_000)}} }` }),
    },
    {
      category: 'huge body',
      name: '20000-element list variable',
      headers: { ...JSON_HEADERS, authorization: `Bearer ${f.admin}` },
      body: JSON.stringify({
        query: CREATE_TASK,
        variables: {
          i: taskInput({ scope: { divisions: Array.from({ length: 20_000 }, () => '15') } }),
        },
      }),
    },
  );

  // Batched operations (a JSON array).
  const bad = { query: '{ enterprise(uscc: "bad") { name } }' };
  add(
    {
      category: 'batch',
      name: '6 operations (limit 5)',
      headers: JSON_HEADERS,
      body: JSON.stringify(Array.from({ length: 6 }, () => bad)),
    },
    {
      category: 'batch',
      name: '50 operations',
      headers: JSON_HEADERS,
      body: JSON.stringify(Array.from({ length: 50 }, () => bad)),
    },
    {
      category: 'batch',
      name: '5000 operations',
      headers: JSON_HEADERS,
      body: JSON.stringify(Array.from({ length: 5000 }, () => ({ query: '{a}' }))),
    },
    { category: 'batch', name: 'empty array', headers: JSON_HEADERS, body: '[]' },
    { category: 'batch', name: 'array of numbers', headers: JSON_HEADERS, body: '[1, 2]' },
    { category: 'batch', name: 'array with null', headers: JSON_HEADERS, body: '[null]' },
    {
      category: 'batch',
      name: 'nested arrays',
      headers: JSON_HEADERS,
      body: JSON.stringify([[bad], [bad]]),
    },
    {
      category: 'batch',
      name: 'two bad operations',
      headers: JSON_HEADERS,
      body: JSON.stringify([bad, { query: '{ departmentz }' }]),
    },
    {
      category: 'batch',
      name: 'five over-deep operations',
      headers: { ...JSON_HEADERS, authorization: `Bearer ${f.planner}` },
      body: JSON.stringify(
        Array.from({ length: 5 }, () => ({
          query: `query($u: ID!) { enterprise(uscc: $u) { ${nest(15)} } }`,
          variables: { u: valid },
        })),
      ),
    },
    {
      category: 'batch',
      name: 'a batch of alias bombs',
      headers: JSON_HEADERS,
      body: JSON.stringify(Array.from({ length: 3 }, () => ({ query: aliases(50) }))),
    },
  );

  // Sent straight to a subgraph, bypassing the gateway: the subgraphs hold their own line.
  for (const target of ['registry', 'joint-tasks'] as const) {
    add(
      {
        category: 'direct to subgraph',
        target,
        name: `${target}: malformed JSON`,
        headers: JSON_HEADERS,
        body: '{"query": ',
      },
      {
        category: 'direct to subgraph',
        target,
        name: `${target}: 11 MB body`,
        headers: JSON_HEADERS,
        body: big(11_000_000),
      },
      {
        category: 'direct to subgraph',
        target,
        name: `${target}: unknown path`,
        path: '/admin',
        headers: JSON_HEADERS,
        body,
      },
      {
        category: 'direct to subgraph',
        target,
        name: `${target}: text/plain (CSRF)`,
        headers: { 'content-type': 'text/plain' },
        body,
      },
      {
        category: 'direct to subgraph',
        target,
        name: `${target}: expired token`,
        headers: {
          ...JSON_HEADERS,
          authorization: (await badTokens()).find(([n]) => n === 'expired')![1],
        },
        body: JSON.stringify({ query: '{ __typename }' }),
      },
      {
        category: 'direct to subgraph',
        target,
        name: `${target}: string of 20000`,
        headers: JSON_HEADERS,
        body: JSON.stringify({
          query: 'query($p: String) { __typename }',
          variables: { p: 'x'.repeat(20_000) },
        }),
      },
      {
        category: 'direct to subgraph',
        target,
        name: `${target}: forged _entities of no type`,
        headers: JSON_HEADERS,
        body: JSON.stringify({
          query: 'query($r: [_Any!]!) { _entities(representations: $r) { __typename } }',
          variables: { r: [{ __typename: 'NoSuchType', id: 1 }] },
        }),
      },
    );
  }
  add(
    {
      category: 'direct to subgraph',
      target: 'registry',
      name: 'registry: _entities without a key',
      headers: JSON_HEADERS,
      body: JSON.stringify({
        query: 'query($r: [_Any!]!) { _entities(representations: $r) { __typename } }',
        variables: { r: [{ __typename: 'Enterprise' }] },
      }),
    },
    {
      category: 'direct to subgraph',
      target: 'registry',
      name: 'registry: frame without a token',
      path: '/internal/frame',
      headers: JSON_HEADERS,
      body: JSON.stringify({ departments: ['market'], checkItems: [] }),
    },
    {
      category: 'direct to subgraph',
      target: 'registry',
      name: 'registry: frame with bad departments',
      path: '/internal/frame',
      headers: { ...JSON_HEADERS, authorization: `Bearer ${f.admin}` },
      body: JSON.stringify({ departments: ["market'; DROP TABLE enterprise; --"], checkItems: [] }),
    },
    {
      category: 'direct to subgraph',
      target: 'registry',
      name: 'registry: frame body not JSON',
      path: '/internal/frame',
      headers: { ...JSON_HEADERS, authorization: `Bearer ${f.admin}` },
      body: '{',
    },
  );
  return cases;
}
