import fs from 'node:fs';
import path from 'node:path';
import { Kind, parse, type FieldDefinitionNode } from 'graphql';
import type { Role } from '@jih/kit';
import {
  startFederation,
  token,
  type GraphQLResponse,
  type TestFederation,
} from '../support/federation';
import {
  CELLS,
  MUTATION_ENTRIES,
  SENSITIVE_FIELDS,
  matrixContext,
  type Cell,
  type FieldEntry,
  type MatrixContext,
  type MatrixRequest,
  type MutationEntry,
} from './matrix';

/*
 * Who may call what, checked cell by cell through the gateway. The list of mutations comes from
 * the composed supergraph, so a mutation added by any subgraph fails this test until it has an
 * entry in ./matrix with its allowed cells and a factory of valid input.
 */

const DENIED = new Set(['UNAUTHENTICATED', 'FORBIDDEN']);
let fed: TestFederation;
let ctx: MatrixContext;
/** Row label → cell → what happened; printed as the matrix at the end. */
const table = new Map<string, Map<Cell, string>>();

/** Fields of an object type in the supergraph SDL, by type name, without @inaccessible ones. */
function supergraphFields(typeName: string): string[] {
  const doc = parse(
    fs.readFileSync(path.join(__dirname, '..', '..', 'schema', 'supergraph.graphql'), 'utf8'),
  );
  const fields: FieldDefinitionNode[] = [];
  for (const def of doc.definitions) {
    if (
      (def.kind === Kind.OBJECT_TYPE_DEFINITION || def.kind === Kind.OBJECT_TYPE_EXTENSION) &&
      def.name.value === typeName
    )
      fields.push(...(def.fields ?? []));
  }
  return fields
    .filter((f) => !f.directives?.some((d) => d.name.value === 'inaccessible'))
    .map((f) => f.name.value);
}

function otherOf(entry: { owner: string; other?: string }): string {
  return entry.other ?? (entry.owner === 'tax' ? 'market' : 'tax');
}

/** The token of a cell (undefined for the public). */
async function tokenFor(
  cell: Cell,
  entry: { owner: string; other?: string },
  selfSub?: string,
): Promise<string | undefined> {
  if (cell === 'public') return undefined;
  if (cell === 'self') return token(entry.owner, ['inspector'], selfSub);
  const [role, where] = cell.split('@') as [Role, 'own' | 'other'];
  const department = where === 'own' ? entry.owner : otherOf(entry);
  return token(department, [role], `matrix-${role}-${department}`);
}

/** The first authorization refusal in a response, if any. */
function refusal(res: GraphQLResponse): string | undefined {
  return res.errors?.map((e) => String(e.extensions?.code)).find((c) => DENIED.has(c));
}

function record(row: string, cell: Cell, text: string): void {
  if (!table.has(row)) table.set(row, new Map());
  table.get(row)!.set(cell, text);
}

beforeAll(async () => {
  fed = await startFederation();
  ctx = matrixContext(fed, await token('market', ['admin'], 'matrix-admin'));
});

afterAll(async () => {
  const short: Record<string, string> = { UNAUTHENTICATED: 'UNAUTH', FORBIDDEN: 'FORBID' };
  const header = ['field', ...CELLS];
  const rows = [...table].map(([row, cells]) => [
    row,
    ...CELLS.map((c) => {
      const v = cells.get(c) ?? '—';
      return short[v] ?? v;
    }),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((v, i) => v.padEnd(widths[i])).join(' | ');
  console.log(
    [
      'Authorization matrix (✓ allowed, visible: value shown, hidden: null/empty, UNAUTH/FORBID: refused, ✗ wrong outcome; own = owning department, other = another)',
      line(header),
      widths.map((w) => '-'.repeat(w)).join('-|-'),
      ...rows.map(line),
    ].join('\n'),
  );
  await fed?.stop();
});

describe('the authorization matrix covers the supergraph', () => {
  it('has exactly one entry for every mutation of the composed supergraph', () => {
    const mutations = supergraphFields('Mutation').sort();
    const entries = MUTATION_ENTRIES.map((e) => e.mutation).sort();
    expect({ missingEntries: mutations.filter((m) => !entries.includes(m)) }).toEqual({
      missingEntries: [],
    });
    expect({ entriesWithoutMutation: entries.filter((m) => !mutations.includes(m)) }).toEqual({
      entriesWithoutMutation: [],
    });
    expect(new Set(entries).size).toBe(entries.length);
  });

  it('declares sensitive fields that all exist in the supergraph', () => {
    for (const f of SENSITIVE_FIELDS) {
      const [type, field] = f.field.split('.');
      expect({ field: f.field, exists: supergraphFields(type).includes(field) }).toEqual({
        field: f.field,
        exists: true,
      });
    }
  });
});

/**
 * Sends each cell's request of an entry and records what `judge` makes of the answer (an outcome
 * starting with ✗ is wrong); returns the wrong ones.
 */
async function runCells<R extends MatrixRequest>(
  row: string,
  entry: { owner: string; other?: string; request(ctx: MatrixContext, cell: Cell): Promise<R> },
  judge: (cell: Cell, req: R, res: GraphQLResponse) => string,
): Promise<string[]> {
  const wrong: string[] = [];
  for (const cell of CELLS) {
    const req = await entry.request(ctx, cell);
    if (cell === 'self' && !req.selfSub) continue;
    const res = await fed.query(req.query, req.variables, {
      token: await tokenFor(cell, entry, req.selfSub),
    });
    const outcome = judge(cell, req, res);
    record(row, cell, outcome);
    if (outcome.startsWith('✗'))
      wrong.push(`${cell}: ${outcome} ${JSON.stringify(res.errors?.[0]?.message ?? '')}`);
  }
  return wrong;
}

const codesOf = (res: GraphQLResponse) => res.errors?.map((e) => e.extensions?.code).join(',');

describe.each(MUTATION_ENTRIES.map((e) => [e.mutation, e] as const))(
  'Mutation.%s',
  (_name, entry: MutationEntry) => {
    it('is refused (UNAUTHENTICATED or FORBIDDEN) to every cell outside its allowed list and succeeds for every allowed cell', async () => {
      const wrong = await runCells(`Mutation.${entry.mutation}`, entry, (cell, _req, res) => {
        if (entry.allowed.includes(cell)) return res.errors?.length ? `✗ ${codesOf(res)}` : '✓';
        return refusal(res) ?? `✗ ${res.errors?.length ? codesOf(res) : 'allowed'}`;
      });
      expect(wrong).toEqual([]);
    });
  },
);

describe.each(SENSITIVE_FIELDS.map((f) => [f.field, f] as const))(
  '%s',
  (_name, entry: FieldEntry) => {
    it('is shown only to its visible cells; every other cell is refused or sees it hidden (null or empty)', async () => {
      const wrong = await runCells(entry.field, entry, (cell, req, res) => {
        const value = req.pick(res.data);
        const shown = value != null && !(Array.isArray(value) && value.length === 0);
        const other = res.errors?.find((e) => !DENIED.has(String(e.extensions?.code)));
        const outcome = other
          ? `✗ ${other.extensions?.code}`
          : (refusal(res) ?? (shown ? 'visible' : 'hidden'));
        return (entry.visible.includes(cell) ? outcome !== 'visible' : outcome === 'visible') &&
          !outcome.startsWith('✗')
          ? `✗ ${outcome}`
          : outcome;
      });
      expect(wrong).toEqual([]);
    });
  },
);
