import {
  Arg,
  Args,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  Int,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { BadUserInputError, PageArgs, toPage, type SubgraphContext } from '@jih/kit';
import { resultDeadlineWorkingDays } from '@jih/domain/working-days';
import { DeadlineStatus, categoryInfo } from '../entities';
import type { JointTaskLoaders } from '../loaders/joint-tasks.loader';
import {
  TaskDashboardQueries,
  departmentWorkload,
  type SlotCounters,
} from '../services/dashboard.service';
import { chinaDate, dueDateOf } from '../services/result-deadline.service';
import {
  BurdenSaved,
  CategoryCountView,
  DepartmentProgress,
  DepartmentWorkload,
  IndustryProblemRate,
  ResultDeadlineConnection,
  TaskDashboard,
  TaskProgress,
} from './dashboard.types';
import { requireUuid } from './joint-task.resolver';
import { DEPARTMENT_CODE, ResultDeadline } from './result.types';

type Ctx = SubgraphContext<JointTaskLoaders>;

/** a / b, or null when there is nothing to divide by. */
function ratio(a: number, b: number): number | null {
  return b > 0 ? a / b : null;
}

/** Adds up one counter over departments. */
function total(rows: SlotCounters[], key: keyof Omit<SlotCounters, 'department'>): number {
  return rows.reduce((sum, r) => sum + r[key], 0);
}

@Resolver(() => TaskDashboard)
export class DashboardResolver {
  @Authorized()
  @Query(() => TaskDashboard, {
    nullable: true,
    description:
      'The dashboard of one joint task (signed-in government callers): each figure is one SQL aggregate, so the cost does not grow with the number of visits.',
  })
  async taskDashboard(
    @Arg('taskId', () => ID) taskId: string,
    @Ctx() ctx: Ctx,
  ): Promise<TaskDashboard | null> {
    const task = await ctx.loaders.task.load(requireUuid(taskId, 'joint task'));
    if (!task) return null;
    const asOf = chinaDate();
    const queries = new TaskDashboardQueries(ctx.db, task.id, asOf, {
      authorization: ctx.authorization,
      requestId: ctx.requestId,
    });
    return Object.assign(new TaskDashboard(), { task, asOf, queries });
  }

  @FieldResolver(() => TaskProgress, {
    description: 'Visits and results: done, recorded, reviewed, published (completed), overdue.',
  })
  async progress(@Root() d: TaskDashboard): Promise<TaskProgress> {
    const [rows, visits] = await Promise.all([d.queries.departments(), d.queries.visits()]);
    const slots = total(rows, 'teams');
    const recorded = total(rows, 'recorded');
    const published = total(rows, 'published');
    return {
      ...visits,
      slots,
      recorded,
      published,
      reviewed: total(rows, 'reviewed'),
      closed: total(rows, 'closed'),
      unpublished: recorded - total(rows, 'published'),
      missing: slots - recorded,
      overdue: total(rows, 'overdue'),
      overdueMissing: total(rows, 'overdueMissing'),
      publishedLate: total(rows, 'publishedLate'),
      completionRate: ratio(published, slots) ?? 0,
    };
  }

  @FieldResolver(() => [DepartmentProgress], {
    description:
      'Per participating department: results, deadlines, discovery and workload, by department code.',
  })
  async departments(@Root() d: TaskDashboard): Promise<DepartmentProgress[]> {
    return (await d.queries.departments()).map((r) => ({
      departmentCode: r.department,
      department: { code: r.department },
      dueWorkingDays: resultDeadlineWorkingDays(r.department),
      slots: r.teams,
      recorded: r.recorded,
      reviewed: r.reviewed,
      published: r.published,
      closed: r.closed,
      missing: r.teams - r.recorded,
      overdue: r.overdue,
      publishedLate: r.publishedLate,
      problems: r.problems,
      problemRate: ratio(r.problems, r.recorded),
      followUpOpen: r.followUpOpen,
      inspectorsEngaged: r.inspectors,
      maxTeamsPerInspector: r.maxTeamsPerInspector,
      meanTeamsPerInspector: ratio(r.assignments, r.inspectors),
    }));
  }

  @FieldResolver(() => BurdenSaved, {
    nullable: true,
    description: 'Burden saved by visiting once for every department; null before the draw.',
  })
  async burden(@Root() d: TaskDashboard, @Ctx() ctx: Ctx): Promise<BurdenSaved | null> {
    const [draw, rows, visits] = await Promise.all([
      ctx.loaders.drawByTask.load(d.task.id),
      d.queries.departments(),
      d.queries.visits(),
    ]);
    if (!draw) return null;
    const separateVisits = total(rows, 'teams');
    const checksDone = total(rows, 'recorded');
    return {
      visits: visits.visits,
      separateVisits,
      visitsSaved: separateVisits - visits.visits,
      savedShare: ratio(separateVisits - visits.visits, separateVisits),
      visitsMade: visits.visitsChecked,
      checksDone,
      visitsSavedSoFar: checksDone - visits.visitsChecked,
      expectedVisits: draw.expectedVisits,
      expectedIndependentVisits: draw.independentVisits,
      expectedSeparateVisits: draw.separateVisits,
    };
  }

  @FieldResolver(() => [CategoryCountView], {
    description: 'Current results per category, all eight in the order of the rules.',
  })
  async categories(@Root() d: TaskDashboard): Promise<CategoryCountView[]> {
    const counts = await d.queries.categories();
    const all = counts.reduce((s, c) => s + c.count, 0);
    return counts.map((c) => ({
      ...categoryInfo(c.category),
      count: c.count,
      share: ratio(c.count, all),
    }));
  }

  @FieldResolver(() => [IndustryProblemRate], {
    description:
      'Problem-discovery rate per industry section, highest first; industries come from the registry in one batched call.',
  })
  async industries(@Root() d: TaskDashboard): Promise<IndustryProblemRate[]> {
    return (await d.queries.industries()).map((g) => ({
      industryCode: g.code,
      industryName: g.name,
      industryNameEn: g.nameEn,
      enterprises: g.enterprises,
      results: g.results,
      problems: g.problems,
      rate: g.problems / g.results,
    }));
  }

  @FieldResolver(() => ResultDeadlineConnection, {
    description:
      'Overdue slots (nothing published, due date passed; missing results included), oldest check first.',
  })
  async overdue(
    @Root() d: TaskDashboard,
    @Args() args: PageArgs,
  ): Promise<ResultDeadlineConnection> {
    const [{ rows, cursorOf }, departments] = await Promise.all([
      d.queries.overdue(args.first, args.after),
      d.queries.departments(),
    ]);
    const page = toPage(rows, args.first, cursorOf);
    return Object.assign(new ResultDeadlineConnection(), {
      pageInfo: page.pageInfo,
      totalCount: total(departments, 'overdue'),
      nodes: page.nodes.map((r) =>
        Object.assign(new ResultDeadline(), {
          visitId: r.visitId,
          departmentCode: r.departmentCode,
          uscc: r.uscc,
          resultId: r.resultId,
          recorded: r.resultId !== null,
          resultStatus: r.status,
          basis: r.basis,
          checkDate: r.effectiveCheckDate,
          dueDate: dueDateOf(r.effectiveCheckDate, r.departmentCode),
          dueWorkingDays: resultDeadlineWorkingDays(r.departmentCode),
          status: DeadlineStatus.OVERDUE,
        }),
      ),
    });
  }

  @Authorized()
  @Query(() => DepartmentWorkload, {
    description:
      "A department's workload over the joint tasks whose window starts in a year: one SQL aggregate.",
  })
  async departmentWorkload(
    @Arg('department', () => ID) department: string,
    @Arg('year', () => Int) year: number,
    @Ctx() ctx: Ctx,
  ): Promise<DepartmentWorkload> {
    if (!DEPARTMENT_CODE.test(department))
      throw new BadUserInputError(`Invalid department code "${department.slice(0, 40)}"`, {
        argument: 'department',
      });
    if (year < 2000 || year > 2100)
      throw new BadUserInputError('year must be between 2000 and 2100', { argument: 'year' });
    const w = await departmentWorkload(ctx.db, department, year, chinaDate());
    return {
      department: { code: department },
      year,
      tasks: w.tasks,
      slots: w.teams,
      recorded: w.recorded,
      published: w.published,
      overdue: w.overdue,
      publishedLate: w.publishedLate,
      inspectorsEngaged: w.inspectors,
      maxTeamsPerInspector: w.maxTeamsPerInspector,
    };
  }
}
