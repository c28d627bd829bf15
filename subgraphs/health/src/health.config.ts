import { defineDepartment } from '@jih/kit/department';

/** The registration numbers of medical institutions (登记号) are letters and digits. */
const MEDICAL_NUMBER = /^[0-9A-Z]{10,30}$/;
/** Public-venue hygiene licences read like 蒙卫公证字〔2024〕第150821000123号. */
const VENUE_NUMBER = /^[\u4e00-\u9fa5]{1,4}卫公证?字〔\d{4}〕第\d{1,15}号$/;

/**
 * Health (卫生健康委员会): licences of medical institutions and public venues, the public-venue
 * hygiene grade (公共场所卫生信誉度等级 A/B/C), and health follow-ups (卫生监督意见书, 立案).
 */
export const healthDepartment = defineDepartment({
  code: 'health',
  name: 'Health Commission',
  nameZh: '卫生健康委员会',
  description:
    'The health view of an enterprise: licences of medical institutions and public venues, the public-venue hygiene grade (公共场所卫生信誉度等级), and health supervision follow-ups.',
  rating: {
    field: 'hygieneGrade',
    typeName: 'HygieneGrade',
    enumName: 'HygieneLevel',
    labelZh: '公共场所卫生信誉度等级',
    description:
      'A yearly hygiene grade of a public venue (公共场所卫生监督量化分级), from its hygiene record and on-site assessment.',
    levels: {
      A: {
        description: 'A级: excellent hygiene record (卫生信誉度优秀).',
        labelZh: 'A级',
        risk: 'A',
      },
      B: { description: 'B级: good hygiene record (卫生信誉度良好).', labelZh: 'B级', risk: 'B' },
      // The scale has no fourth grade: a venue that fails is not graded but followed up, so the
      // worst grade maps to elevated risk and high risk comes from the other departments' records.
      C: {
        description: 'C级: ordinary hygiene record (卫生信誉度一般).',
        labelZh: 'C级',
        risk: 'C',
      },
    },
  },
  followUps: {
    noun: 'FollowUp',
    plural: 'FollowUps',
    description:
      'Health supervision follow-ups from check results: supervision opinions ordering correction, and cases.',
    kinds: {
      SUPERVISION_OPINION: {
        description:
          'A health supervision opinion ordering correction within a time limit (卫生监督意见书).',
        deadline: 'required',
      },
      CASE: {
        description: 'A case filed for administrative penalty (立案查处).',
        deadline: 'optional',
      },
    },
  },
  licences: {
    noun: 'Licence',
    plural: 'Licences',
    description:
      'Licences the health commission issued: practising licences of medical institutions and hygiene licences of public venues.',
    kinds: {
      MEDICAL_INSTITUTION: {
        description:
          'Practising licence of a medical institution (医疗机构执业许可证), revalidated every 5 years at most.',
        maxValidityYears: 5,
      },
      PUBLIC_VENUE: {
        description: 'Hygiene licence of a public venue (公共场所卫生许可证), valid 4 years.',
        maxValidityYears: 4,
      },
    },
    numberDescription:
      "Licence number: a medical institution's registration number (登记号, 10-30 letters and digits), or a public-venue licence number such as 蒙卫公证字〔2024〕第150821000123号.",
    checkNumber: (number, _uscc, kind) => {
      if (kind === 'MEDICAL_INSTITUTION' && !MEDICAL_NUMBER.test(number))
        return 'a medical institution registration number is 10 to 30 upper-case letters and digits';
      if (kind === 'PUBLIC_VENUE' && !VENUE_NUMBER.test(number))
        return 'a public-venue hygiene licence number reads like 蒙卫公证字〔2024〕第150821000123号';
      return null;
    },
  },
});
