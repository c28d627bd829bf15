import { own, type MatrixContext, type MutationEntry } from './types';

/** The n-th seeded enterprise (by USCC), so cells touch different rows. */
async function seededUscc(ctx: MatrixContext, n: number): Promise<string> {
  const [row] = await ctx.sql<{ uscc: string }>(
    `SELECT uscc FROM registry.enterprise WHERE status = 'ACTIVE' ORDER BY uscc OFFSET $1 LIMIT 1`,
    [n],
  );
  return row.uscc;
}

/** The first active inspector of a department. */
async function activeInspector(ctx: MatrixContext, department: string): Promise<string> {
  const [row] = await ctx.sql<{ id: string }>(
    `SELECT id FROM registry.inspector WHERE department_code = $1 AND active ORDER BY id LIMIT 1`,
    [department],
  );
  return row.id;
}

let cellIndex = 0;

/** The registry's mutations. Owners are departments no joint task of the matrix draws from, so cells cannot disturb one another. */
export const REGISTRY_ENTRIES: MutationEntry[] = [
  {
    mutation: 'registerEnterprise',
    owner: 'market',
    allowed: own('planner', 'supervisor'),
    async request(ctx) {
      return {
        query: `mutation($i: RegisterEnterpriseInput!) { registerEnterprise(input: $i) { uscc } }`,
        variables: {
          i: {
            uscc: ctx.newUscc(),
            name: '矩阵测试商贸有限公司',
            address: '五原县隆兴昌镇胜利街1号',
            divisionCode: '150821',
            industryCode: 'F',
            enterpriseType: '有限责任公司',
            registeredOn: '2020-05-01',
          },
        },
      };
    },
  },
  {
    mutation: 'addCheckItem',
    owner: 'health',
    allowed: own('planner', 'supervisor'),
    async request(ctx) {
      return {
        query: `mutation($i: AddCheckItemInput!) { addCheckItem(input: $i) { code } }`,
        variables: {
          i: {
            code: `SEC-${ctx.unique()}`,
            departmentCode: 'health',
            name: '矩阵测试事项',
            nameEn: 'Matrix test item',
            legalBasis: '《测试条例》第一条',
            objectType: '企业',
            method: 'ONSITE',
            category: 'GENERAL',
            expertise: 'general',
          },
        },
      };
    },
  },
  {
    mutation: 'addInspector',
    owner: 'ecology',
    allowed: own('planner', 'supervisor'),
    async request(ctx) {
      return {
        query: `mutation($i: AddInspectorInput!) { addInspector(input: $i) { id } }`,
        variables: {
          i: {
            departmentCode: 'ecology',
            name: '测试员',
            certificateNo: `CERT-${ctx.unique()}`,
            sex: '女',
            post: '科员',
            expertise: ['general'],
          },
        },
      };
    },
  },
  {
    mutation: 'setInspectorActive',
    owner: 'ecology',
    allowed: own('supervisor'),
    async request(ctx) {
      return {
        query: `mutation($id: ID!) { setInspectorActive(id: $id, active: true) { id active } }`,
        variables: { id: await activeInspector(ctx, 'ecology') },
      };
    },
  },
  {
    mutation: 'declareRecusal',
    owner: 'ecology',
    allowed: [...own('supervisor'), 'self'],
    async request(ctx) {
      const inspector = await activeInspector(ctx, 'ecology');
      return {
        query: `mutation($i: ID!, $u: ID!) { declareRecusal(inspectorId: $i, uscc: $u, reason: "亲属在该企业任职") { id } }`,
        variables: { i: inspector, u: await seededUscc(ctx, 10 + cellIndex++) },
        selfSub: inspector,
      };
    },
  },
  {
    mutation: 'tagEnterprise',
    owner: 'ecology',
    allowed: own('planner', 'supervisor'),
    async request(ctx) {
      return {
        query: `mutation($u: ID!) { tagEnterprise(uscc: $u, department: "ecology", riskClass: B, basis: "矩阵测试") { uscc riskClass } }`,
        variables: { u: await seededUscc(ctx, 40 + cellIndex++) },
      };
    },
  },
  {
    mutation: 'setSamplingPolicy',
    owner: 'ecology',
    allowed: own('supervisor'),
    async request(ctx) {
      // The current rules again, so an allowed cell changes nothing another test relies on.
      const { samplingPolicies } = await ctx.asAdmin(
        `{ samplingPolicies { departmentCode ratioA ratioB ratioC ratioD generalRatioCap minIntervalDays yearlyCap exclusionYears excludeListed rotationDays source } }`,
      );
      const current = samplingPolicies.find(
        (p: { departmentCode: string }) => p.departmentCode === 'ecology',
      );
      return {
        query: `mutation($i: SamplingPolicyInput!) { setSamplingPolicy(input: $i) { departmentCode } }`,
        variables: { i: current },
      };
    },
  },
  {
    mutation: 'addListing',
    owner: 'market',
    allowed: own('planner', 'supervisor'),
    async request(ctx) {
      return {
        query: `mutation($i: AddListingInput!) { addListing(input: $i) { id } }`,
        variables: {
          i: {
            kind: 'ABNORMAL_OPERATION',
            uscc: await seededUscc(ctx, 70 + cellIndex++),
            departmentCode: 'market',
            reason: '通过登记的住所无法联系',
            listedOn: '2026-01-05',
          },
        },
      };
    },
  },
  {
    mutation: 'removeListing',
    owner: 'market',
    allowed: own('planner', 'supervisor'),
    async request(ctx) {
      const { addListing } = await ctx.asAdmin(
        `mutation($i: AddListingInput!) { addListing(input: $i) { id } }`,
        {
          i: {
            kind: 'SERIOUS_VIOLATION',
            uscc: await seededUscc(ctx, 100 + cellIndex++),
            departmentCode: 'market',
            reason: '矩阵测试列入',
            listedOn: '2026-01-05',
          },
        },
      );
      return {
        query: `mutation($id: ID!) { removeListing(id: $id, removedOn: "2026-03-01", reason: "已恢复正常") { id removedOn } }`,
        variables: { id: addListing.id },
      };
    },
  },
];
