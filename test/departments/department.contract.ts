import { buildUscc } from '@jih/domain/uscc';
import { sql } from '../support/database';
import { startFederation, token, type TestFederation } from '../support/federation';

/**
 * What every department subgraph promises, checked end to end through the gateway. Each
 * `<dept>.test.ts` states its department's names and its rating → risk mapping literally and runs
 * these, then its own rules.
 */
export interface DepartmentSpec {
  code: string;
  /** `Enterprise.<code>.<ratingField>` and the mutation setting it. */
  ratingField: string;
  ratingMutation: string;
  ratingInput: string;
  /** A value that is not a level of the department's scale. */
  badLevel: string;
  /** The department's rating → registry risk class mapping, stated here independently of its config. */
  mapping: Record<string, 'A' | 'B' | 'C' | 'D'>;
  /** The follow-up list field on the profile and the mutation opening one of `kindWithDeadline`. */
  followUpField: string;
  openFollowUp: string;
  openFollowUpInput: string;
  closeFollowUp: string;
  closeFollowUpInput: string;
  kindWithDeadline: string;
  /**
   * SQL condition on `e` (registry.enterprise) for enterprises whose class follows the rating alone,
   * for departments whose own rule can override it (market: not on a list).
   */
  plain?: string;
}

/** Starts the whole federation for the test file (before its tests, stopped after) and returns a getter for it. */
export function useFederation(): () => TestFederation {
  let fed: TestFederation;
  beforeAll(async () => {
    fed = await startFederation();
  });
  afterAll(() => fed?.stop());
  return () => fed;
}

/** A valid USCC that the registry does not hold (checked against the test database). */
export async function unknownUscc(fed: TestFederation): Promise<string> {
  const uscc = buildUscc({ authority: '9', orgType: '1', division: '150821', orgBody: 'MAYYYY01' });
  const rows = await sql(fed.databaseUrl, 'SELECT 1 FROM registry.enterprise WHERE uscc = $1', [
    uscc,
  ]);
  if (rows.length) throw new Error(`test USCC ${uscc} exists in the registry`);
  return uscc;
}

/** Seeded enterprises, in USCC order, that `code` has a rating on (or none, when `rated` is false). */
export async function seededUsccs(
  fed: TestFederation,
  code: string,
  rated = true,
  limit = 5,
  plain = 'true',
): Promise<string[]> {
  const rows = await sql<{ uscc: string }>(
    fed.databaseUrl,
    `SELECT e.uscc FROM registry.enterprise e WHERE ${rated ? '' : 'NOT '}EXISTS (SELECT 1 FROM "${code}".rating r WHERE r.uscc = e.uscc) AND ${plain} ORDER BY e.uscc LIMIT $1`,
    [limit],
  );
  return rows.map((r) => r.uscc);
}

/** An enterprise `code` has no rating on: a seeded one, or one whose ratings this removes (market rates every enterprise). */
async function unratedUscc(fed: TestFederation, code: string, plain = 'true'): Promise<string> {
  const [unrated] = await seededUsccs(fed, code, false, 1, plain);
  if (unrated) return unrated;
  const [rated] = await seededUsccs(fed, code, true, 1, `${plain} AND e.uscc > '9'`);
  await sql(fed.databaseUrl, `DELETE FROM "${code}".rating WHERE uscc = $1`, [rated]);
  return rated;
}

/** The registry's supervision tags of `code` on an enterprise, read through the gateway. */
export async function registryTags(
  fed: TestFederation,
  uscc: string,
  code: string,
): Promise<{ riskClass: string; basis: string; updatedAt: string }[]> {
  const res = await fed.query(
    `query($u: ID!) { enterprise(uscc: $u) { supervisionTags { departmentCode riskClass basis updatedAt } } }`,
    { u: uscc },
  );
  expect(res.errors).toBeUndefined();
  return res.data.enterprise.supervisionTags.filter(
    (t: { departmentCode: string }) => t.departmentCode === code,
  );
}

/** A date `days` from today in China, YYYY-MM-DD. */
export function chinaDay(days = 0): string {
  const d = new Date(Date.now() + 8 * 3600_000 + days * 86_400_000);
  return d.toISOString().slice(0, 10);
}

/** The behaviour every department shares; call inside the department's test file. */
export function describeDepartmentContract(spec: DepartmentSpec, fed: () => TestFederation): void {
  const { code } = spec;
  const setRating = `mutation($i: ${spec.ratingInput}!) { ${spec.ratingMutation}(input: $i) { year level riskClass } }`;
  const openFollowUp = `mutation($i: ${spec.openFollowUpInput}!) { ${spec.openFollowUp}(input: $i) { id kind checkResultId deadline status overdue } }`;
  const planner = () => token(code, ['planner']);
  const year = Number(chinaDay().slice(0, 4)) - 1;

  describe(`Enterprise.${code} through the gateway`, () => {
    it(`returns the ${code} profile of a seeded enterprise with its current rating and derived risk class`, async () => {
      const [uscc] = await seededUsccs(fed(), code);
      const res = await fed().query(
        `query($u: ID!) { enterprise(uscc: $u) { uscc name ${code} { uscc ${spec.ratingField} { year level riskClass } ${spec.ratingField}History { year } risk { riskClass basis } } } }`,
        { u: uscc },
      );
      expect(res.errors).toBeUndefined();
      const profile = res.data.enterprise[code];
      expect(profile.uscc).toBe(uscc);
      expect(Object.keys(spec.mapping)).toContain(profile[spec.ratingField].level);
      expect(profile[spec.ratingField].riskClass).toBe(
        spec.mapping[profile[spec.ratingField].level],
      );
      expect(profile[`${spec.ratingField}History`][0].year).toBe(profile[spec.ratingField].year);
      expect(['A', 'B', 'C', 'D']).toContain(profile.risk.riskClass);
    });

    it(`lets the public read the profile but not the ${spec.followUpField} (UNAUTHENTICATED on that field only)`, async () => {
      const [uscc] = await seededUsccs(fed(), code);
      const res = await fed().query(
        `query($u: ID!) { enterprise(uscc: $u) { ${code} { ${spec.ratingField} { level } ${spec.followUpField} { id } } } }`,
        { u: uscc },
      );
      expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      expect(res.errors?.[0].path).toEqual(['enterprise', code, spec.followUpField]);
      const signedIn = await fed().query(
        `query($u: ID!) { enterprise(uscc: $u) { ${code} { ${spec.followUpField} { id } } } }`,
        { u: uscc },
        { token: await token('market', ['inspector']) },
      );
      expect(signedIn.errors).toBeUndefined();
      expect(Array.isArray(signedIn.data.enterprise[code][spec.followUpField])).toBe(true);
    });
  });

  describe(`${spec.ratingMutation}: validation and authorisation`, () => {
    it('refuses a level outside the scale with BAD_USER_INPUT', async () => {
      const [uscc] = await seededUsccs(fed(), code);
      const res = await fed().query(
        setRating,
        { i: { uscc, year, level: spec.badLevel } },
        { token: await planner() },
      );
      expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0].message).toContain(spec.badLevel);
    });

    it('refuses a USCC unknown to the registry with NOT_FOUND and a malformed one with BAD_USER_INPUT, storing nothing', async () => {
      const unknown = await unknownUscc(fed());
      const level = Object.keys(spec.mapping)[0];
      const res = await fed().query(
        setRating,
        { i: { uscc: unknown, year, level } },
        { token: await planner() },
      );
      expect(res.errors?.[0].extensions?.code).toBe('NOT_FOUND');
      expect(res.errors?.[0].message).toContain(unknown);
      const bad = await fed().query(
        setRating,
        { i: { uscc: `${unknown.slice(0, 17)}0`, year, level } },
        { token: await planner() },
      );
      expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(bad.errors?.[0].message).toMatch(/position 18/);
      expect(
        await sql(fed().databaseUrl, `SELECT 1 FROM "${code}".rating WHERE uscc = $1`, [unknown]),
      ).toHaveLength(0);
    });

    it('refuses a year that has not begun and a malformed date with BAD_USER_INPUT', async () => {
      const [uscc] = await seededUsccs(fed(), code);
      const level = Object.keys(spec.mapping)[0];
      const future = await fed().query(
        setRating,
        { i: { uscc, year: year + 2, level } },
        { token: await planner() },
      );
      expect(future.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      const badDate = await fed().query(
        setRating,
        { i: { uscc, year, level, ratedOn: '2025-02-30' } },
        { token: await planner() },
      );
      expect(badDate.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(badDate.errors?.[0].message).toContain('ratedOn');
    });

    it("is FORBIDDEN to another department's planner and to this department's inspector, UNAUTHENTICATED without a token", async () => {
      const [uscc] = await seededUsccs(fed(), code);
      const input = { i: { uscc, year, level: Object.keys(spec.mapping)[0] } };
      const other = code === 'tax' ? 'market' : 'tax';
      for (const t of [await token(other, ['planner']), await token(code, ['inspector'])]) {
        const res = await fed().query(setRating, input, { token: t });
        expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      }
      expect((await fed().query(setRating, input)).errors?.[0].extensions?.code).toBe(
        'UNAUTHENTICATED',
      );
    });
  });

  describe(`the ${code} rating → registry risk class path`, () => {
    it(`sends the class each level maps to (${Object.entries(spec.mapping)
      .map(([l, r]) => `${l}→${r}`)
      .join(', ')}) to the registry's supervision tag`, async () => {
      const [uscc] = await seededUsccs(fed(), code, true, 1, spec.plain);
      for (const [level, risk] of Object.entries(spec.mapping)) {
        const res = await fed().query(
          setRating,
          { i: { uscc, year: year + 1, level } },
          { token: await planner() },
        );
        expect(res.errors).toBeUndefined();
        expect(res.data[spec.ratingMutation]).toEqual({ year: year + 1, level, riskClass: risk });
        const tags = await registryTags(fed(), uscc, code);
        expect(tags).toHaveLength(1);
        expect(tags[0].riskClass).toBe(risk);
        expect(tags[0].basis).toContain(`${code} ${level}`);
      }
    });

    it('is idempotent: the same rating twice leaves one unchanged tag in the registry and one row here', async () => {
      const [, uscc] = await seededUsccs(fed(), code, true, 2, spec.plain);
      const [level] = Object.keys(spec.mapping);
      await fed().query(
        setRating,
        { i: { uscc, year: year + 1, level } },
        { token: await planner() },
      );
      const before = await registryTags(fed(), uscc, code);
      const again = await fed().query(
        setRating,
        { i: { uscc, year: year + 1, level } },
        { token: await planner() },
      );
      expect(again.errors).toBeUndefined();
      expect(await registryTags(fed(), uscc, code)).toEqual(before);
      expect(
        await sql(
          fed().databaseUrl,
          `SELECT 1 FROM "${code}".rating WHERE uscc = $1 AND year = $2`,
          [uscc, year + 1],
        ),
      ).toHaveLength(1);
    });

    it('tags an enterprise the department had no record on, and the profile shows the same class', async () => {
      const uscc = await unratedUscc(fed(), code, spec.plain);
      const [level, risk] = Object.entries(spec.mapping).at(-1)!;
      const res = await fed().query(
        setRating,
        { i: { uscc, year, level } },
        { token: await planner() },
      );
      expect(res.errors).toBeUndefined();
      expect((await registryTags(fed(), uscc, code))[0]?.riskClass).toBe(risk);
      const profile = await fed().query(
        `query($u: ID!) { enterprise(uscc: $u) { ${code} { risk { riskClass } } } }`,
        { u: uscc },
      );
      expect(profile.data.enterprise[code].risk.riskClass).toBe(risk);
    });
  });

  describe(`${spec.openFollowUp} / ${spec.closeFollowUp}`, () => {
    const inspector = () => token(code, ['inspector']);

    it('refuses a deadline in the past with BAD_USER_INPUT and a missing one where the kind needs it', async () => {
      const [uscc] = await seededUsccs(fed(), code);
      const base = { uscc, kind: spec.kindWithDeadline, summary: '复查发现问题未整改' };
      const past = await fed().query(
        openFollowUp,
        { i: { ...base, deadline: chinaDay(-1) } },
        { token: await inspector() },
      );
      expect(past.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(past.errors?.[0].message).toMatch(/deadline .* is in the past/);
      const missing = await fed().query(openFollowUp, { i: base }, { token: await inspector() });
      expect(missing.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      const unknown = await fed().query(
        openFollowUp,
        { i: { ...base, uscc: await unknownUscc(fed()), deadline: chinaDay(10) } },
        { token: await inspector() },
      );
      expect(unknown.errors?.[0].extensions?.code).toBe('NOT_FOUND');
      const badResult = await fed().query(
        openFollowUp,
        { i: { ...base, deadline: chinaDay(10), checkResultId: 'not-a-uuid' } },
        { token: await inspector() },
      );
      expect(badResult.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      const forbidden = await fed().query(
        openFollowUp,
        { i: { ...base, deadline: chinaDay(10) } },
        { token: await token(code === 'fire' ? 'tax' : 'fire', ['inspector']) },
      );
      expect(forbidden.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    });

    it('opens one from a check result, lists it on the profile, closes it once (CONFLICT the second time)', async () => {
      const [uscc] = await seededUsccs(fed(), code);
      const checkResultId = '0b6f3c1e-2f4a-4c55-9a7e-5d1c2b3a4f60';
      const opened = await fed().query(
        openFollowUp,
        {
          i: {
            uscc,
            kind: spec.kindWithDeadline,
            summary: '检查发现问题，责令整改',
            deadline: chinaDay(15),
            checkResultId,
          },
        },
        { token: await inspector() },
      );
      expect(opened.errors).toBeUndefined();
      const record = opened.data[spec.openFollowUp];
      expect(record).toMatchObject({
        kind: spec.kindWithDeadline,
        checkResultId,
        deadline: chinaDay(15),
        status: 'OPEN',
        overdue: false,
      });
      const profile = await fed().query(
        `query($u: ID!) { enterprise(uscc: $u) { ${code} { ${spec.followUpField}(status: OPEN) { id } } } }`,
        { u: uscc },
        { token: await inspector() },
      );
      expect(
        profile.data.enterprise[code][spec.followUpField].map((f: { id: string }) => f.id),
      ).toContain(record.id);
      const close = `mutation($i: ${spec.closeFollowUpInput}!) { ${spec.closeFollowUp}(input: $i) { id status closedOn outcome } }`;
      const closed = await fed().query(
        close,
        { i: { id: record.id, outcome: '复查合格' } },
        { token: await inspector() },
      );
      expect(closed.errors).toBeUndefined();
      expect(closed.data[spec.closeFollowUp]).toMatchObject({
        status: 'CLOSED',
        closedOn: chinaDay(),
        outcome: '复查合格',
      });
      const twice = await fed().query(
        close,
        { i: { id: record.id, outcome: '复查合格' } },
        { token: await inspector() },
      );
      expect(twice.errors?.[0].extensions?.code).toBe('CONFLICT');
    });
  });
}
