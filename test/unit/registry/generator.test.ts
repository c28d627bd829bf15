import { validateUscc } from '@jih/domain/uscc';
import { expertiseOf } from '@jih/domain/reference/check-items';
import { DEPARTMENT_CODES, departmentByCode } from '@jih/domain/reference/departments';
import { divisionByCode } from '@jih/domain/reference/divisions';
import {
  demoInspectorCount,
  generateEnterprise,
  generateInspector,
  generateTags,
  MAX_ENTERPRISE_INDEX,
  type GeneratedEnterprise,
} from '@jih/demo-data/generator';
import { industryByCode } from '@jih/domain/reference/industries';

const SEED = 'wuyuan-2024';

describe('generateEnterprise', () => {
  it('is deterministic and independent of call order', () => {
    const forward = Array.from({ length: 50 }, (_, i) => generateEnterprise(i, SEED));
    const backward = Array.from({ length: 50 }, (_, k) =>
      generateEnterprise(49 - k, SEED),
    ).reverse();
    expect(backward).toEqual(forward);
    // A different seed interleaved in between must not disturb the first seed's output.
    generateEnterprise(7, 'other');
    expect(generateEnterprise(7, SEED)).toEqual(forward[7]);
  });

  it('depends on the seed', () => {
    const a = Array.from({ length: 20 }, (_, i) => generateEnterprise(i, 'a').name);
    const b = Array.from({ length: 20 }, (_, i) => generateEnterprise(i, 'b').name);
    expect(a).not.toEqual(b);
  });

  it('gives 100,000 distinct, valid USCCs', () => {
    // Plain loops with one assertion at the end: per-row expect() would dominate the run time.
    const seen = new Set<string>();
    const invalid: string[] = [];
    for (let i = 0; i < 100_000; i++) {
      const { uscc } = generateEnterprise(i, SEED);
      seen.add(uscc);
      if (!validateUscc(uscc).valid) invalid.push(uscc);
    }
    expect(invalid).toEqual([]);
    expect(seen.size).toBe(100_000);
  });

  it('keeps codes distinct across the index range, including far indices', () => {
    const indices = [0, 1, 99_999_999, 100_000_000, 100_000_001, MAX_ENTERPRISE_INDEX - 1];
    const codes = indices.map((i) => generateEnterprise(i, SEED).uscc);
    expect(new Set(codes).size).toBe(indices.length);
    for (const c of codes) expect(validateUscc(c)).toEqual({ valid: true });
  });

  it('rejects indices it cannot keep unique', () => {
    expect(() => generateEnterprise(-1, SEED)).toThrow(RangeError);
    expect(() => generateEnterprise(1.5, SEED)).toThrow(RangeError);
    expect(() => generateEnterprise(MAX_ENTERPRISE_INDEX, SEED)).toThrow(RangeError);
  });

  describe('a sample of 5,000', () => {
    const sample: GeneratedEnterprise[] = Array.from({ length: 5_000 }, (_, i) =>
      generateEnterprise(i, SEED),
    );

    it('has consistent, plausible fields', () => {
      const problems: string[] = [];
      const check = (ok: boolean, what: string, e: GeneratedEnterprise): void => {
        if (!ok) problems.push(`${what}: ${JSON.stringify(e)}`);
      };
      for (const e of sample) {
        const division = divisionByCode.get(e.division);
        check(validateUscc(e.uscc).valid, 'invalid USCC', e);
        check(division !== undefined, 'unknown division', e);
        check(e.uscc.slice(2, 8) === e.division, 'USCC division differs', e);
        check(e.uscc[0] === '9', 'authority is not market registration', e);
        check(
          e.uscc[1] === (e.type === '个体工商户' ? '2' : e.type === '农民专业合作社' ? '3' : '1'),
          'org type',
          e,
        );
        check(industryByCode.has(e.industry), 'unknown industry', e);
        check(
          division !== undefined && e.address.startsWith(division.fullName),
          'address outside division',
          e,
        );
        check(/(号|组)$/.test(e.address), 'address has no number', e);
        check(/^[\u4e00-\u9fa5（）A-Z]+$/.test(e.name), 'name has odd characters', e);
        check(
          /^(199[89]|20[0-2]\d)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(e.registeredOn),
          'date format',
          e,
        );
        check(
          new Date(e.registeredOn + 'T00:00:00Z').toISOString().slice(0, 10) === e.registeredOn,
          'impossible date',
          e,
        );
        check(e.registeredOn <= '2024-12-31', 'date in the future', e);
        check(
          e.type !== '农民专业合作社' || e.registeredOn >= '2007-07-01',
          'cooperative before the 2007 law',
          e,
        );
        // An all-digit organisation code means a company registered before GB 32100 took effect.
        const body = e.uscc.slice(8, 16);
        check(
          /^\d{8}$/.test(body) ? e.registeredOn < '2015-10-01' : body.startsWith('MA'),
          'org body vs date',
          e,
        );
      }
      expect(problems.slice(0, 5)).toEqual([]);
    });

    it('names entities after their division and legal form', () => {
      const wuyuan = sample.find(
        (e) => e.division === '150821' && e.type === '有限责任公司' && e.name.startsWith('五原县'),
      );
      expect(wuyuan?.name).toMatch(/^五原县.+(有限公司|有限责任公司)$/);
      for (const e of sample) {
        if (e.type === '农民专业合作社') expect(e.name).toMatch(/专业合作社$/);
        if (e.type === '股份有限公司') expect(e.name).toMatch(/股份有限公司$/);
        if (e.type === '普通合伙企业') expect(e.name).toMatch(/（普通合伙）$/);
      }
    });

    it('is mostly active, with some revoked and deregistered', () => {
      const count = (s: string): number => sample.filter((e) => e.statusZh === s).length;
      expect(count('存续') + count('在业')).toBeGreaterThan(0.8 * sample.length);
      expect(count('吊销')).toBeGreaterThan(0);
      expect(count('注销')).toBeGreaterThan(0);
      for (const e of sample) {
        expect(e.status).toBe(
          { 存续: 'ACTIVE', 在业: 'ACTIVE', 吊销: 'REVOKED', 注销: 'CANCELLED' }[e.statusZh],
        );
      }
    });

    it('over-weights Wuyuan County and covers many divisions and industries', () => {
      const wuyuan = sample.filter((e) => e.division === '150821').length;
      expect(wuyuan / sample.length).toBeGreaterThan(0.25);
      expect(new Set(sample.map((e) => e.division)).size).toBeGreaterThan(40);
      expect(new Set(sample.map((e) => e.industry)).size).toBe(18);
    });
  });
});

describe('generateTags', () => {
  it('is deterministic', () => {
    expect(generateTags(42, SEED)).toEqual(generateTags(42, SEED));
  });

  it('always tags market regulation, uses known departments once each, in department order', () => {
    const problems: number[] = [];
    for (let i = 0; i < 2_000; i++) {
      const tags = generateTags(i, SEED);
      const order = tags.map((t) => departmentByCode.get(t.departmentCode)?.sortOrder ?? -1);
      const ok =
        tags[0].departmentCode === 'market' &&
        order.every((o, k) => o > 0 && (k === 0 || o > order[k - 1])) &&
        tags.every((t) => ['A', 'B', 'C', 'D'].includes(t.riskClass) && t.basis.length > 0);
      if (!ok) problems.push(i);
    }
    expect(problems).toEqual([]);
  });

  it('follows industry: farms go to agriculture, clinics to health, builders to housing', () => {
    const share = (industry: string, dept: string): number => {
      let n = 0;
      let hit = 0;
      for (let i = 0; i < 20_000; i++) {
        const e = generateEnterprise(i, SEED);
        if (e.industry !== industry || e.status === 'CANCELLED') continue;
        n++;
        if (generateTags(i, SEED).some((t) => t.departmentCode === dept)) hit++;
      }
      return hit / n;
    };
    expect(share('A', 'agriculture')).toBeGreaterThan(0.8);
    expect(share('Q', 'health')).toBeGreaterThan(0.8);
    expect(share('E', 'housing')).toBeGreaterThan(0.8);
    expect(share('F', 'health')).toBe(0);
  });

  it('keeps only the market record of a deregistered entity and rates revoked ones high-risk', () => {
    let cancelled = 0;
    let revoked = 0;
    const wrong: number[] = [];
    for (let i = 0; i < 3_000; i++) {
      const e = generateEnterprise(i, SEED);
      const tags = generateTags(i, SEED);
      if (e.status === 'CANCELLED') {
        cancelled++;
        if (tags.length !== 1 || tags[0].departmentCode !== 'market') wrong.push(i);
      }
      if (e.status === 'REVOKED') {
        revoked++;
        if (!tags.some((t) => t.riskClass === 'D')) wrong.push(i);
      }
    }
    expect(wrong).toEqual([]);
    expect(cancelled).toBeGreaterThan(0);
    expect(revoked).toBeGreaterThan(0);
  });
});

describe('generateInspector', () => {
  it('gives every department at least ten inspectors with expertise from its own check items', () => {
    const certificates = new Set<string>();
    for (const dept of DEPARTMENT_CODES) {
      const n = demoInspectorCount(dept);
      expect(n).toBeGreaterThanOrEqual(10);
      const tags = expertiseOf(dept);
      const holders = new Map<string, number>();
      for (let i = 0; i < n; i++) {
        const p = generateInspector(dept, i, SEED);
        expect(p.departmentCode).toBe(dept);
        expect(p.name).toMatch(/^[\u4e00-\u9fa5]{2,4}$/);
        expect(['M', 'F']).toContain(p.sex);
        expect(p.certificateNo).toMatch(/^150821\d{7}$/);
        expect(p.post.length).toBeGreaterThan(0);
        expect(p.expertise.length).toBeGreaterThan(0);
        for (const t of p.expertise) {
          expect(tags).toContain(t);
          holders.set(t, (holders.get(t) ?? 0) + 1);
        }
        certificates.add(p.certificateNo);
      }
      // Every expertise tag can staff a two-inspector visit.
      for (const t of tags) expect(holders.get(t) ?? 0).toBeGreaterThanOrEqual(2);
    }
    const total = DEPARTMENT_CODES.reduce((s, d) => s + demoInspectorCount(d), 0);
    expect(certificates.size).toBe(total);
  });

  it('is deterministic and honours the division', () => {
    expect(generateInspector('tax', 3, SEED)).toEqual(generateInspector('tax', 3, SEED));
    expect(generateInspector('tax', 3, SEED, '141102').certificateNo).toBe('1411020800004');
  });

  it('rejects unknown departments and out-of-range indices', () => {
    expect(() => generateInspector('justice', 0, SEED)).toThrow(RangeError);
    expect(() => generateInspector('tax', -1, SEED)).toThrow(RangeError);
    expect(() => generateInspector('tax', 0, SEED, '1508')).toThrow(RangeError);
  });
});
