import { defineDepartment } from '@jih/kit/department';

/**
 * Emergency management (应急管理局): the safety-production credit level (安全生产诚信等级) and
 * hazard rectification orders with deadlines (责令限期整改指令书).
 */
export const emergencyDepartment = defineDepartment({
  code: 'emergency',
  name: 'Emergency Management Bureau',
  nameZh: '应急管理局',
  description:
    'The emergency-management view of an enterprise: its yearly safety-production credit level (安全生产诚信等级) and the hazard rectification orders issued to it, each with a deadline.',
  rating: {
    field: 'safetyCredit',
    typeName: 'SafetyCredit',
    enumName: 'SafetyCreditLevel',
    labelZh: '安全生产诚信等级',
    description:
      'A yearly safety-production credit assessment of a production or business unit (安全生产诚信评价), from its accident, hazard and enforcement record.',
    levels: {
      A: { description: 'A级: trustworthy (安全生产诚信).', labelZh: 'A级（诚信）', risk: 'A' },
      B: {
        description: 'B级: basically trustworthy (基本诚信).',
        labelZh: 'B级（基本诚信）',
        risk: 'B',
      },
      C: {
        description: 'C级: untrustworthy (失信): violations or a general accident in the period.',
        labelZh: 'C级（失信）',
        risk: 'C',
      },
      D: {
        description:
          'D级: seriously untrustworthy (严重失信), subject to joint punishment (联合惩戒).',
        labelZh: 'D级（严重失信）',
        risk: 'D',
      },
    },
  },
  followUps: {
    noun: 'RectificationOrder',
    plural: 'RectificationOrders',
    description:
      'Hazard rectification orders (责令限期整改指令书) issued from checks, each with its deadline.',
    kinds: {
      GENERAL_HAZARD: {
        description: 'A general accident hazard (一般事故隐患), to be rectified by the deadline.',
        deadline: 'required',
      },
      MAJOR_HAZARD: {
        description:
          'A major accident hazard (重大事故隐患), supervised until rectified (挂牌督办).',
        deadline: 'required',
      },
    },
  },
});
