import { defineDepartment } from '@jih/kit/department';

/**
 * Tax (税务局): taxpayer credit rating per year (纳税信用管理办法, 国家税务总局公告2014年第40号;
 * level M added by 公告2018年第8号), key-taxpayer designation, follow-up of tax findings.
 */
export const taxDepartment = defineDepartment({
  code: 'tax',
  name: 'Tax Bureau',
  nameZh: '税务局',
  description:
    'The tax view of an enterprise: its yearly taxpayer credit rating (纳税信用等级), whether it is a key taxpayer (重点税源企业), and the follow-up of tax findings.',
  rating: {
    field: 'creditRating',
    typeName: 'CreditRating',
    enumName: 'CreditLevel',
    labelZh: '纳税信用等级',
    description:
      'A yearly taxpayer credit rating (纳税信用评价), published each April for the previous year.',
    levels: {
      A: { description: 'A级: annual score of 90 or more.', labelZh: 'A级', risk: 'A' },
      B: { description: 'B级: annual score from 70 to under 90.', labelZh: 'B级', risk: 'B' },
      // M is not a worse grade than B: it marks a taxpayer without the record to score (newly
      // established, or no business income in the year), so it is treated as ordinary risk.
      M: {
        description:
          'M级: newly established, or no business income in the year with a score of 70 or more.',
        labelZh: 'M级',
        risk: 'B',
      },
      C: { description: 'C级: annual score from 40 to under 70.', labelZh: 'C级', risk: 'C' },
      D: {
        description:
          'D级: score under 40, or rated D directly for serious tax violations (e.g. tax evasion, fraudulent invoices).',
        labelZh: 'D级',
        risk: 'D',
      },
    },
  },
  followUps: {
    noun: 'FollowUp',
    plural: 'FollowUps',
    description: 'Follow-up of tax findings from checks (税务检查发现问题的后续处理).',
    kinds: {
      CORRECTION: {
        description: 'Order to correct within a time limit (责令限期改正, 税务事项通知书).',
        deadline: 'required',
      },
      ARREARS: {
        description: 'Collection of unpaid tax and late fees (追缴税款、滞纳金).',
        deadline: 'required',
      },
      INSPECTION_REFERRAL: {
        description: 'Referred to the inspection bureau for a case (移交稽查局立案).',
        deadline: 'optional',
      },
    },
  },
  flags: {
    KEY_TAXPAYER: {
      field: 'keyTaxpayer',
      description: 'A key taxpayer (重点税源企业): drawn at about 5% a year instead of at most 3%.',
    },
  },
});
