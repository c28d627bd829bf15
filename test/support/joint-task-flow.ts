/**
 * The steps of the result workflow through the gateway, shared by the result and dashboard
 * tests: compose and draw a task, pick a staffed visit, record, review, publish.
 */
import { randomUUID } from 'node:crypto';
import { chinaDate } from '@jih/subgraphs/joint-tasks/src/services/result-deadline.service';
import { commitAndDraw, ok } from './draw-protocol';
import { token, type GraphQLResponse, type TestFederation } from './federation';

/** The check items each department checks in the tasks of these tests. */
const CHECK_ITEMS: Record<string, string[]> = {
  market: ['MARKET-002'],
  tax: ['TAX-001'],
  health: ['36115082102006'],
};

/**
 * A joint task of market (lead), tax and health; override any field. Inspectors' capacity counts
 * their teams in every overlapping task, and the tests draw many tasks with this window from a
 * small pool, so the capacity is the largest allowed.
 */
export function taskInput(overrides: Record<string, unknown> = {}) {
  return {
    title: '2026年第四季度市场监管、税务、卫健联合抽查',
    leadDepartment: 'market',
    windowStart: '2026-10-08',
    windowEnd: '2026-12-18',
    capacityPerDay: 20,
    departments: [
      { department: 'market', checkItems: CHECK_ITEMS.market, ratio: 0.2 },
      { department: 'tax', checkItems: CHECK_ITEMS.tax, ratio: 0.1 },
      { department: 'health', checkItems: CHECK_ITEMS.health, sampleSize: 20 },
    ],
    ...overrides,
  };
}

export interface TeamView {
  department: string;
  status: string;
  inspectorIds: string[];
}

export interface VisitView {
  id: string;
  uscc: string;
  departments: string[];
  teams: TeamView[];
}

/** YYYY-MM-DD of today in China shifted by whole days. */
export function chinaDay(offset: number): string {
  return new Date(Date.parse(chinaDate()) + offset * 86_400_000).toISOString().slice(0, 10);
}

/** A window that starts a month from today and lasts two months: never in the past, whenever the suite runs. */
export function futureWindow(): { windowStart: string; windowEnd: string } {
  return { windowStart: chinaDay(30), windowEnd: chinaDay(90) };
}

export { ok };

/** The `extensions.code` of the first error, for `expect(...).toBe('FORBIDDEN')`. */
export function codeOf(res: GraphQLResponse): string | undefined {
  return res.errors?.[0]?.extensions?.code;
}

/**
 * Composes, commits (two witnesses) and draws a task as a market planner; returns its id, its
 * draw and every visit with its teams. A window wholly in the past (the deadline and dashboard
 * tests' overdue results) is committed by a market admin as a backfill, with a reason.
 */
export async function createAndDraw(
  fed: TestFederation,
  input = taskInput(),
): Promise<{ taskId: string; draw: any; visits: VisitView[] }> {
  const planner = await token('market', ['planner']);
  const created = ok(
    await fed.query(
      `mutation($i: CreateJointTaskInput!) { createJointTask(input: $i) { id } }`,
      { i: input },
      { token: planner },
    ),
  );
  const taskId = created.createJointTask.id as string;
  const past = String(input.windowEnd) < chinaDate();
  const { draw } = past
    ? await commitAndDraw(fed, taskId, await token('market', ['admin'], 'backfill-admin'), {
        backfillReason: '测试：补录一个已结束窗口的抽取，以检查逾期结果',
      })
    : await commitAndDraw(fed, taskId, planner);
  const listed = ok(
    await fed.query(
      `query($t: ID!) { jointTask(id: $t) { visits(first: 500) { nodes { id uscc departments teams { department { code } status inspectors { id } } } } } }`,
      { t: taskId },
      { token: planner },
    ),
  );
  const visits: VisitView[] = listed.jointTask.visits.nodes.map((v: any) => ({
    id: v.id,
    uscc: v.uscc,
    departments: v.departments,
    teams: v.teams.map((t: any) => ({
      department: t.department.code,
      status: t.status,
      inspectorIds: t.inspectors.map((i: { id: string }) => i.id),
    })),
  }));
  return { taskId, draw, visits };
}

/** The department's team on a visit. */
export function teamOf(visit: VisitView, department: string): TeamView {
  const team = visit.teams.find((t) => t.department === department);
  if (!team) throw new Error(`visit ${visit.id} has no ${department} team`);
  return team;
}

/** Visits where each given department has a staffed team of at least two (and, with `exactly`, no other department). */
export function staffedVisits(
  visits: VisitView[],
  departments: string[],
  exactly = false,
): VisitView[] {
  return visits.filter(
    (v) =>
      departments.every((d) =>
        v.teams.some(
          (t) => t.department === d && t.status === 'STAFFED' && t.inspectorIds.length >= 2,
        ),
      ) &&
      (!exactly || v.departments.length === departments.length),
  );
}

/** A token of the team's first inspector: the token subject is the inspector id. */
export function inspectorToken(visit: VisitView, department: string, member = 0): Promise<string> {
  return token(department, ['inspector'], teamOf(visit, department).inspectorIds[member]);
}

/** A supervisor token of a department. */
export function supervisorToken(
  department: string,
  sub = `${department}-supervisor-1`,
): Promise<string> {
  return token(department, ['supervisor'], sub);
}

/** A valid RecordResultInput for the department's team on the visit; override any field. */
export function resultInput(
  visit: VisitView,
  department: string,
  overrides: Record<string, unknown> = {},
) {
  return {
    visitId: visit.id,
    idempotencyKey: `record-${randomUUID()}`,
    checkDate: '2026-10-20',
    category: 'NO_PROBLEM',
    checkItems: CHECK_ITEMS[department],
    findings: '',
    inspectorIds: teamOf(visit, department).inspectorIds.slice(0, 2),
    acknowledgement: { representativeName: '王建国', signed: true },
    evidence: [`evidence://${visit.id}/${department}/check-record.pdf`],
    ...overrides,
  };
}

/** A valid CorrectResultInput of a result of the department's team on the visit; override any field. */
export function correctionInput(
  visit: VisitView,
  department: string,
  resultId: string,
  reason: string,
  overrides: Record<string, unknown> = {},
) {
  const { visitId: _visitId, ...content } = resultInput(visit, department, {
    idempotencyKey: `correct-${randomUUID()}`,
    ...overrides,
  });
  return { ...content, resultId, reason };
}

const RESULT_FIELDS = `id version status category label labelZh checkDate dueDate findings current departmentCode previousId correctionReason
  publishedAt deadline { status dueDate basis }`;
export const RECORD = `mutation($i: RecordResultInput!) { recordResult(input: $i) { ${RESULT_FIELDS} } }`;
export const CORRECT = `mutation($i: CorrectResultInput!) { correctResult(input: $i) { ${RESULT_FIELDS} } }`;
export const REVIEW = `mutation($id: ID!) { reviewResult(id: $id) { ${RESULT_FIELDS} } }`;
export const PUBLISH = `mutation($id: ID!) { publishResult(id: $id) { ${RESULT_FIELDS} } }`;
export const CLOSE = `mutation($id: ID!) { closeResult(id: $id) { ${RESULT_FIELDS} } }`;

/** Records a result as the team's first inspector. */
export async function record(
  fed: TestFederation,
  visit: VisitView,
  department: string,
  overrides: Record<string, unknown> = {},
) {
  return ok(
    await fed.query(
      RECORD,
      { i: resultInput(visit, department, overrides) },
      { token: await inspectorToken(visit, department) },
    ),
  ).recordResult;
}

/** Records, reviews and publishes a result; returns the published version. */
export async function recordAndPublish(
  fed: TestFederation,
  visit: VisitView,
  department: string,
  overrides: Record<string, unknown> = {},
) {
  const recorded = await record(fed, visit, department, overrides);
  const supervisor = await supervisorToken(department);
  ok(await fed.query(REVIEW, { id: recorded.id }, { token: supervisor }));
  return ok(await fed.query(PUBLISH, { id: recorded.id }, { token: supervisor })).publishResult;
}
