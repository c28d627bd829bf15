import { defaultSeedLevel, demoFollowUp, type DepartmentSeedRules } from '@jih/kit/department';
import { taxDepartment } from '../tax.config';

const COMPANY_TYPES = new Set(['有限责任公司', '有限责任公司（自然人独资）', '股份有限公司']);

/** Demo tax records: the registry's demo tag names the grade (e.g. 2024年度纳税信用M级), so M is kept. */
export const taxSeed: DepartmentSeedRules = {
  rating: (s, year) =>
    year === 2024 && /纳税信用M级/.test(s.basis) ? 'M' : defaultSeedLevel(taxDepartment, s, year),
  // Key taxpayers are larger companies: about one company in twelve here.
  flags: (s) =>
    COMPANY_TYPES.has(s.type) && s.chance('key') < 0.08
      ? [
          {
            flag: 'KEY_TAXPAYER',
            since: s.day(2022, 'key-since'),
            note: '年度纳税额列入重点税源监控',
          },
        ]
      : [],
  followUps: (s) =>
    (s.riskClass === 'C' || s.riskClass === 'D') && s.chance('finding') < 0.3
      ? [
          demoFollowUp(s, {
            kind: 'CORRECTION',
            summary: '未按规定期限办理纳税申报和报送纳税资料',
            legalBasis: '《中华人民共和国税收征收管理法》第六十二条',
            deadlineDays: 15,
            outcome: '已补办申报并缴纳罚款',
          }),
        ]
      : [],
};
