import type { GraphQLSchema } from 'graphql';
import {
  UnauthenticatedError,
  buildFederatedSchema,
  enterpriseStubReference,
  type SubgraphContext,
  type SubgraphModule,
} from '@jih/kit';
import { jointTaskEntities } from './entities';
import { createJointTaskLoaders, type JointTaskLoaders } from './loaders/joint-tasks.loader';
import { jointTaskMigrations } from './migrations';
import { AnnualPlanResolver } from './resolvers/annual-plan.resolver';
import { AuditResolver } from './resolvers/audit.resolver';
import { DrawCommitmentResolver } from './resolvers/commitment.resolver';
import { DashboardResolver } from './resolvers/dashboard.resolver';
import { DrawResolver } from './resolvers/draw.resolver';
import { JointTaskResolver } from './resolvers/joint-task.resolver';
import { FollowUpLinkResolver, ReferralResolver } from './resolvers/referral.resolver';
import {
  CheckResultResolver,
  EnterpriseResultsResolver,
  ResultDeadlineResolver,
  VisitResultsResolver,
} from './resolvers/result.resolver';
import { bundleRoutes } from './services/bundle.routes';
import {
  EnterpriseVisitsResolver,
  VisitResolver,
  VisitTeamResolver,
} from './resolvers/visit.resolver';

type Ctx = SubgraphContext<JointTaskLoaders>;

/**
 * Builds the joint-tasks schema: tasks, draws, visits, teams, `Enterprise.jointVisits`, and the
 * result ledger (results, referrals, audit trail, dashboards, `Enterprise.checkResults`).
 */
export function buildJointTasksSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema(
    {
      resolvers: [
        JointTaskResolver,
        DrawCommitmentResolver,
        DrawResolver,
        VisitResolver,
        VisitTeamResolver,
        EnterpriseVisitsResolver,
        AnnualPlanResolver,
        CheckResultResolver,
        VisitResultsResolver,
        ResultDeadlineResolver,
        EnterpriseResultsResolver,
        ReferralResolver,
        FollowUpLinkResolver,
        AuditResolver,
        DashboardResolver,
      ],
    },
    {
      JointTask: {
        __resolveReference: (ref: { id: string }, ctx: Ctx) => ctx.loaders.task.load(ref.id),
      },
      Draw: {
        __resolveReference: (ref: { id: string }, ctx: Ctx) => ctx.loaders.draw.load(ref.id),
      },
      DrawCommitment: {
        __resolveReference: (ref: { id: string }, ctx: Ctx) => ctx.loaders.commitment.load(ref.id),
      },
      Visit: {
        __resolveReference: (ref: { id: string }, ctx: Ctx) => ctx.loaders.visit.load(ref.id),
      },
      CheckResult: {
        // Results are for government callers; the public reads publicResults.
        __resolveReference: (ref: { id: string }, ctx: Ctx) => {
          if (!ctx.caller)
            throw new UnauthenticatedError(
              'Check results need a signed-in caller; the public reads publicResults',
            );
          return ctx.loaders.result.load(ref.id);
        },
      },
      ...enterpriseStubReference,
    },
  );
}

/** The lead agency's composition: plans, joint tasks, coordinated draws, visits, teams and the result ledger. */
export const jointTasksSubgraph: SubgraphModule<JointTaskLoaders> = {
  name: 'joint-tasks',
  dbSchema: 'joint_tasks',
  buildSchema: buildJointTasksSchema,
  entities: jointTaskEntities,
  migrations: jointTaskMigrations,
  createLoaders: createJointTaskLoaders,
  routes: bundleRoutes,
};
