import { defineDepartment } from '@jih/kit/department';

/**
 * Ecology and environment (生态环境局): pollutant discharge permits (排污许可证, and registration
 * receipts 排污登记) and the enterprise environmental credit rating (企业环境信用评价, four colours).
 */
export const ecologyDepartment = defineDepartment({
  code: 'ecology',
  name: 'Ecology and Environment Bureau',
  nameZh: '生态环境局',
  description:
    'The ecology-and-environment view of an enterprise: its pollutant discharge permits or registration, its yearly environmental credit rating (企业环境信用评价) and the environmental follow-ups.',
  rating: {
    field: 'environmentalCredit',
    typeName: 'EnvironmentalCredit',
    enumName: 'EnvironmentalCreditColour',
    labelZh: '企业环境信用评价',
    description: 'A yearly environmental credit rating (企业环境信用评价), given as a colour card.',
    levels: {
      GREEN: {
        description: 'Green card: environmentally trustworthy (环保诚信企业).',
        labelZh: '绿牌（环保诚信）',
        risk: 'A',
      },
      BLUE: {
        description: 'Blue card: environmentally good (环保良好企业).',
        labelZh: '蓝牌（环保良好）',
        risk: 'B',
      },
      YELLOW: {
        description: 'Yellow card: environmental warning (环保警示企业).',
        labelZh: '黄牌（环保警示）',
        risk: 'C',
      },
      RED: {
        description: 'Red card: environmentally bad (环保不良企业).',
        labelZh: '红牌（环保不良）',
        risk: 'D',
      },
    },
  },
  followUps: {
    noun: 'FollowUp',
    plural: 'FollowUps',
    description:
      'Environmental follow-ups from check results: orders to correct illegal discharge, and cases.',
    kinds: {
      RECTIFICATION: {
        description:
          'An order to correct an environmental violation within a time limit (责令改正违法行为决定书).',
        deadline: 'required',
      },
      CASE: {
        description: 'A case filed for administrative penalty (立案查处).',
        deadline: 'optional',
      },
    },
  },
  licences: {
    noun: 'DischargePermit',
    plural: 'DischargePermits',
    description:
      'Pollutant discharge permits (排污许可证) and discharge registrations (排污登记) of the enterprise.',
    kinds: {
      KEY: {
        description: 'Permit under key management (重点管理), valid 5 years.',
        maxValidityYears: 5,
      },
      SIMPLIFIED: {
        description: 'Permit under simplified management (简化管理), valid 5 years.',
        maxValidityYears: 5,
      },
      REGISTRATION: {
        description: 'Discharge registration (排污登记) of a small discharger, valid 5 years.',
        maxValidityYears: 5,
      },
    },
    numberDescription:
      "Permit number: the holder's USCC, a three-digit serial and a letter, P for a permit, W for a registration, e.g. 91150821MA0N1234X6001P.",
    checkNumber: (number, uscc, kind) => {
      const letter = kind === 'REGISTRATION' ? 'W' : 'P';
      return new RegExp(`^${uscc}\\d{3}${letter}$`).test(number)
        ? null
        : `must be the holder's USCC ${uscc}, a three-digit serial and ${letter}`;
    },
  },
});
