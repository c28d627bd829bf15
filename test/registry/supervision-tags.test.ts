import { sql } from '../support/database';
import { startFederation, token, type TestFederation } from '../support/federation';

let fed: TestFederation;
beforeAll(async () => {
  fed = await startFederation({ only: ['registry'] });
});
afterAll(() => fed?.stop());

const TAG = `mutation($u: ID!, $d: ID!, $c: RiskClass!) { tagEnterprise(uscc: $u, department: $d, riskClass: $c, basis: "2025年度纳税信用D级") { uscc departmentCode riskClass basis } }`;

describe('supervision tags and the frame read model', () => {
  it('sets a department class idempotently and keeps the enterprise risk profile in step', async () => {
    const [{ uscc }] = await sql<{ uscc: string }>(
      fed.databaseUrl,
      'SELECT uscc FROM registry.enterprise ORDER BY uscc LIMIT 1',
    );
    const supervisor = await token('tax', ['supervisor']);
    for (let k = 0; k < 2; k++) {
      const res = await fed.query(TAG, { u: uscc, d: 'tax', c: 'D' }, { token: supervisor });
      expect(res.errors).toBeUndefined();
      expect(res.data.tagEnterprise).toMatchObject({ departmentCode: 'tax', riskClass: 'D' });
    }
    const tags = await sql(
      fed.databaseUrl,
      `SELECT 1 FROM registry.supervision_tag WHERE uscc = $1 AND department_code = 'tax'`,
      [uscc],
    );
    expect(tags).toHaveLength(1);
    const [{ risk_profile, sort_order }] = await sql<{ risk_profile: string; sort_order: number }>(
      fed.databaseUrl,
      `SELECT e.risk_profile, d.sort_order FROM registry.enterprise e, registry.department d WHERE e.uscc = $1 AND d.code = 'tax'`,
      [uscc],
    );
    expect(risk_profile[sort_order - 1]).toBe('D');
    // Every stored profile agrees with the tags it is derived from.
    const drift = await sql(
      fed.databaseUrl,
      `SELECT uscc FROM registry.enterprise WHERE risk_profile <> registry.risk_profile_of(uscc) LIMIT 5`,
    );
    expect(drift).toEqual([]);
  });

  it('refuses another department and a bad class letter', async () => {
    const [{ uscc }] = await sql<{ uscc: string }>(
      fed.databaseUrl,
      'SELECT uscc FROM registry.enterprise ORDER BY uscc LIMIT 1',
    );
    const forbidden = await fed.query(
      TAG,
      { u: uscc, d: 'tax', c: 'A' },
      { token: await token('health', ['supervisor']) },
    );
    expect(forbidden.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const bad = await fed.query(
      TAG,
      { u: uscc, d: 'tax', c: 'E' },
      { token: await token('tax', ['supervisor']) },
    );
    expect(bad.errors?.[0].extensions?.code).toMatch(/BAD_USER_INPUT|GRAPHQL_VALIDATION_FAILED/);
  });

  it('keeps the listed flag in step with the shared lists', async () => {
    const drift = await sql(
      fed.databaseUrl,
      `SELECT uscc FROM registry.enterprise e WHERE listed <> EXISTS (SELECT 1 FROM registry.list_entry l WHERE l.uscc = e.uscc AND l.removed_on IS NULL) LIMIT 5`,
    );
    expect(drift).toEqual([]);
  });
});
