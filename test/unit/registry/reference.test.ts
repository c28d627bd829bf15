import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

import { CHECK_ITEMS, checkItemsOf, expertiseOf } from '@jih/domain/reference/check-items';
import { DEPARTMENT_CODES, DEPARTMENTS, departmentByCode } from '@jih/domain/reference/departments';
import { DIVISIONS, divisionByCode } from '@jih/domain/reference/divisions';
import { INDUSTRIES, INDUSTRY_CODES } from '@jih/domain/reference/industries';
import {
  DEFAULT_POLICY,
  POLICIES,
  policyByDepartment,
  ratioFor,
} from '@jih/domain/reference/policies';

// The seed documents live in shared/ beside the repository; tests that compare against their text
// run only where they are present.
const SEEDS = resolve(__dirname, '../../../../shared/seeds');
const seed = (file: string): string | undefined => {
  const p = resolve(SEEDS, file);
  return existsSync(p) ? readFileSync(p, 'utf8') : undefined;
};
const MEMBERS = seed('000_0c4390daf99577d4.txt');
const WUYUAN = seed('004_6d88989946353341.txt');
const withSeed = (text: string | undefined): jest.It => (text === undefined ? it.skip : it);

describe('departments', () => {
  it('lists the 24 departments with unique GraphQL-safe codes', () => {
    expect(DEPARTMENTS).toHaveLength(24);
    expect(new Set(DEPARTMENT_CODES).size).toBe(24);
    for (const code of DEPARTMENT_CODES) expect(code).toMatch(/^[a-z][a-z0-9]*$/);
    expect(DEPARTMENTS.map((d) => d.sortOrder)).toEqual(
      Array.from({ length: 24 }, (_, i) => i + 1),
    );
  });

  it('keeps the codes fixed by the API', () => {
    for (const code of ['market', 'tax', 'health', 'emergency', 'fire', 'ecology']) {
      expect(departmentByCode.has(code)).toBe(true);
    }
    expect(DEPARTMENTS.filter((d) => d.lead).map((d) => d.code)).toEqual(['market']);
  });

  it('has English and Chinese names', () => {
    for (const d of DEPARTMENTS) {
      expect(d.name).toMatch(/^[A-Z][A-Za-z -]+$/);
      expect(d.nameZh).toMatch(/^[\u4e00-\u9fa5]+$/);
    }
  });

  withSeed(MEMBERS)('uses the Chinese names of the 2022 membership list in seeds/000', () => {
    for (const d of DEPARTMENTS) expect(MEMBERS).toContain(d.nameZh);
  });
});

describe('check items', () => {
  it('have unique codes and belong to known departments', () => {
    expect(new Set(CHECK_ITEMS.map((i) => i.code)).size).toBe(CHECK_ITEMS.length);
    for (const item of CHECK_ITEMS) expect(departmentByCode.has(item.departmentCode)).toBe(true);
  });

  it('give at least three items to each API department and at least one to every other', () => {
    for (const code of ['market', 'tax', 'health', 'emergency', 'fire', 'ecology']) {
      expect(checkItemsOf(code).length).toBeGreaterThanOrEqual(3);
    }
    for (const code of DEPARTMENT_CODES)
      expect(checkItemsOf(code).length).toBeGreaterThanOrEqual(1);
  });

  it('are well formed', () => {
    const methods = ['ONSITE', 'DOCUMENTARY', 'ONLINE', 'COMMISSIONED'];
    for (const item of CHECK_ITEMS) {
      expect(item.name).toMatch(/[\u4e00-\u9fa5]/);
      expect(item.nameEn).toMatch(/^[A-Z]/);
      expect(item.legalBasis).toMatch(/《.+》/);
      expect(item.objectType.length).toBeGreaterThan(0);
      expect(item.objectTypeZh).toMatch(/[\u4e00-\u9fa5]/);
      expect(item.methods.length).toBeGreaterThan(0);
      for (const m of item.methods) expect(methods).toContain(m);
      expect(item.method).toBe(item.methods[0]);
      expect(['KEY', 'GENERAL']).toContain(item.category);
      expect(item.expertise).toMatch(/^[a-z]+(-[a-z]+)*$/);
      for (const s of item.industries) expect(INDUSTRY_CODES).toContain(s);
      expect(item.source.length).toBeGreaterThan(0);
      if (!/^\d{14}$/.test(item.code))
        expect(item.code).toMatch(new RegExp(`^${item.departmentCode.toUpperCase()}-\\d{3}$`));
    }
  });

  it('carry the real codes and names of the Wuyuan health list', () => {
    const health = checkItemsOf('health');
    expect(health.map((i) => [i.code, i.name])).toEqual([
      ['36115082101005', '对医疗机构开展放射诊疗活动监督检查'],
      ['36115082104002', '对医疗机构的卫生监督'],
      ['36115082103002', '对医疗卫生机构医疗废物和传染病防治工作的监督检查'],
      ['36115082102006', '对公共场所卫生监督'],
    ]);
    for (const item of health) {
      expect(item.code.slice(3, 9)).toBe('150821'); // the codes embed Wuyuan's division code
      expect(item.methods).toEqual(['ONSITE', 'DOCUMENTARY']); // 实地、书面
    }
  });

  withSeed(WUYUAN)('take the health codes, names and laws from the seed text', () => {
    for (const item of checkItemsOf('health')) {
      expect(WUYUAN).toContain(`${item.code}\t${item.name}\t`);
      for (const law of item.legalBasis.match(/《[^》]+》/g) ?? []) expect(WUYUAN).toContain(law);
    }
  });

  withSeed(WUYUAN)(
    'cite only laws that the seed names when the item is sourced from the Wuyuan medical-insurance plan',
    () => {
      for (const item of checkItemsOf('medical')) {
        for (const law of item.legalBasis.match(/《[^》]+》/g) ?? []) expect(WUYUAN).toContain(law);
      }
    },
  );

  it('give every department at least one expertise tag', () => {
    for (const code of DEPARTMENT_CODES) expect(expertiseOf(code).length).toBeGreaterThanOrEqual(1);
  });
});

describe('divisions', () => {
  it('include Wuyuan County in Bayannur', () => {
    const wuyuan = divisionByCode.get('150821');
    expect(wuyuan).toMatchObject({
      name: '五原县',
      nameEn: 'Wuyuan County',
      prefectureCode: '1508',
      prefecture: '巴彦淖尔市',
      fullName: '内蒙古自治区巴彦淖尔市五原县',
    });
    expect(wuyuan?.towns).toContain('隆兴昌镇');
  });

  it('include the other seed regions: Dongsheng, Lishi and Changji', () => {
    expect(divisionByCode.get('150602')?.name).toBe('东胜区');
    expect(divisionByCode.get('141102')?.name).toBe('离石区');
    expect(divisionByCode.get('652301')?.name).toBe('昌吉市');
  });

  it('hold at least forty unique six-digit county-level codes under their prefectures', () => {
    expect(DIVISIONS.length).toBeGreaterThanOrEqual(40);
    expect(new Set(DIVISIONS.map((d) => d.code)).size).toBe(DIVISIONS.length);
    for (const d of DIVISIONS) {
      expect(d.code).toMatch(/^\d{6}$/);
      expect(d.code.startsWith(d.prefectureCode)).toBe(true);
      expect(d.code.slice(4)).not.toBe('00');
      expect(d.fullName).toBe(d.province + d.prefecture + d.name);
    }
  });

  withSeed(WUYUAN)('use the towns named in the Wuyuan seed', () => {
    for (const town of divisionByCode.get('150821')!.towns) expect(WUYUAN).toContain(town);
  });
});

describe('industries', () => {
  it('list GB/T 4754 sections A to R by letter', () => {
    expect(INDUSTRY_CODES).toEqual('ABCDEFGHIJKLMNOPQR'.split(''));
    const byCode = new Map(INDUSTRIES.map((i) => [i.code, i]));
    expect(byCode.get('C')).toMatchObject({ name: '制造业', nameEn: 'Manufacturing' });
    expect(byCode.get('F')?.name).toBe('批发和零售业');
    expect(byCode.get('H')?.name).toBe('住宿和餐饮业');
    expect(byCode.get('Q')?.name).toBe('卫生和社会工作');
  });
});

describe('policies', () => {
  it('give every department one policy with ratios in (0, 1] rising with risk', () => {
    expect(POLICIES).toHaveLength(24);
    for (const code of DEPARTMENT_CODES) {
      const p = policyByDepartment.get(code);
      expect(p).toBeDefined();
      const ratios = (['A', 'B', 'C', 'D'] as const).map((r) => ratioFor(p!, r));
      for (const r of [...ratios, p!.generalRatioCap]) {
        expect(r).toBeGreaterThan(0);
        expect(r).toBeLessThanOrEqual(1);
      }
      expect([...ratios].sort((a, b) => a - b)).toEqual(ratios);
      expect(p!.minInspectors).toBeGreaterThanOrEqual(2);
      expect(p!.source.length).toBeGreaterThan(0);
    }
  });

  it('encode the rules the seeds state', () => {
    expect(policyByDepartment.get('tax')).toMatchObject({
      exclusionYears: 3,
      rotationDays: 365,
      generalRatioCap: 0.03,
    });
    expect(policyByDepartment.get('health')).toMatchObject({
      excludeListed: true,
      ratioA: 0.03,
      resultDeadlineWorkingDays: 5,
    });
    expect(policyByDepartment.get('fire')).toMatchObject({ yearlyCap: 2, minIntervalDays: 183 });
    expect(policyByDepartment.get('medical')?.ratioA).toBe(0.3);
    expect(policyByDepartment.get('statistics')?.ratioA).toBe(0.1);
    expect(policyByDepartment.get('civil')?.ratioA).toBe(0.04);
    expect(policyByDepartment.get('development')).toMatchObject({
      ratioA: 0.05,
      minRoundsPerYear: 2,
    });
    expect(policyByDepartment.get('weather')).toMatchObject({ ratioA: 0.05, minRoundsPerYear: 2 });
  });

  it('mark which fields are defaults', () => {
    const agriculture = policyByDepartment.get('agriculture')!;
    expect(agriculture.defaulted).toEqual(
      expect.arrayContaining(['ratioA', 'ratioD', 'generalRatioCap']),
    );
    expect(agriculture.ratioB).toBe(DEFAULT_POLICY.ratioB);
    expect(policyByDepartment.get('tax')!.defaulted).not.toContain('exclusionYears');
    expect(policyByDepartment.get('health')!.defaulted).not.toContain('excludeListed');
  });
});
