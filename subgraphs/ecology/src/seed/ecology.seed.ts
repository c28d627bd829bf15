import {
  addYears,
  demoFollowUp,
  type DepartmentSeedRules,
  type SeedLicence,
  type SeedSubject,
} from '@jih/kit/department';

/** Management category by industry: mining and power under key management, manufacturing mostly simplified. */
function permitOf(s: SeedSubject): SeedLicence {
  const kind =
    s.industry === 'B' || s.industry === 'D'
      ? 'KEY'
      : s.industry === 'C' || s.industry === 'N' || s.industry === 'Q'
        ? s.chance('category') < 0.7
          ? 'SIMPLIFIED'
          : 'KEY'
        : 'REGISTRATION';
  const issuedOn = s.day(2020 + Math.floor(s.chance('issued-year') * 5), 'issued');
  return {
    kind,
    number: `${s.uscc}001${kind === 'REGISTRATION' ? 'W' : 'P'}`,
    scope:
      kind === 'REGISTRATION'
        ? '废水、废气排放登记'
        : '废气：颗粒物、二氧化硫、氮氧化物；废水：化学需氧量、氨氮',
    issuedOn,
    validUntil: addYears(issuedOn, 5),
  };
}

/** Demo ecology records: one permit or registration per supervised enterprise, colour cards, red-card follow-ups. */
export const ecologySeed: DepartmentSeedRules = {
  licences: (s) => [permitOf(s)],
  followUps: (s) =>
    s.riskClass === 'D' && s.chance('rectification') < 0.4
      ? [
          demoFollowUp(s, {
            kind: 'RECTIFICATION',
            summary: '超过排放标准排放大气污染物',
            legalBasis: '《中华人民共和国大气污染防治法》第九十九条',
            deadlineDays: 30,
            outcome: '已完成治理设施改造，监测达标',
          }),
        ]
      : [],
};
