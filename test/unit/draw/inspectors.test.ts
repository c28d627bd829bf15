import {
  assignInspectors,
  replaceInspector,
  type InspectorRecord,
  type StaffingContext,
  type StaffingVisit,
  type TeamAssignment,
} from '@jih/subgraphs/joint-tasks/src/draw/inspectors';
import { codes } from './fixtures';

/** n inspectors of a department, ids `${dept}-${k}`, expertise from `tags(k)`. */
function inspectors(
  dept: string,
  n: number,
  tags: (k: number) => string[] = () => ['general'],
): InspectorRecord[] {
  return Array.from({ length: n }, (_, k) => ({
    id: `${dept}-${k}`,
    department: dept,
    active: true,
    expertise: tags(k),
  }));
}

/** Visits to `n` enterprises, each with the given departments. */
function visits(n: number, departments: string[], salt = 0): StaffingVisit[] {
  return codes(n, salt).map((uscc, k) => ({ id: `v${k}`, uscc, departments }));
}

/** A context with a market pool of 12 (food/drug experts) and a tax pool of 8. */
function context(overrides: Partial<StaffingContext> = {}): StaffingContext {
  return {
    seed: 'task-2025-07',
    inspectors: [
      ...inspectors('market', 12, (k) =>
        k % 3 === 0 ? ['food'] : k % 3 === 1 ? ['drug'] : ['food', 'drug'],
      ),
      ...inspectors('tax', 8, () => ['tax-audit']),
    ],
    departments: [
      { department: 'market', requiredExpertise: ['food', 'drug'] },
      { department: 'tax', requiredExpertise: [] },
    ],
    capacity: { perDay: 5, workingDays: 20 },
    ...overrides,
  };
}

/** Teams of one department. */
const of = (teams: TeamAssignment[], department: string) =>
  teams.filter((t) => t.department === department);

describe('inspector assignment', () => {
  it('staffs every (visit, department) with at least two distinct inspectors of that department', () => {
    const { teams, understaffed } = assignInspectors(context(), visits(200, ['market', 'tax']));
    expect(teams).toHaveLength(400);
    expect(understaffed).toBe(0);
    for (const t of teams) {
      expect(t.status).toBe('STAFFED');
      expect(t.inspectorIds.length).toBeGreaterThanOrEqual(2);
      expect(new Set(t.inspectorIds).size).toBe(t.inspectorIds.length);
      for (const id of t.inspectorIds) expect(id.startsWith(`${t.department}-`)).toBe(true);
    }
  });

  it('covers every required tag with members who each hold at least one', () => {
    const ctx = context();
    const byId = new Map(ctx.inspectors.map((x) => [x.id, x]));
    const { teams } = assignInspectors(ctx, visits(300, ['market']));
    let larger = 0;
    for (const t of teams) {
      const held = new Set(t.inspectorIds.flatMap((id) => byId.get(id)!.expertise));
      expect(held.has('food') && held.has('drug')).toBe(true);
      for (const id of t.inspectorIds) {
        expect(byId.get(id)!.expertise.some((x) => x === 'food' || x === 'drug')).toBe(true);
      }
      if (t.inspectorIds.length > 2) larger++;
    }
    // Two food-only members happen (1/3 × 3/11 ≈ 9% of teams); a third member then covers drug.
    expect(larger).toBeGreaterThan(0);
  });

  it('excludes inactive inspectors and those without any required tag', () => {
    const ctx = context({
      inspectors: [
        ...inspectors('market', 6, () => ['food']),
        { id: 'market-inactive', department: 'market', active: false, expertise: ['food'] },
        { id: 'market-nofood', department: 'market', active: true, expertise: ['fire'] },
      ],
      departments: [{ department: 'market', requiredExpertise: ['food'] }],
    });
    const { teams } = assignInspectors(ctx, visits(300, ['market']));
    const used = new Set(teams.flatMap((t) => t.inspectorIds));
    expect(used.has('market-inactive')).toBe(false);
    expect(used.has('market-nofood')).toBe(false);
  });

  it('honours recusal declarations', () => {
    const vs = visits(100, ['market', 'tax']);
    const recusals = vs.flatMap((v, k) => [
      { inspectorId: `market-${k % 12}`, uscc: v.uscc },
      { inspectorId: `tax-${k % 8}`, uscc: v.uscc },
    ]);
    const { teams } = assignInspectors(context({ recusals }), vs);
    for (const t of teams) {
      for (const r of recusals)
        if (r.uscc === t.uscc) expect(t.inspectorIds).not.toContain(r.inspectorId);
    }
  });

  it('honours the rotation window', () => {
    const vs = visits(100, ['tax']);
    // Every tax inspector but tax-6 and tax-7 checked every enterprise recently.
    const rotation = vs.flatMap((v) =>
      Array.from({ length: 6 }, (_, k) => ({ inspectorId: `tax-${k}`, uscc: v.uscc })),
    );
    const { teams } = assignInspectors(
      context({ rotation, capacity: { perDay: 100, workingDays: 10 } }),
      vs,
    );
    for (const t of teams) expect([...t.inspectorIds].sort()).toEqual(['tax-6', 'tax-7']);
  });

  it('honours capacity over the task: perDay × workingDays teams per inspector', () => {
    // 8 tax inspectors × (2 × 3) = 48 slots; 30 visits need 60 → 24 teams get both, the rest fall short.
    const { teams } = assignInspectors(
      context({ capacity: { perDay: 2, workingDays: 3 } }),
      visits(30, ['tax']),
    );
    const load = new Map<string, number>();
    for (const t of teams) for (const id of t.inspectorIds) load.set(id, (load.get(id) ?? 0) + 1);
    for (const n of load.values()) expect(n).toBeLessThanOrEqual(6);
    expect([...load.values()].reduce((a, b) => a + b, 0)).toBe(48);
    const short = teams.filter((t) => t.status === 'UNDERSTAFFED');
    expect(short.length).toBe(6);
    for (const t of short) {
      expect(t.exclusions!.capacity).toBe(8 - t.inspectorIds.length);
      expect(t.reason).toMatch(/at capacity/);
    }
  });

  it('counts the teams inspectors already have in overlapping tasks (priorLoad) against their capacity over the task', () => {
    // 6 slots each; tax-0 has used all of them elsewhere, tax-1 four; an unknown id is ignored.
    // 6 × 6 + 2 = 38 slots are left for the 60 seats of 30 visits.
    const priorLoad = [
      { inspectorId: 'tax-0', teams: 6 },
      { inspectorId: 'tax-1', teams: 4 },
      { inspectorId: 'nobody', teams: 99 },
    ];
    const { teams, understaffed } = assignInspectors(
      context({ capacity: { perDay: 2, workingDays: 3 }, priorLoad }),
      visits(30, ['tax']),
    );
    const load = new Map<string, number>();
    for (const t of teams) for (const id of t.inspectorIds) load.set(id, (load.get(id) ?? 0) + 1);
    expect(load.has('tax-0')).toBe(false);
    expect(load.get('tax-1') ?? 0).toBeLessThanOrEqual(2);
    for (const n of load.values()) expect(n).toBeLessThanOrEqual(6);
    expect([...load.values()].reduce((a, b) => a + b, 0)).toBe(38);
    expect(understaffed).toBeGreaterThan(6); // more than without the prior load (the test above)
    for (const t of teams.filter((x) => x.status === 'UNDERSTAFFED'))
      expect(t.reason).toMatch(/at capacity/);

    // Without the prior load the same draw books tax-0 and tax-1 fully.
    const free = assignInspectors(
      context({ capacity: { perDay: 2, workingDays: 3 } }),
      visits(30, ['tax']),
    ).teams.flatMap((t) => t.inspectorIds);
    expect(free.filter((id) => id === 'tax-0')).toHaveLength(6);
    expect(free.filter((id) => id === 'tax-1')).toHaveLength(6);

    // Visits with days count capacity per day only: the prior load over the task does not apply.
    const daily = visits(30, ['tax']).map((v) => ({ ...v, day: '2025-07-01' }));
    const perDay = assignInspectors(
      context({ capacity: { perDay: 2 }, priorLoad }),
      daily,
    ).teams.flatMap((t) => t.inspectorIds);
    expect(perDay.filter((id) => id === 'tax-0')).toHaveLength(2);
  });

  it('honours capacity per day when visits carry days', () => {
    const vs = visits(40, ['tax']).map((v, k) => ({
      ...v,
      day: k < 20 ? '2025-07-01' : '2025-07-02',
    }));
    const { teams, understaffed } = assignInspectors(context({ capacity: { perDay: 3 } }), vs);
    const load = new Map<string, number>();
    for (const t of teams)
      for (const id of t.inspectorIds)
        load.set(`${id}@${t.day}`, (load.get(`${id}@${t.day}`) ?? 0) + 1);
    for (const n of load.values()) expect(n).toBeLessThanOrEqual(3);
    // 8 × 3 = 24 slots a day for 20 teams × 2: 12 teams a day are staffed.
    expect(understaffed).toBe(16);
  });

  it('returns UNDERSTAFFED with counts per rule when fewer than two qualify, never silently fewer', () => {
    const vs = visits(1, ['fire']);
    const ctx = context({
      inspectors: [
        { id: 'fire-1', department: 'fire', active: true, expertise: ['fire'] },
        { id: 'fire-2', department: 'fire', active: false, expertise: ['fire'] },
        { id: 'fire-3', department: 'fire', active: true, expertise: ['fire'] },
        { id: 'fire-4', department: 'fire', active: true, expertise: ['electrical'] },
        { id: 'fire-5', department: 'fire', active: true, expertise: ['fire'] },
      ],
      departments: [{ department: 'fire', requiredExpertise: ['fire'] }],
      recusals: [{ inspectorId: 'fire-3', uscc: vs[0].uscc }],
      rotation: [{ inspectorId: 'fire-5', uscc: vs[0].uscc }],
    });
    const { teams, understaffed } = assignInspectors(ctx, vs);
    expect(understaffed).toBe(1);
    const [t] = teams;
    expect(t.status).toBe('UNDERSTAFFED');
    expect(t.inspectorIds).toEqual(['fire-1']);
    expect(t.exclusions).toEqual({
      pool: 5,
      otherDepartment: 0,
      inactive: 1,
      lackingExpertise: 1,
      recused: 1,
      rotation: 1,
      capacity: 0,
      onTeam: 1,
      available: 0,
    });
    expect(t.reason).toBe(
      '2 fire inspectors needed, 1 available: pool of 5, excluded 1 inactive, 1 without any of fire, ' +
        '1 recused from this enterprise, 1 checked it within the rotation window, 1 already on the team or replaced out of it',
    );
  });

  it('returns UNDERSTAFFED when the qualified cannot cover a required tag', () => {
    const ctx = context({
      inspectors: inspectors('health', 5, () => ['hygiene']),
      departments: [{ department: 'health', requiredExpertise: ['hygiene', 'radiation'] }],
    });
    const { teams } = assignInspectors(ctx, visits(3, ['health']));
    for (const t of teams) {
      expect(t.status).toBe('UNDERSTAFFED');
      expect(t.inspectorIds).toHaveLength(2);
      expect(t.uncoveredExpertise).toEqual(['radiation']);
      expect(t.reason).toMatch(/no available inspector holds radiation/);
    }
  });

  it('draws only from the sub-pool in sub-pool mode', () => {
    const subPool = ['market-0', 'market-1', 'market-2', 'market-4', 'tax-1'];
    const ctx = context({
      departments: [
        {
          department: 'market',
          requiredExpertise: ['food', 'drug'],
          pool: { kind: 'subPool', inspectorIds: subPool },
        },
      ],
    });
    const { teams } = assignInspectors(ctx, visits(200, ['market']));
    const used = new Set(teams.flatMap((t) => t.inspectorIds));
    expect([...used].sort()).toEqual(['market-0', 'market-1', 'market-2', 'market-4']);
    expect(() =>
      assignInspectors(
        context({
          departments: [
            {
              department: 'market',
              requiredExpertise: [],
              pool: { kind: 'subPool', inspectorIds: ['ghost'] },
            },
          ],
        }),
        visits(1, ['market']),
      ),
    ).toThrow(/unknown inspector ghost/);
  });

  it('counts sub-pool members of another department as excluded', () => {
    const ctx = context({
      departments: [
        {
          department: 'market',
          requiredExpertise: [],
          pool: { kind: 'subPool', inspectorIds: ['market-0', 'tax-1', 'tax-2'] },
        },
      ],
    });
    const [t] = assignInspectors(ctx, visits(1, ['market'])).teams;
    expect(t.status).toBe('UNDERSTAFFED');
    expect(t.exclusions).toMatchObject({ pool: 3, otherDepartment: 2, onTeam: 1 });
  });

  it('is deterministic, independent of visit order, and changes with the seed', () => {
    const vs = visits(300, ['market', 'tax']);
    const key = (ts: TeamAssignment[]) =>
      Object.fromEntries(ts.map((t) => [`${t.visitId}/${t.department}`, t.inspectorIds.join(',')]));
    const a = key(
      assignInspectors(context({ capacity: { perDay: 1, workingDays: 20 } }), vs).teams,
    );
    const b = key(
      assignInspectors(context({ capacity: { perDay: 1, workingDays: 20 } }), vs).teams,
    );
    const reversed = key(
      assignInspectors(context({ capacity: { perDay: 1, workingDays: 20 } }), [...vs].reverse())
        .teams,
    );
    const other = key(
      assignInspectors(context({ seed: 'other', capacity: { perDay: 1, workingDays: 20 } }), vs)
        .teams,
    );
    expect(b).toEqual(a);
    expect(reversed).toEqual(a);
    const differing = Object.keys(a).filter((k) => a[k] !== other[k]).length;
    expect(differing).toBeGreaterThan(300);
  });

  it('draws qualified inspectors about equally often', () => {
    const { teams } = assignInspectors(
      context({ capacity: { perDay: 1000, workingDays: 100 } }),
      visits(8000, ['tax']),
    );
    const counts = new Map<string, number>();
    for (const t of teams)
      for (const id of t.inspectorIds) counts.set(id, (counts.get(id) ?? 0) + 1);
    // 16,000 draws over 8 inspectors: 2,000 each; chi-square with 7 df, 0.1% critical value 24.3.
    const chi2 = [...counts.values()].reduce((s, o) => s + (o - 2000) ** 2 / 2000, 0);
    expect(counts.size).toBe(8);
    expect(chi2).toBeLessThan(24.3);
  });

  it('rejects malformed input', () => {
    expect(() =>
      assignInspectors(context({ capacity: { perDay: 0, workingDays: 1 } }), []),
    ).toThrow(/perDay/);
    expect(() =>
      assignInspectors(context({ capacity: { perDay: 2 } }), visits(1, ['tax'])),
    ).toThrow(/workingDays is required/);
    expect(() => assignInspectors(context(), visits(1, ['fire']))).toThrow(
      /no staffing given for department fire/,
    );
    const mixed = visits(2, ['tax']).map((v, k) => (k === 0 ? { ...v, day: '2025-07-01' } : v));
    expect(() => assignInspectors(context(), mixed)).toThrow(/every visit or for none/);
  });
});

describe('replacement after a recusal (递补)', () => {
  const ctx = context();
  const vs = visits(50, ['market', 'tax']);
  const { teams } = assignInspectors(ctx, vs);
  const team = teams.find((t) => t.department === 'tax')!;
  const leaving = team.inspectorIds[0];

  it('draws a replacement reproducibly, excluding the recused inspector and the team', () => {
    const request = {
      team,
      inspectorId: leaving,
      reason: 'related to the legal representative',
      sequence: 1,
      teams,
    };
    const a = replaceInspector(ctx, request);
    const b = replaceInspector(ctx, request);
    expect(b).toEqual(a);
    expect(a.status).toBe('STAFFED');
    expect(a.inspectorIds).toHaveLength(team.inspectorIds.length);
    expect(a.inspectorIds).not.toContain(leaving);
    for (const id of team.inspectorIds.slice(1)) expect(a.inspectorIds).toContain(id);
    expect(a.replacements).toEqual([
      {
        sequence: 1,
        replaced: leaving,
        added: [a.inspectorIds[a.inspectorIds.length - 1]],
        reason: 'related to the legal representative',
      },
    ]);
    expect(team.inspectorIds).not.toContain(a.replacements[0].added[0]);
  });

  it('never brings back an inspector replaced out earlier, and numbers replacements in order', () => {
    const first = replaceInspector(ctx, {
      team,
      inspectorId: leaving,
      reason: 'r1',
      sequence: 1,
      teams,
    });
    const newcomer = first.replacements[0].added[0];
    const second = replaceInspector(ctx, {
      team: first,
      inspectorId: newcomer,
      reason: 'r2',
      sequence: 2,
      teams,
    });
    expect(second.inspectorIds).not.toContain(leaving);
    expect(second.inspectorIds).not.toContain(newcomer);
    expect(second.replacements.map((r) => r.sequence)).toEqual([1, 2]);
    expect(() =>
      replaceInspector(ctx, {
        team: first,
        inspectorId: newcomer,
        reason: 'r',
        sequence: 1,
        teams,
      }),
    ).toThrow(/sequence must be 2/);
    expect(() =>
      replaceInspector(ctx, { team, inspectorId: 'tax-99', reason: 'r', sequence: 1, teams }),
    ).toThrow(/not on the tax team/);
  });

  it('keeps the team covering every required tag', () => {
    const market = of(teams, 'market');
    const byId = new Map(ctx.inspectors.map((x) => [x.id, x]));
    for (const t of market.slice(0, 30)) {
      const r = replaceInspector(ctx, {
        team: t,
        inspectorId: t.inspectorIds[0],
        reason: 'conflict',
        sequence: 1,
        teams,
      });
      const held = new Set(r.inspectorIds.flatMap((id) => byId.get(id)!.expertise));
      expect(held.has('food') && held.has('drug')).toBe(true);
    }
  });

  it('reports UNDERSTAFFED with the reason when nobody else qualifies', () => {
    const small = context({
      inspectors: inspectors('tax', 2),
      departments: [{ department: 'tax', requiredExpertise: [] }],
    });
    const ts = assignInspectors(small, visits(1, ['tax'])).teams;
    const r = replaceInspector(small, {
      team: ts[0],
      inspectorId: 'tax-0',
      reason: 'recused',
      sequence: 1,
      teams: ts,
    });
    expect(r.status).toBe('UNDERSTAFFED');
    expect(r.inspectorIds).toEqual(['tax-1']);
    expect(r.replacements[0].added).toEqual([]);
    expect(r.exclusions).toMatchObject({ pool: 2, onTeam: 2, available: 0 });
  });

  it('respects capacity: an inspector at capacity is not drawn as a replacement', () => {
    const tight = context({ capacity: { perDay: 1, workingDays: 1 } });
    const ts = assignInspectors(tight, visits(4, ['tax'])).teams;
    // 8 inspectors, 4 teams of 2: everyone is at capacity except the leaving one's slot.
    const r = replaceInspector(tight, {
      team: ts[0],
      inspectorId: ts[0].inspectorIds[0],
      reason: 'x',
      sequence: 1,
      teams: ts,
    });
    expect(r.status).toBe('UNDERSTAFFED');
    expect(r.exclusions).toMatchObject({ capacity: 6, onTeam: 2, available: 0 });
  });
});

describe('assignment at scale', () => {
  it('staffs 100,000 visit-departments (timing logged, not asserted)', () => {
    const depts = ['market', 'tax', 'health', 'fire'];
    const ctx: StaffingContext = {
      seed: 'scale',
      inspectors: depts.flatMap((d) => inspectors(d, 400, (k) => [k % 2 ? 'a' : 'b'])),
      departments: depts.map((d) => ({ department: d, requiredExpertise: ['a', 'b'] })),
      capacity: { perDay: 20, workingDays: 20 },
      recusals: codes(5000).map((uscc, k) => ({ inspectorId: `market-${k % 400}`, uscc })),
      rotation: codes(20_000).map((uscc, k) => ({ inspectorId: `tax-${k % 400}`, uscc })),
    };
    const vs = visits(50_000, ['market', 'tax']);
    const t = performance.now();
    const { teams, understaffed } = assignInspectors(ctx, vs);
    console.log(
      `100,000 teams from 4 pools of 400 in ${(performance.now() - t).toFixed(0)} ms; ${understaffed} understaffed`,
    );
    expect(teams).toHaveLength(100_000);
  });
});
