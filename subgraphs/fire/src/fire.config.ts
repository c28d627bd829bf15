import { defineDepartment } from '@jih/kit/department';

/**
 * Fire and rescue (消防救援支队): fire-safety key units (消防安全重点单位) and crowded places
 * (人员密集场所), the fire-safety assessment grade, and hazard rectification with deadlines.
 */
export const fireDepartment = defineDepartment({
  code: 'fire',
  name: 'Fire and Rescue Detachment',
  nameZh: '消防救援支队',
  description:
    'The fire-and-rescue view of an enterprise: whether it is a fire-safety key unit or a crowded place, its yearly fire-safety assessment grade, and the fire-hazard rectification orders issued to it.',
  rating: {
    field: 'safetyAssessment',
    typeName: 'SafetyAssessment',
    enumName: 'SafetyAssessmentGrade',
    labelZh: '消防安全评估等级',
    description:
      'A yearly fire-safety assessment of a unit (消防安全评估), from its fire-safety management, facilities and hazard record.',
    levels: {
      A: { description: 'A级: good (好).', labelZh: 'A级（好）', risk: 'A' },
      B: { description: 'B级: fairly good (较好).', labelZh: 'B级（较好）', risk: 'B' },
      C: { description: 'C级: ordinary (一般).', labelZh: 'C级（一般）', risk: 'C' },
      D: { description: 'D级: poor (差).', labelZh: 'D级（差）', risk: 'D' },
    },
  },
  followUps: {
    noun: 'RectificationOrder',
    plural: 'RectificationOrders',
    description:
      'Fire-hazard rectification orders (责令改正通知书) issued from checks, each with its deadline.',
    kinds: {
      FIRE_HAZARD: {
        description: 'A fire hazard to be corrected by the deadline (火灾隐患).',
        deadline: 'required',
      },
      MAJOR_FIRE_HAZARD: {
        description: 'A major fire hazard, supervised until rectified (重大火灾隐患, 挂牌督办).',
        deadline: 'required',
      },
    },
  },
  flags: {
    KEY_UNIT: { field: 'keyUnit', description: 'A fire-safety key unit (消防安全重点单位).' },
    CROWDED_PLACE: {
      field: 'crowdedPlace',
      description:
        'A crowded place (人员密集场所): checked at least once a year, at most twice, six months apart.',
    },
  },
});
