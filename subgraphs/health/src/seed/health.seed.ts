import {
  addYears,
  defaultSeedLevel,
  demoFollowUp,
  type DepartmentSeedRules,
  type SeedLicence,
  type SeedSubject,
} from '@jih/kit/department';
import { healthDepartment } from '../health.config';

/** The provincial abbreviation a licence number starts with, by the first two digits of the division. */
const PROVINCE_ABBREVIATION: Readonly<Record<string, string>> = {
  '14': '晋',
  '15': '蒙',
  '65': '新',
};

/** Sections whose businesses are public venues (hotels, baths, barbers, gyms, KTV …). */
const VENUE_SECTIONS = new Set(['H', 'O', 'R']);

/** A medical institution (section Q) holds a practising licence; a public venue a hygiene licence. */
function licenceOf(s: SeedSubject): SeedLicence | null {
  const issuedOn = s.day(2020 + Math.floor(s.chance('issued-year') * 5), 'issued');
  if (s.industry === 'Q') {
    return {
      kind: 'MEDICAL_INSTITUTION',
      number: `PDY${s.uscc.slice(8, 16)}${s.uscc.slice(2, 8)}A1`,
      scope: '内科；外科；医学检验科',
      issuedOn,
      validUntil: addYears(issuedOn, 5),
    };
  }
  if (VENUE_SECTIONS.has(s.industry)) {
    return {
      kind: 'PUBLIC_VENUE',
      number: `${PROVINCE_ABBREVIATION[s.uscc.slice(2, 4)] ?? '蒙'}卫公证字〔${issuedOn.slice(0, 4)}〕第${s.uscc.slice(2, 8)}${String(s.index).padStart(6, '0')}号`,
      scope: '住宿；沐浴；美容美发',
      issuedOn,
      validUntil: addYears(issuedOn, 4),
    };
  }
  return null;
}

/** Demo health records: licences by industry, hygiene grades for public venues only, supervision opinions on poor grades. */
export const healthSeed: DepartmentSeedRules = {
  rating: (s, year) =>
    VENUE_SECTIONS.has(s.industry) ? defaultSeedLevel(healthDepartment, s, year) : null,
  licences: (s) => [licenceOf(s)].filter((l): l is SeedLicence => l !== null),
  followUps: (s) =>
    (s.riskClass === 'C' || s.riskClass === 'D') && s.chance('opinion') < 0.3
      ? [
          demoFollowUp(s, {
            kind: 'SUPERVISION_OPINION',
            summary: '从业人员未取得有效健康合格证明；公共用品用具未按规定清洗消毒',
            legalBasis: '《公共场所卫生管理条例实施细则》第三十六条',
            deadlineDays: 10,
            outcome: '复查合格',
          }),
        ]
      : [],
};
