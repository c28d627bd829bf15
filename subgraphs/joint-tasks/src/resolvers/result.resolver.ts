import {
  Arg,
  Args,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { BadUserInputError, type SubgraphContext } from '@jih/kit';
import {
  CalendarRangeError,
  resultDeadlineWorkingDays,
  workingDaysBetween,
} from '@jih/domain/working-days';
import {
  AuditEntry,
  CheckItem,
  CheckResult,
  DeadlineStatus,
  Department,
  Enterprise,
  FollowUpLink,
  Inspector,
  JointTask,
  RESULT_CATEGORIES,
  Referral,
  Visit,
  categoryInfo,
} from '../entities';
import type { JointTaskLoaders } from '../loaders/joint-tasks.loader';
import { linkResultFollowUp } from '../services/referral.service';
import { chinaDate, slotDeadline } from '../services/result-deadline.service';
import {
  CLOSE,
  PUBLISH,
  REVIEW,
  advanceResult,
  checkResultPage,
  correctResult,
  latestPublishedResults,
  recordResult,
} from '../services/result.service';
import { requireUuid } from './joint-task.resolver';
import {
  CorrectResultInput,
  FollowUpRefInput,
  RecordResultInput,
  validateInput,
} from './result.inputs';
import {
  Acknowledgement,
  CheckResultConnection,
  CheckResultsArgs,
  PublicResult,
  ResultCategoryDescription,
  ResultDeadline,
} from './result.types';

type Ctx = SubgraphContext<JointTaskLoaders>;
const USCC = /^[0-9A-HJ-NPQRTUWXY]{18}$/;

/** Rejects a string that cannot be a USCC before it reaches SQL (check characters are the registry's business). */
function requireUsccFormat(uscc: string, argument = 'uscc'): string {
  if (!USCC.test(uscc))
    throw new BadUserInputError(
      `"${uscc.slice(0, 40)}" is not a unified social credit code (18 characters of 0-9 and A-Y without I, O, S, V, Z)`,
      { argument },
    );
  return uscc;
}

/** The day of a joint visit: the earliest check date among the current versions recorded for it; null before any. */
function visitCheckDateOf(versions: CheckResult[]): string | null {
  let earliest: string | null = null;
  for (const v of versions)
    if (!v.supersededAt && (earliest === null || v.checkDate < earliest)) earliest = v.checkDate;
  return earliest;
}

/** A department's deadline slot for a visit, from every version recorded for the visit. */
function deadlineOf(
  visit: { id: string; uscc: string },
  department: string,
  versions: CheckResult[],
  windowEnd: string,
  today: string,
): ResultDeadline {
  const visitCheckDate = visitCheckDateOf(versions);
  const chain = versions.filter((v) => v.departmentCode === department);
  const mine = chain.find((v) => !v.supersededAt) ?? null;
  const firstPublished =
    chain
      .filter((v) => v.publishedAt)
      .sort((a, b) => a.publishedAt!.getTime() - b.publishedAt!.getTime())[0] ?? null;
  const d = slotDeadline(
    {
      department,
      checkDate: mine?.checkDate ?? null,
      visitCheckDate,
      windowEnd,
      firstPublishedAt: firstPublished?.publishedAt ?? null,
      publishedDueDate: firstPublished?.dueDate ?? null,
    },
    today,
  );
  return Object.assign(new ResultDeadline(), {
    visitId: visit.id,
    departmentCode: department,
    uscc: visit.uscc,
    resultId: mine?.id ?? null,
    recorded: !!mine,
    resultStatus: mine?.status ?? null,
    basis: d.basis,
    checkDate: d.effectiveCheckDate,
    dueDate: d.dueDate,
    dueWorkingDays: resultDeadlineWorkingDays(department),
    status: d.status,
  });
}

@Resolver(() => CheckResult)
export class CheckResultResolver {
  @Authorized()
  @Query(() => CheckResult, {
    nullable: true,
    description: 'One result version. Every signed-in department reads every result (结果互认).',
  })
  checkResult(@Arg('id', () => ID) id: string, @Ctx() ctx: Ctx) {
    return ctx.loaders.result.load(requireUuid(id, 'check result'));
  }

  @Authorized()
  @Query(() => CheckResultConnection, {
    description:
      'Results by task, department, enterprise, state, category or deadline, keyset-paginated by id. Every signed-in department reads every result.',
  })
  async checkResults(
    @Args() args: CheckResultsArgs,
    @Ctx() ctx: Ctx,
  ): Promise<CheckResultConnection> {
    const filter = {
      includeSuperseded: args.includeSuperseded,
      department: args.department,
      status: args.status,
      category: args.category,
      overdue: args.overdue,
      taskId: args.taskId ? requireUuid(args.taskId, 'task') : null,
      uscc: args.uscc ? requireUsccFormat(args.uscc) : null,
    };
    const page = await checkResultPage(ctx.db, filter, args);
    for (const r of page.nodes) ctx.loaders.result.prime(r.id, r);
    return Object.assign(new CheckResultConnection(), page);
  }

  @Query(() => [PublicResult], {
    description:
      "Published results about an enterprise, for anyone (no token needed): the latest published version of each department's result of each visit, newest check first.",
  })
  async publicResults(
    @Arg('uscc', () => ID) uscc: string,
    @Ctx() ctx: Ctx,
  ): Promise<PublicResult[]> {
    const rows = await latestPublishedResults(ctx.db, requireUsccFormat(uscc));
    return rows.map((r) =>
      Object.assign(new PublicResult(), {
        id: r.id,
        uscc: r.uscc,
        enterprise: { uscc: r.uscc },
        department: { code: r.departmentCode },
        checkDate: r.checkDate,
        category: r.category,
        label: categoryInfo(r.category).label,
        labelZh: categoryInfo(r.category).labelZh,
        checkItems: r.checkItemCodes.map((code) => ({ code })),
        findings: r.findings,
        version: r.version,
        publishedAt: r.publishedAt!,
      }),
    );
  }

  @Query(() => [ResultCategoryDescription], {
    description: 'The eight result categories with their labels, in the order of the rules.',
  })
  resultCategories(): ResultCategoryDescription[] {
    return RESULT_CATEGORIES.map((c) => Object.assign(new ResultCategoryDescription(), c));
  }

  @Authorized('inspector')
  @Mutation(() => CheckResult, {
    description:
      "Records the caller's department's result of a visit: only an inspector of that department's team assigned to the visit (the token subject is the inspector id), present at the check. Idempotent by `idempotencyKey`. A second result of the same department for the visit is CONFLICT: correct it with correctResult.",
  })
  recordResult(
    @Arg('input', { validateFn: validateInput }) input: RecordResultInput,
    @Ctx() ctx: Ctx,
  ) {
    return recordResult(ctx.db, input, ctx.caller!);
  }

  @Authorized('inspector', 'supervisor')
  @Mutation(() => CheckResult, {
    description:
      'Corrects the current version of a result with a new version and the reason (the old version is kept; a published one stays public until the correction is published): assigned inspectors of its department or its supervisors. Idempotent by `idempotencyKey`.',
  })
  correctResult(
    @Arg('input', { validateFn: validateInput }) input: CorrectResultInput,
    @Ctx() ctx: Ctx,
  ) {
    return correctResult(ctx.db, input, ctx.caller!);
  }

  @Authorized('supervisor')
  @Mutation(() => CheckResult, {
    description:
      'Reviews a RECORDED result (审核): a supervisor of its department who did not record it. Already REVIEWED: returned unchanged.',
  })
  reviewResult(@Arg('id', () => ID) id: string, @Ctx() ctx: Ctx) {
    return advanceResult(ctx.db, requireUuid(id, 'check result'), ctx.caller!, REVIEW);
  }

  @Authorized('supervisor')
  @Mutation(() => CheckResult, {
    description:
      'Publishes a REVIEWED result (公示) so the public reads it: a supervisor of its department. Already PUBLISHED: returned unchanged.',
  })
  publishResult(@Arg('id', () => ID) id: string, @Ctx() ctx: Ctx) {
    return advanceResult(ctx.db, requireUuid(id, 'check result'), ctx.caller!, PUBLISH);
  }

  @Authorized('supervisor')
  @Mutation(() => CheckResult, {
    description:
      'Closes a PUBLISHED result (办结): a supervisor of its department. FOLLOW_UP_PENDING results need a linked follow-up first (CONFLICT otherwise).',
  })
  closeResult(@Arg('id', () => ID) id: string, @Ctx() ctx: Ctx) {
    return advanceResult(ctx.db, requireUuid(id, 'check result'), ctx.caller!, CLOSE);
  }

  @Authorized('inspector', 'supervisor')
  @Mutation(() => CheckResult, {
    description:
      "Links the checking department's own follow-up (case, rectification, rating change) to a result: its assigned inspectors or supervisors. Linking the same reference again changes nothing.",
  })
  linkResultFollowUp(
    @Arg('resultId', () => ID) resultId: string,
    @Arg('followUp', { validateFn: validateInput }) followUp: FollowUpRefInput,
    @Ctx() ctx: Ctx,
  ) {
    return linkResultFollowUp(ctx.db, requireUuid(resultId, 'check result'), followUp, ctx.caller!);
  }

  @FieldResolver(() => Visit, { description: 'The visit checked.' })
  visit(@Root() r: CheckResult, @Ctx() ctx: Ctx) {
    return ctx.loaders.visit.load(r.visitId);
  }

  @FieldResolver(() => JointTask, { description: 'The joint task.' })
  task(@Root() r: CheckResult, @Ctx() ctx: Ctx) {
    return ctx.loaders.task.load(r.taskId);
  }

  @FieldResolver(() => Enterprise, {
    description: "The enterprise checked, with every department's profile through the federation.",
  })
  enterprise(@Root() r: CheckResult): Enterprise {
    return { uscc: r.uscc };
  }

  @FieldResolver(() => Department, { description: 'The department that checked and recorded.' })
  department(@Root() r: CheckResult): Department {
    return { code: r.departmentCode };
  }

  @FieldResolver(() => [CheckItem], { description: 'Check items covered.' })
  checkItems(@Root() r: CheckResult): CheckItem[] {
    return r.checkItemCodes.map((code) => ({ code }));
  }

  @FieldResolver(() => [Inspector], {
    description:
      'Inspectors present (at least two of the assigned team), resolved by the registry, which guards their personal data.',
  })
  inspectorsPresent(@Root() r: CheckResult): Inspector[] {
    return r.inspectorIds.map((id) => ({ id }));
  }

  @FieldResolver(() => String, { description: 'English label of the category.' })
  label(@Root() r: CheckResult): string {
    return categoryInfo(r.category).label;
  }

  @FieldResolver(() => String, {
    description: 'Chinese label of the category (e.g. 发现问题已责令改正).',
  })
  labelZh(@Root() r: CheckResult): string {
    return categoryInfo(r.category).labelZh;
  }

  @FieldResolver(() => Boolean, { description: 'Whether the category means a problem was found.' })
  problemFound(@Root() r: CheckResult): boolean {
    return categoryInfo(r.category).problemFound;
  }

  @FieldResolver(() => Acknowledgement, {
    description: "The representative's signature or the recorded refusal.",
  })
  acknowledgement(@Root() r: CheckResult): Acknowledgement {
    return {
      representativeName: r.representativeName,
      signed: r.signed,
      refusalReason: r.refusalReason,
      witness: r.witness,
    };
  }

  @FieldResolver(() => Boolean, {
    description: 'Whether this is the current version (not superseded by a correction).',
  })
  current(@Root() r: CheckResult): boolean {
    return r.supersededAt === null;
  }

  @FieldResolver(() => [CheckResult], {
    description: 'Every version of this result (this department, this visit), oldest first.',
  })
  async versions(@Root() r: CheckResult, @Ctx() ctx: Ctx): Promise<CheckResult[]> {
    return (await ctx.loaders.resultVersionsByVisit.load(r.visitId)).filter(
      (v) => v.departmentCode === r.departmentCode,
    );
  }

  @FieldResolver(() => ResultDeadline, {
    description: "The department's publication deadline for this visit, and where it stands today.",
  })
  async deadline(@Root() r: CheckResult, @Ctx() ctx: Ctx): Promise<ResultDeadline> {
    const [versions, task] = await Promise.all([
      ctx.loaders.resultVersionsByVisit.load(r.visitId),
      ctx.loaders.task.load(r.taskId),
    ]);
    return deadlineOf(
      { id: r.visitId, uscc: r.uscc },
      r.departmentCode,
      versions,
      task!.windowEnd,
      chinaDate(),
    );
  }

  @FieldResolver(() => Boolean, {
    description: 'Whether nothing of this result is published and its due date has passed.',
  })
  async overdue(@Root() r: CheckResult, @Ctx() ctx: Ctx): Promise<boolean> {
    return (await this.deadline(r, ctx)).status === DeadlineStatus.OVERDUE;
  }

  @FieldResolver(() => [Referral], {
    description: 'Referrals of findings of this result (any version) to other departments.',
  })
  async referrals(@Root() r: CheckResult, @Ctx() ctx: Ctx): Promise<Referral[]> {
    return (await ctx.loaders.referralsByVisit.load(r.visitId)).filter(
      (x) => x.fromDepartmentCode === r.departmentCode,
    );
  }

  @FieldResolver(() => [FollowUpLink], {
    description:
      "Follow-ups linked to this result, its own department's and those of departments that accepted a referral.",
  })
  async followUps(@Root() r: CheckResult, @Ctx() ctx: Ctx): Promise<FollowUpLink[]> {
    return (await ctx.loaders.followUpsByVisit.load(r.visitId)).filter(
      (f) => f.resultDepartment === r.departmentCode,
    );
  }

  @FieldResolver(() => [AuditEntry], {
    description: 'The audit trail of this result, every version: who changed what, when.',
  })
  async auditTrail(@Root() r: CheckResult, @Ctx() ctx: Ctx): Promise<AuditEntry[]> {
    return (await ctx.loaders.auditByVisit.load(r.visitId)).filter(
      (a) => a.departmentCode === r.departmentCode,
    );
  }
}

@Resolver(() => Visit)
export class VisitResultsResolver {
  @Authorized()
  @FieldResolver(() => [CheckResult], {
    description:
      'The current result of every department that has recorded one for this visit (signed-in callers: every department reads every result).',
  })
  async results(@Root() v: Visit, @Ctx() ctx: Ctx): Promise<CheckResult[]> {
    return (await ctx.loaders.resultVersionsByVisit.load(v.id)).filter((r) => !r.supersededAt);
  }

  @Authorized()
  @FieldResolver(() => String, {
    nullable: true,
    description:
      'The day the joint visit took place: the earliest check date recorded; null until a department records.',
  })
  async checkDate(@Root() v: Visit, @Ctx() ctx: Ctx): Promise<string | null> {
    return visitCheckDateOf(await ctx.loaders.resultVersionsByVisit.load(v.id));
  }

  @Authorized()
  @FieldResolver(() => [ResultDeadline], {
    description:
      'One publication deadline per department on the visit, recorded or not: missing results past their due date show as OVERDUE.',
  })
  async resultDeadlines(@Root() v: Visit, @Ctx() ctx: Ctx): Promise<ResultDeadline[]> {
    const [teams, versions, task] = await Promise.all([
      ctx.loaders.teamsByVisit.load(v.id),
      ctx.loaders.resultVersionsByVisit.load(v.id),
      ctx.loaders.task.load(v.taskId),
    ]);
    const today = chinaDate();
    return teams.map((t) => deadlineOf(v, t.departmentCode, versions, task!.windowEnd, today));
  }
}

@Resolver(() => ResultDeadline)
export class ResultDeadlineResolver {
  @FieldResolver(() => Visit, { description: 'The visit.' })
  visit(@Root() d: ResultDeadline, @Ctx() ctx: Ctx) {
    return ctx.loaders.visit.load(d.visitId);
  }

  @FieldResolver(() => Enterprise, { description: 'The enterprise visited.' })
  enterprise(@Root() d: ResultDeadline): Enterprise {
    return { uscc: d.uscc };
  }

  @FieldResolver(() => Department, { description: 'The department that owes the result.' })
  department(@Root() d: ResultDeadline): Department {
    return { code: d.departmentCode };
  }

  @FieldResolver(() => CheckResult, {
    nullable: true,
    description: 'The current version of the result; null while none is recorded.',
  })
  result(@Root() d: ResultDeadline, @Ctx() ctx: Ctx) {
    return d.resultId ? ctx.loaders.result.load(d.resultId) : null;
  }

  @FieldResolver(() => Int, {
    nullable: true,
    description:
      'Working days past the due date when OVERDUE, else 0; null when the calendar does not cover the period.',
  })
  workingDaysOverdue(@Root() d: ResultDeadline): number | null {
    if (d.status !== DeadlineStatus.OVERDUE) return 0;
    if (!d.dueDate) return null;
    try {
      return workingDaysBetween(d.dueDate, chinaDate());
    } catch (err) {
      if (err instanceof CalendarRangeError) return null;
      throw err;
    }
  }
}

@Resolver(() => Enterprise)
export class EnterpriseResultsResolver {
  @Authorized()
  @FieldResolver(() => [CheckResult], {
    description:
      'Current results of every department about this enterprise, newest check first (signed-in callers; the public reads `publicResults`).',
  })
  checkResults(@Root() e: Enterprise, @Ctx() ctx: Ctx) {
    return ctx.loaders.currentResultsByEnterprise.load(e.uscc);
  }
}
