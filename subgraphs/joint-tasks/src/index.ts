import type { GraphQLSchema } from 'graphql';
import { buildFederatedSchema, enterpriseStubReference, type SubgraphContext, type SubgraphModule } from '../../kit/src';
import { jointTaskEntities } from './entities';
import { createJointTaskLoaders, type JointTaskLoaders } from './loaders/joint-tasks.loader';
import { jointTaskMigrations } from './migrations';
import { AnnualPlanResolver } from './resolvers/annual-plan.resolver';
import { DrawResolver } from './resolvers/draw.resolver';
import { JointTaskResolver } from './resolvers/joint-task.resolver';
import { EnterpriseVisitsResolver, VisitResolver, VisitTeamResolver } from './resolvers/visit.resolver';

type Ctx = SubgraphContext<JointTaskLoaders>;

/** Builds the joint-tasks schema: tasks, draws, visits, teams, and `Enterprise.jointVisits`. */
export function buildJointTasksSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema(
    { resolvers: [JointTaskResolver, DrawResolver, VisitResolver, VisitTeamResolver, EnterpriseVisitsResolver, AnnualPlanResolver] },
    {
      JointTask: { __resolveReference: (ref: { id: string }, ctx: Ctx) => ctx.loaders.task.load(ref.id) },
      Draw: { __resolveReference: (ref: { id: string }, ctx: Ctx) => ctx.loaders.draw.load(ref.id) },
      Visit: { __resolveReference: (ref: { id: string }, ctx: Ctx) => ctx.loaders.visit.load(ref.id) },
      ...enterpriseStubReference,
    },
  );
}

/** The lead agency's composition: plans, joint tasks, coordinated draws, visits and teams. */
export const jointTasksSubgraph: SubgraphModule<JointTaskLoaders> = {
  name: 'joint-tasks',
  dbSchema: 'joint_tasks',
  buildSchema: buildJointTasksSchema,
  entities: jointTaskEntities,
  migrations: jointTaskMigrations,
  createLoaders: createJointTaskLoaders,
};
