import { randomUUID } from 'node:crypto';
import { sql } from '../support/database';
import { startFederation, type TestFederation } from '../support/federation';
import {
  RECORD,
  codeOf,
  createAndDraw,
  inspectorToken,
  resultInput,
  staffedVisits,
  teamOf,
  type VisitView,
} from '../support/joint-task-flow';

let fed: TestFederation;
let visit: VisitView;
let caller: string;

beforeAll(async () => {
  fed = await startFederation();
  [visit] = staffedVisits((await createAndDraw(fed)).visits, ['market']);
  caller = await inspectorToken(visit, 'market');
});
afterAll(() => fed?.stop());

/** Sends recordResult with one field overridden; returns the error code and message. */
async function attempt(overrides: Record<string, unknown>) {
  const res = await fed.query(
    RECORD,
    { i: resultInput(visit, 'market', overrides) },
    { token: caller },
  );
  return {
    code: codeOf(res),
    message: res.errors?.[0].message ?? '',
    problems: res.errors?.[0].extensions?.problems as string[] | undefined,
  };
}

describe('bad input to recordResult', () => {
  it.each<[string, Record<string, unknown>, RegExp]>([
    [
      'findings over 4,000 characters',
      { category: 'CORRECTION_ORDERED', findings: '查'.repeat(4001) },
      /input\.findings: findings must be shorter than or equal to 4000 characters/,
    ],
    [
      'no findings for a problem',
      { category: 'FALSE_INFORMATION', findings: '  ' },
      /findings: required for FALSE_INFORMATION/,
    ],
    [
      'one inspector present',
      { inspectorIds: 'one' },
      /input\.inspectorIds: inspectorIds must contain at least 2 elements/,
    ],
    ['an inspector twice', { inspectorIds: 'twice' }, /an inspector is listed twice/],
    [
      'an inspector not on the team',
      { inspectorIds: 'stranger' },
      /not assigned to this visit's team/,
    ],
    [
      "another department's check item",
      { checkItems: ['TAX-001'] },
      /TAX-001 not among this department's items/,
    ],
    [
      'no signature and no refusal reason',
      { acknowledgement: { representativeName: '王建国', signed: false } },
      /refusalReason: required when the representative did not sign/,
    ],
    [
      'an over-long witness',
      {
        acknowledgement: {
          representativeName: '王建国',
          signed: false,
          refusalReason: '拒绝签字',
          witness: '证'.repeat(101),
        },
      },
      /input\.acknowledgement\.witness/,
    ],
    ['an over-long evidence reference', { evidence: ['x'.repeat(501)] }, /input\.evidence/],
    [
      'a malformed idempotency key',
      { idempotencyKey: 'short' },
      /idempotencyKey must be 8-128 characters/,
    ],
    ['a malformed visit id', { visitId: 'visit-1' }, /visitId must be a visit id/],
  ])(
    'answers BAD_USER_INPUT with a clear message for %s, and stores nothing',
    async (_name, overrides, message) => {
      const team = teamOf(visit, 'market').inspectorIds;
      if (overrides.inspectorIds === 'one') overrides = { inspectorIds: [team[0]] };
      if (overrides.inspectorIds === 'twice') overrides = { inspectorIds: [team[0], team[0]] };
      if (overrides.inspectorIds === 'stranger')
        overrides = { inspectorIds: [team[0], randomUUID()] };
      const r = await attempt(overrides);
      expect(r.code).toBe('BAD_USER_INPUT');
      expect(r.message).toMatch(message);
      expect(r.problems?.length).toBeGreaterThan(0);
      expect(
        await sql(fed.databaseUrl, 'SELECT 1 FROM joint_tasks.check_result WHERE visit_id = $1', [
          visit.id,
        ]),
      ).toEqual([]);
    },
  );

  it('lists every problem at once', async () => {
    const r = await attempt({
      checkDate: '2031-01-01',
      checkItems: ['TAX-001'],
      category: 'FOLLOW_UP_PENDING',
      findings: '',
    });
    expect(r.code).toBe('BAD_USER_INPUT');
    expect(r.problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/checkDate/),
        expect.stringMatching(/checkItems/),
        expect.stringMatching(/findings/),
      ]),
    );
  });

  it('answers NOT_FOUND for an unknown visit and an unknown enum value as a validation error', async () => {
    expect((await attempt({ visitId: randomUUID() })).code).toBe('NOT_FOUND');
    expect((await attempt({ category: 'NOT_A_CATEGORY' })).code).toBe('BAD_USER_INPUT');
  });
});
