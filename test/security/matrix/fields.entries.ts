import { staffedTeams } from './joint-tasks.entries';
import { SIGNED_IN, own, type Cell, type FieldEntry, type MatrixContext } from './types';

/** An inspector of market who has declared a recusal (the seed declares some), so `recusals` is not empty when shown. */
async function inspectorWithRecusal(ctx: MatrixContext): Promise<string> {
  const [row] = await ctx.sql<{ id: string }>(
    `SELECT i.id FROM registry.inspector i WHERE i.department_code = 'market' AND EXISTS (SELECT 1 FROM registry.recusal r WHERE r.inspector_id = i.id) ORDER BY i.id LIMIT 1`,
  );
  return row.id;
}

/** Inspector personal data: the inspector's own department (any of its roles, the inspector themself) and admins. */
const PERSONAL: Cell[] = [...own('planner', 'inspector', 'supervisor'), 'self'];

/** One personal field of an inspector of market, read through `Query.inspector`. */
function inspectorField(
  field: 'certificateNo' | 'sex' | 'recusals',
  selection: string,
): FieldEntry {
  return {
    field: `Inspector.${field}`,
    owner: 'market',
    visible: PERSONAL,
    async request(ctx) {
      const id = await inspectorWithRecusal(ctx);
      return {
        query: `query($id: ID!) { inspector(id: $id) { id ${selection} } }`,
        variables: { id },
        selfSub: id,
        pick: (d) => d?.inspector?.[field],
      };
    },
  };
}

/**
 * Fields whose exposure matters even though no mutation guards them. Add a field here when it
 * carries personal data or a plan the public must not see before the checks.
 */
export const SENSITIVE_FIELDS: FieldEntry[] = [
  inspectorField('certificateNo', 'certificateNo'),
  inspectorField('sex', 'sex'),
  inspectorField('recusals', 'recusals { uscc reason }'),
  {
    field: 'Enterprise.jointVisits',
    owner: 'market',
    visible: SIGNED_IN,
    async request(ctx) {
      const [team] = await staffedTeams(ctx);
      return {
        query: `query($u: ID!) { enterprise(uscc: $u) { uscc jointVisits { id } } }`,
        variables: { u: team.uscc },
        pick: (d) => d?.enterprise?.jointVisits,
      };
    },
  },
  {
    field: 'Query.inspectors',
    owner: 'market',
    visible: SIGNED_IN,
    async request() {
      return {
        query: `{ inspectors(department: "market") { id name } }`,
        pick: (d) => d?.inspectors,
      };
    },
  },
  {
    field: 'Query.jointTask',
    owner: 'market',
    visible: SIGNED_IN,
    async request(ctx) {
      const [team] = await staffedTeams(ctx);
      return {
        query: `query($id: ID!) { jointTask(id: $id) { id title } }`,
        variables: { id: team.taskId },
        pick: (d) => d?.jointTask,
      };
    },
  },
  {
    field: 'Query.visits',
    owner: 'market',
    visible: SIGNED_IN,
    async request(ctx) {
      await staffedTeams(ctx);
      return { query: `{ visits(first: 3) { nodes { id uscc } } }`, pick: (d) => d?.visits?.nodes };
    },
  },
];
