import { demoFollowUp, type DepartmentSeedRules } from '@jih/kit/department';

/** Demo emergency records: safety credit from the registry's demo class; hazard orders on elevated and high risk. */
export const emergencySeed: DepartmentSeedRules = {
  followUps: (s) => [
    ...((s.riskClass === 'C' || s.riskClass === 'D') && s.chance('hazard') < 0.4
      ? [
          demoFollowUp(s, {
            kind: 'GENERAL_HAZARD',
            summary: '安全出口堵塞；特种作业人员未持证上岗',
            legalBasis: '《中华人民共和国安全生产法》第一百零二条',
            deadlineDays: 30,
            outcome: '已整改，复查合格',
          }),
        ]
      : []),
    ...(s.riskClass === 'D' && s.chance('major') < 0.2
      ? [
          demoFollowUp(s, {
            kind: 'MAJOR_HAZARD',
            summary: '涉爆粉尘作业场所未按规定设置泄爆装置',
            legalBasis: '《安全生产事故隐患排查治理暂行规定》第二十条',
            deadlineDays: 90,
            outcome: '治理方案已实施，挂牌督办销号',
            closedShare: 0.3,
          }),
        ]
      : []),
  ],
};
