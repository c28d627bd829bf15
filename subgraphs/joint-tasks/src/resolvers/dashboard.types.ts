import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { Connection } from '@jih/kit';
import { Department, JointTask, ResultCategory } from '../entities';
import type { TaskDashboardQueries } from '../services/dashboard.service';
import { ResultDeadline } from './result.types';

@ObjectType({
  description:
    "A joint task's progress. A slot is one department's team on one visit: it owes one published result (not published = not completed).",
})
export class TaskProgress {
  @Field(() => Int, { description: 'Visits drawn (one per enterprise).' }) visits: number;
  @Field(() => Int, { description: 'Visits done: at least one department has recorded a result.' })
  visitsChecked: number;
  @Field(() => Int, { description: "Visits completed: every department's result published." })
  visitsCompleted: number;
  @Field(() => Int, { description: 'Visits with an understaffed team.' })
  understaffedVisits: number;
  @Field(() => Int, { description: 'Slots: results owed, one per department team on a visit.' })
  slots: number;
  @Field(() => Int, { description: 'Slots with a recorded result.' }) recorded: number;
  @Field(() => Int, {
    description: 'Slots whose current version is reviewed (or published, or closed).',
  })
  reviewed: number;
  @Field(() => Int, { description: 'Slots with a published result: completed.' }) published: number;
  @Field(() => Int, { description: 'Slots closed.' }) closed: number;
  @Field(() => Int, { description: 'Recorded but not published: not completed.' })
  unpublished: number;
  @Field(() => Int, { description: 'Slots with no result recorded yet.' }) missing: number;
  @Field(() => Int, {
    description: 'Slots past their due date with nothing published (missing ones included).',
  })
  overdue: number;
  @Field(() => Int, { description: 'Of the overdue slots, those with no result recorded at all.' })
  overdueMissing: number;
  @Field(() => Int, { description: 'Slots published after their due date.' }) publishedLate: number;
  @Field(() => Float, { description: 'Published slots over all slots, 0 to 1.' })
  completionRate: number;
}

@ObjectType({
  description:
    "One department's part of a task: its results and deadlines, and its inspectors' workload.",
})
export class DepartmentProgress {
  @Field({ description: 'Department code.' }) departmentCode: string;
  @Field(() => Department, { description: 'The department.' }) department: Department;
  @Field(() => Int, { description: 'Working days it has to publish: 20, health 5.' })
  dueWorkingDays: number;
  @Field(() => Int, { description: 'Its teams (results owed).' }) slots: number;
  @Field(() => Int, { description: 'Results recorded.' }) recorded: number;
  @Field(() => Int, { description: 'Results reviewed or beyond.' }) reviewed: number;
  @Field(() => Int, { description: 'Results published (completed).' }) published: number;
  @Field(() => Int, { description: 'Results closed.' }) closed: number;
  @Field(() => Int, { description: 'Teams with no result recorded.' }) missing: number;
  @Field(() => Int, { description: 'Unpublished past the due date (missing ones included).' })
  overdue: number;
  @Field(() => Int, { description: 'Published after the due date.' }) publishedLate: number;
  @Field(() => Int, {
    description: 'Current results of a category that means a problem was found.',
  })
  problems: number;
  @Field(() => Float, {
    nullable: true,
    description: 'Problems over results recorded; null before any result.',
  })
  problemRate: number | null;
  @Field(() => Int, { description: 'FOLLOW_UP_PENDING results without a linked follow-up.' })
  followUpOpen: number;
  @Field(() => Int, { description: 'Distinct inspectors on its teams.' }) inspectorsEngaged: number;
  @Field(() => Int, { description: 'Most teams any one of its inspectors is on.' })
  maxTeamsPerInspector: number;
  @Field(() => Float, { nullable: true, description: 'Teams per engaged inspector on average.' })
  meanTeamsPerInspector: number | null;
}

@ObjectType({
  description:
    'Burden saved by coordination (进一次门、查多项事): visits made against what separate department checks would have needed.',
})
export class BurdenSaved {
  @Field(() => Int, { description: 'Joint visits drawn (one per enterprise).' }) visits: number;
  @Field(() => Int, {
    description:
      'Department checks these visits carry: visits separate department checks would have needed.',
  })
  separateVisits: number;
  @Field(() => Int, { description: 'Visits saved: separate checks minus joint visits.' })
  visitsSaved: number;
  @Field(() => Float, {
    nullable: true,
    description: 'Share of separate visits saved, 0 to 1; null without visits.',
  })
  savedShare: number | null;
  @Field(() => Int, { description: 'Joint visits made so far (a result recorded).' })
  visitsMade: number;
  @Field(() => Int, {
    description:
      'Department checks done so far (results recorded): visits they would have needed separately.',
  })
  checksDone: number;
  @Field(() => Int, { description: 'Visits saved so far: checks done minus visits made.' })
  visitsSavedSoFar: number;
  @Field(() => Float, {
    nullable: true,
    description:
      "Expected visits of the coordinated draw, Σ max_d π(d,i) (from the draw's audit record).",
  })
  expectedVisits: number | null;
  @Field(() => Float, {
    nullable: true,
    description:
      'Expected visits had each department drawn independently and visited jointly where samples met, Σ 1 − Π(1 − π).',
  })
  expectedIndependentVisits: number | null;
  @Field(() => Float, {
    nullable: true,
    description:
      'Expected visits had each department drawn and visited on its own, Σ_d Σ_i π(d,i).',
  })
  expectedSeparateVisits: number | null;
}

@ObjectType({ description: 'How many current results fall into one category.' })
export class CategoryCountView {
  @Field(() => ResultCategory, { description: 'The category.' }) category: ResultCategory;
  @Field({ description: 'English label.' }) label: string;
  @Field({ description: 'Chinese label.' }) labelZh: string;
  @Field({ description: 'Whether it means a problem was found.' }) problemFound: boolean;
  @Field(() => Int, { description: 'Current results in it.' }) count: number;
  @Field(() => Float, {
    nullable: true,
    description: 'Share of all current results, 0 to 1; null before any result.',
  })
  share: number | null;
}

@ObjectType({
  description:
    "Problem discovery in one industry section (GB/T 4754), the enterprises' industries resolved by the registry.",
})
export class IndustryProblemRate {
  @Field(() => ID, {
    nullable: true,
    description: 'Section letter; null for enterprises the registry does not know.',
  })
  industryCode: string | null;
  @Field(() => String, { nullable: true, description: 'Chinese name of the section.' })
  industryName: string | null;
  @Field(() => String, { nullable: true, description: 'English name of the section.' })
  industryNameEn: string | null;
  @Field(() => Int, { description: 'Enterprises with a result.' }) enterprises: number;
  @Field(() => Int, { description: 'Current results.' }) results: number;
  @Field(() => Int, { description: 'Results of a category that means a problem was found.' })
  problems: number;
  @Field(() => Float, { description: 'Problems over results, 0 to 1.' }) rate: number;
}

@ObjectType('ResultDeadlineConnection', { description: 'A page of result deadlines.' })
export class ResultDeadlineConnection extends Connection(ResultDeadline) {
  @Field(() => Int, { description: 'All matching slots, not only this page.' }) totalCount: number;
}

@ObjectType({
  description:
    'Everything a supervisor watches on one joint task, aggregated in the database: progress, departments, deadlines, burden saved, discovery rates.',
})
export class TaskDashboard {
  queries: TaskDashboardQueries;
  @Field(() => JointTask, { description: 'The task.' }) task: JointTask;
  @Field(() => String, { description: 'The day (China time) the figures are for, YYYY-MM-DD.' })
  asOf: string;
}

@ObjectType({
  description: "One department's workload over the joint tasks whose window starts in a year.",
})
export class DepartmentWorkload {
  @Field(() => Department, { description: 'The department.' }) department: Department;
  @Field(() => Int, { description: 'The year.' }) year: number;
  @Field(() => Int, { description: 'Joint tasks it takes part in.' }) tasks: number;
  @Field(() => Int, { description: 'Its teams (results owed).' }) slots: number;
  @Field(() => Int, { description: 'Results recorded.' }) recorded: number;
  @Field(() => Int, { description: 'Results published.' }) published: number;
  @Field(() => Int, { description: 'Unpublished past the due date (missing ones included).' })
  overdue: number;
  @Field(() => Int, { description: 'Published after the due date.' }) publishedLate: number;
  @Field(() => Int, { description: 'Distinct inspectors on its teams.' }) inspectorsEngaged: number;
  @Field(() => Int, { description: 'Most teams any one inspector is on.' })
  maxTeamsPerInspector: number;
}
