import { defineDepartment } from '@jih/kit/department';

/**
 * Market regulation (市场监督管理局): enterprise credit-risk classification (企业信用风险分类管理),
 * the business-abnormal list and the serious-violation list as its legal record, and cases opened
 * from check results (立案查处).
 */
export const marketDepartment = defineDepartment({
  code: 'market',
  name: 'Administration for Market Regulation',
  nameZh: '市场监督管理局',
  description:
    'The market-regulation view of an enterprise: its yearly credit-risk classification (企业信用风险分类), its record on the business-abnormal list and the serious-violation list, and the cases opened from check results (立案查处).',
  rating: {
    field: 'creditRiskRating',
    typeName: 'CreditRiskRating',
    enumName: 'CreditRiskLevel',
    labelZh: '企业信用风险分类',
    description:
      "A yearly enterprise credit-risk classification by market regulation (企业信用风险分类结果), from the enterprise's registration, filing, listing and check records.",
    levels: {
      A: {
        description: 'A类: low credit risk (信用风险低).',
        labelZh: 'A类（信用风险低）',
        risk: 'A',
      },
      B: {
        description: 'B类: ordinary credit risk (信用风险一般).',
        labelZh: 'B类（信用风险一般）',
        risk: 'B',
      },
      C: {
        description: 'C类: elevated credit risk (信用风险较高).',
        labelZh: 'C类（信用风险较高）',
        risk: 'C',
      },
      D: {
        description: 'D类: high credit risk (信用风险高).',
        labelZh: 'D类（信用风险高）',
        risk: 'D',
      },
    },
  },
  followUps: {
    noun: 'Case',
    plural: 'Cases',
    description:
      'Cases opened from check results for investigation and punishment (立案查处), and orders to correct.',
    kinds: {
      INVESTIGATION: {
        description:
          'A case filed for investigation (立案调查); the deadline, when set, is the time limit for the decision (normally 90 days from filing).',
        deadline: 'optional',
      },
      CORRECTION_ORDER: {
        description: 'An order to correct within a time limit (责令限期改正).',
        deadline: 'required',
      },
    },
  },
});
