/**
 * Matrix entries of the department subgraphs, derived from their declarations: every department
 * built on the department kit has the same mutations, named after its code and declarations
 * (`taxSetCreditRating`, `healthIssueLicence`, …), and the same rule — writers are the roles the
 * declaration gives that kind of record, in that department, or admins. Market's own listing
 * mutations follow.
 */
import type { DepartmentDefinition } from '@jih/kit/department/department.config';
import { ecologyDepartment } from '@jih/subgraphs/ecology/src/ecology.config';
import { emergencyDepartment } from '@jih/subgraphs/emergency/src/emergency.config';
import { fireDepartment } from '@jih/subgraphs/fire/src/fire.config';
import { healthDepartment } from '@jih/subgraphs/health/src/health.config';
import { marketDepartment } from '@jih/subgraphs/market/src/market.config';
import { taxDepartment } from '@jih/subgraphs/tax/src/tax.config';
import { own, type MatrixContext, type MutationEntry } from './types';

const DEPARTMENTS: DepartmentDefinition[] = [
  marketDepartment,
  taxDepartment,
  healthDepartment,
  emergencyDepartment,
  fireDepartment,
  ecologyDepartment,
];

/** A date `days` from today in China, YYYY-MM-DD. */
function chinaDay(days = 0): string {
  return new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

/** A seeded enterprise the department supervises (tagged in the registry), the same one for every cell. */
const supervised = new WeakMap<MatrixContext, Map<string, Promise<string>>>();
function enterpriseOf(ctx: MatrixContext, code: string): Promise<string> {
  let byCode = supervised.get(ctx);
  if (!byCode) supervised.set(ctx, (byCode = new Map()));
  let uscc = byCode.get(code);
  if (!uscc) {
    uscc = ctx
      .sql<{ uscc: string }>(
        `SELECT uscc FROM registry.supervision_tag WHERE department_code = $1 ORDER BY uscc LIMIT 1`,
        [code],
      )
      .then((r) => r[0].uscc);
    byCode.set(code, uscc);
  }
  return uscc;
}

/** The kit's mutations of one department. */
function kitEntries(def: DepartmentDefinition): MutationEntry[] {
  const { code, pascal } = def;
  const rating = def.rating;
  const level = Object.keys(rating.levels)[0];
  const year = Number(chinaDay().slice(0, 4)) - 1;
  const fu = def.followUps;
  const [kind, kindDecl] = Object.entries(fu.kinds)[0];
  const followUpInput = async (ctx: MatrixContext) => ({
    uscc: await enterpriseOf(ctx, code),
    kind,
    summary: '安全矩阵测试：责令限期改正',
    ...(kindDecl.deadline === 'required' ? { deadline: chinaDay(30) } : {}),
  });
  const entries: MutationEntry[] = [
    {
      mutation: `${code}Set${rating.typeName}`,
      owner: code,
      allowed: own(...def.roles.rate),
      async request(ctx) {
        return {
          query: `mutation($i: ${pascal}Set${rating.typeName}Input!) { ${code}Set${rating.typeName}(input: $i) { year } }`,
          variables: { i: { uscc: await enterpriseOf(ctx, code), year, level } },
        };
      },
    },
    {
      mutation: `${code}ResyncRiskClass`,
      owner: code,
      allowed: own(...def.roles.rate),
      async request(ctx) {
        return {
          query: `mutation($u: ID!) { ${code}ResyncRiskClass(uscc: $u) { riskClass } }`,
          variables: { u: await enterpriseOf(ctx, code) },
        };
      },
    },
    {
      mutation: `${code}Open${fu.noun}`,
      owner: code,
      allowed: own(...def.roles.followUp),
      async request(ctx) {
        return {
          query: `mutation($i: ${pascal}Open${fu.noun}Input!) { ${code}Open${fu.noun}(input: $i) { id } }`,
          variables: { i: await followUpInput(ctx) },
        };
      },
    },
    {
      mutation: `${code}Close${fu.noun}`,
      owner: code,
      allowed: own(...def.roles.followUp),
      async request(ctx) {
        const opened = await ctx.asAdmin(
          `mutation($i: ${pascal}Open${fu.noun}Input!) { ${code}Open${fu.noun}(input: $i) { id } }`,
          { i: await followUpInput(ctx) },
        );
        return {
          query: `mutation($i: ${pascal}Close${fu.noun}Input!) { ${code}Close${fu.noun}(input: $i) { id } }`,
          variables: {
            i: { id: opened[`${code}Open${fu.noun}`].id, outcome: '企业已按期整改完毕' },
          },
        };
      },
    },
  ];
  const flags = Object.keys(def.flags);
  if (flags.length) {
    entries.push({
      mutation: `${code}SetFlag`,
      owner: code,
      allowed: own(...def.roles.rate),
      async request(ctx) {
        return {
          query: `mutation($i: ${pascal}SetFlagInput!) { ${code}SetFlag(input: $i) { uscc } }`,
          variables: { i: { uscc: await enterpriseOf(ctx, code), flag: flags[0], value: true } },
        };
      },
    });
  }
  const lic = def.licences;
  if (lic) {
    const licKind = Object.keys(lic.kinds)[0];
    let serial = 0;
    // A number the department's own number rule accepts (ecology's embeds the holder's USCC).
    const numberFor = (ctx: MatrixContext, uscc: string) => {
      const n = String(++serial % 1000).padStart(3, '0');
      const candidates = [`MX${ctx.unique()}0001`, `${uscc}${n}P`, `${uscc}${n}W`];
      return (
        candidates.find((c) => !lic.checkNumber || lic.checkNumber(c, uscc, licKind) === null) ??
        candidates[0]
      );
    };
    const issueInput = async (ctx: MatrixContext) => {
      const uscc = await enterpriseOf(ctx, code);
      return { uscc, kind: licKind, number: numberFor(ctx, uscc), issuedOn: chinaDay(-10) };
    };
    const issue = `mutation($i: ${pascal}Issue${lic.noun}Input!) { ${code}Issue${lic.noun}(input: $i) { id } }`;
    entries.push(
      {
        mutation: `${code}Issue${lic.noun}`,
        owner: code,
        allowed: own(...def.roles.licence),
        async request(ctx) {
          return { query: issue, variables: { i: await issueInput(ctx) } };
        },
      },
      {
        mutation: `${code}Revoke${lic.noun}`,
        owner: code,
        allowed: own(...def.roles.licence),
        async request(ctx) {
          const issued = await ctx.asAdmin(issue, { i: await issueInput(ctx) });
          return {
            query: `mutation($i: ${pascal}Revoke${lic.noun}Input!) { ${code}Revoke${lic.noun}(input: $i) { id } }`,
            variables: {
              i: { id: issued[`${code}Issue${lic.noun}`].id, reason: '安全矩阵测试：注销' },
            },
          };
        },
      },
    );
  }
  return entries;
}

const ADD_LISTING = `mutation($i: MarketAddListingInput!) { marketAddListing(input: $i) { id } }`;

/** The first enterprise market has never listed: a second listing on the same list would be CONFLICT. */
async function unlisted(ctx: MatrixContext): Promise<string> {
  const [{ uscc }] = await ctx.sql<{ uscc: string }>(
    `SELECT uscc FROM registry.enterprise e WHERE NOT EXISTS (SELECT 1 FROM market.listing l WHERE l.uscc = e.uscc) ORDER BY uscc LIMIT 1`,
  );
  return uscc;
}

/** Market's listings: the department's own legal record of the two lists. */
const MARKET_LISTING_ENTRIES: MutationEntry[] = [
  {
    mutation: 'marketAddListing',
    owner: 'market',
    allowed: own(...marketDepartment.roles.rate),
    async request(ctx) {
      return {
        query: ADD_LISTING,
        variables: {
          i: {
            uscc: await unlisted(ctx),
            kind: 'ABNORMAL_OPERATION',
            reason: '通过登记的住所或者经营场所无法联系',
          },
        },
      };
    },
  },
  {
    mutation: 'marketRemoveListing',
    owner: 'market',
    allowed: own(...marketDepartment.roles.rate),
    async request(ctx) {
      // Each cell removes a listing of its own, on an enterprise of its own.
      const added = await ctx.asAdmin(ADD_LISTING, {
        i: {
          uscc: await unlisted(ctx),
          kind: 'ABNORMAL_OPERATION',
          reason: '通过登记的住所或者经营场所无法联系',
        },
      });
      return {
        query: `mutation($i: MarketRemoveListingInput!) { marketRemoveListing(input: $i) { id } }`,
        variables: { i: { id: added.marketAddListing.id, reason: '已更正住所信息并申请移出' } },
      };
    },
  },
];

export const DEPARTMENT_ENTRIES: MutationEntry[] = [
  ...DEPARTMENTS.flatMap(kitEntries),
  ...MARKET_LISTING_ENTRIES,
];
