/**
 * The benchmark operations, built from the composed schema (`schema/supergraph.graphql`) at run
 * time, so department profiles (`Enterprise.market`, `.tax`, …) and visit results are measured as
 * soon as they are composed in, without editing the benchmark.
 */
import fs from 'node:fs';
import {
  Kind,
  buildSchema,
  getNamedType,
  isLeafType,
  isNonNullType,
  isObjectType,
  isInterfaceType,
  type FieldDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import { DEPARTMENT_CODES } from '@jih/domain/reference/departments';
import { SUPERGRAPH_PATH } from './federation';

/** Subgraphs that are not department subgraphs. */
const CORE_SUBGRAPHS = new Set(['registry', 'joint-tasks']);
/** Types a profile selection never walks back into (they would repeat the whole query). */
const STOP_TYPES = new Set([
  'Enterprise',
  'Visit',
  'JointTask',
  'Draw',
  'VisitConnection',
  'JointTaskConnection',
  'Query',
  'Mutation',
]);

export interface SupergraphInfo {
  schema: GraphQLSchema;
  /** Subgraph name of each join__Graph enum value. */
  graphs: Map<string, string>;
}

/** Parses the supergraph (join directives are declared in it, so graphql-js builds it as is). */
export function loadSupergraph(path = SUPERGRAPH_PATH): SupergraphInfo {
  const schema = buildSchema(fs.readFileSync(path, 'utf8'), { assumeValidSDL: true });
  const graphs = new Map<string, string>();
  const joinGraph = schema.getType('join__Graph');
  for (const value of joinGraph && 'getValues' in joinGraph ? joinGraph.getValues() : []) {
    const dir = value.astNode?.directives?.find((d) => d.name.value === 'join__graph');
    const name = dir?.arguments?.find((a) => a.name.value === 'name')?.value;
    if (name?.kind === Kind.STRING) graphs.set(value.name, name.value);
  }
  return { schema, graphs };
}

/** The subgraphs a supergraph field is resolved by (its @join__field graphs, else its type's). */
function ownersOf(
  info: SupergraphInfo,
  type: GraphQLObjectType,
  field: GraphQLField<unknown, unknown>,
): string[] {
  const graphsOf = (
    node:
      | {
          directives?: readonly {
            name: { value: string };
            arguments?: readonly {
              name: { value: string };
              value: { kind: string; value?: unknown };
            }[];
          }[];
        }
      | null
      | undefined,
    dir: string,
  ) =>
    (node?.directives ?? [])
      .filter((d) => d.name.value === dir)
      .map((d) => d.arguments?.find((a) => a.name.value === 'graph')?.value)
      .filter((v): v is { kind: string; value: string } => v?.kind === Kind.ENUM)
      .map((v) => info.graphs.get(v.value) ?? v.value);
  const fromField = graphsOf(field.astNode as FieldDefinitionNode | undefined, 'join__field');
  return fromField.length ? fromField : graphsOf(type.astNode, 'join__type');
}

function isInaccessible(field: GraphQLField<unknown, unknown>): boolean {
  return !!field.astNode?.directives?.some((d) => d.name.value === 'inaccessible');
}

/** Fields that can be selected without arguments (every argument optional or defaulted). */
function selectable(field: GraphQLField<unknown, unknown>): boolean {
  return (
    !isInaccessible(field) &&
    field.args.every((a) => !isNonNullType(a.type) || a.defaultValue !== undefined)
  );
}

/**
 * A selection of every field of `type` reachable without arguments: leaves directly, object
 * fields recursively up to `depth` levels, never back into the big entities (STOP_TYPES).
 */
export function selectAll(
  type: GraphQLNamedType,
  depth: number,
  skip: ReadonlySet<string> = new Set(),
): string {
  if (isLeafType(type)) return '';
  if (!isObjectType(type) && !isInterfaceType(type)) return '{ __typename }';
  const parts: string[] = [];
  for (const field of Object.values(type.getFields())) {
    if (!selectable(field) || skip.has(field.name)) continue;
    const named = getNamedType(field.type);
    if (isLeafType(named)) parts.push(field.name);
    else if (
      depth > 1 &&
      !STOP_TYPES.has(named.name) &&
      (isObjectType(named) || isInterfaceType(named))
    ) {
      const sub = selectAll(named, depth - 1);
      if (sub) parts.push(`${field.name} ${sub}`);
    }
  }
  return parts.length ? `{ ${parts.join(' ')} }` : '{ __typename }';
}

export interface ProfileField {
  /** Field name on Enterprise, the department code. */
  name: string;
  /** Subgraph that resolves it. */
  subgraph: string;
  /** The selection under it. */
  selection: string;
}

/**
 * Department profiles on Enterprise: fields named by a department code, or resolved by a
 * subgraph other than registry and joint-tasks.
 */
export function profileFields(
  info: SupergraphInfo,
  depth = Number(process.env.BENCH_PROFILE_DEPTH ?? 2),
): ProfileField[] {
  const enterprise = info.schema.getType('Enterprise') as GraphQLObjectType;
  const out: ProfileField[] = [];
  for (const field of Object.values(enterprise.getFields())) {
    const owners = ownersOf(info, enterprise, field);
    // A department's own field (never a key or shared field, which registry resolves too).
    const department =
      DEPARTMENT_CODES.includes(field.name) ||
      (owners.length > 0 && owners.every((o) => !CORE_SUBGRAPHS.has(o)));
    if (!department || !selectable(field)) continue;
    const named = getNamedType(field.type);
    out.push({
      name: field.name,
      subgraph: owners.find((o) => !CORE_SUBGRAPHS.has(o)) ?? owners[0] ?? '?',
      selection: `${field.name} ${selectAll(named, depth)}`.trim(),
    });
  }
  return out;
}

/** `Visit.results` when composed: its selection, else null. */
export function resultsField(info: SupergraphInfo): { selection: string; type: string } | null {
  const visit = info.schema.getType('Visit');
  if (!visit || !isObjectType(visit)) return null;
  const field = visit.getFields().results;
  if (!field || !selectable(field)) return null;
  const named = getNamedType(field.type);
  // What a dashboard shows of a result: its own fields (depth 1), as the SQL side reads its row.
  return {
    selection: `results ${selectAll(named, Number(process.env.BENCH_RESULTS_DEPTH ?? 1))}`.trim(),
    type: named.name,
  };
}

/** Whether the supergraph has `Mutation.<name>`. */
export function hasMutation(info: SupergraphInfo, name: string): boolean {
  return !!info.schema.getMutationType()?.getFields()[name];
}

export interface BenchQueries {
  small: string;
  large: string;
  profiles: ProfileField[];
}

/** The small (one subgraph) and large (every subgraph) operations of the load benchmark. */
export function loadQueries(info: SupergraphInfo): BenchQueries {
  const profiles = profileFields(info);
  const small = 'query Small($uscc: ID!) { enterprise(uscc: $uscc) { uscc name } }';
  const large = `query Large($taskId: ID!, $first: Int!, $after: String) {
  jointTask(id: $taskId) {
    id title
    visits(first: $first, after: $after) {
      nodes {
        id uscc status departments
        enterprise {
          uscc name
          division { name }
          supervisionTags { departmentCode riskClass }
          ${profiles.map((p) => p.selection).join('\n          ')}
        }
        teams { departmentCode status inspectors { id name department { name } } }
      }
      pageInfo { hasNextPage endCursor }
    }
  }
}`;
  return { small, large, profiles };
}

export interface DashboardQuery {
  query: string;
  profiles: ProfileField[];
  results: { selection: string; type: string } | null;
}

/** The dashboard page: visits with enterprise names, every department profile and the results. */
export function dashboardQuery(info: SupergraphInfo): DashboardQuery {
  const profiles = profileFields(info);
  const results = resultsField(info);
  const query = `query Dashboard($taskId: ID!, $first: Int!, $after: String) {
  jointTask(id: $taskId) {
    visits(first: $first, after: $after) {
      nodes {
        id uscc status departments
        enterprise {
          uscc name
          ${profiles.map((p) => p.selection).join('\n          ')}
        }
        ${results?.selection ?? ''}
      }
      pageInfo { hasNextPage endCursor }
    }
  }
}`;
  return { query, profiles, results };
}
