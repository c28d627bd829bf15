import {
  demoFollowUp,
  stableUuid,
  type DepartmentSeedRules,
  type SeedSubject,
} from '@jih/kit/department';

const SEEDED_BY = 'seed';

/** Demo listings, kept consistent with the registry's demo class (a listing never raises it). */
function listings(s: SeedSubject): unknown[][] {
  const rows: unknown[][] = [];
  // A revoked licence (吊销营业执照) lists a class-D enterprise as a serious violator.
  if (s.status === 'REVOKED' && s.riskClass === 'D') {
    rows.push([
      stableUuid(`market:listing:${s.uscc}:sv`),
      s.uscc,
      'SERIOUS_VIOLATION',
      '被吊销营业执照',
      `市监严列字〔2023〕${String(s.index % 1000).padStart(3, '0')}号`,
      s.day(2023, 'sv'),
      null,
      null,
      SEEDED_BY,
      null,
    ]);
  }
  if ((s.riskClass === 'C' || s.riskClass === 'D') && s.chance('abnormal') < 0.3) {
    const removed = s.chance('abnormal-removed') < 0.4;
    const reason =
      s.chance('abnormal-reason') < 0.6
        ? '未依照规定期限公示年度报告'
        : '通过登记的住所或者经营场所无法联系';
    rows.push([
      stableUuid(`market:listing:${s.uscc}:ab`),
      s.uscc,
      'ABNORMAL_OPERATION',
      reason,
      '',
      s.day(2024, 'abnormal'),
      removed ? s.day(2025, 'abnormal-removed') : null,
      removed ? '已补报年度报告并公示，申请移出经营异常名录' : null,
      SEEDED_BY,
      removed ? SEEDED_BY : null,
    ]);
  }
  return rows;
}

/** Demo market records: ratings from the registry's demo class, listings, and cases on high-risk enterprises. */
export const marketSeed: DepartmentSeedRules = {
  followUps: (s) =>
    s.riskClass === 'D' && s.chance('case') < 0.3
      ? [
          demoFollowUp(s, {
            kind: 'INVESTIGATION',
            summary: '抽查发现涉嫌销售不符合食品安全标准的食品',
            legalBasis: '《中华人民共和国食品安全法》第一百二十四条',
            deadlineDays: 90,
            outcome: '作出行政处罚决定：没收违法所得并处罚款',
          }),
        ]
      : [],
  tables: [
    {
      table: 'listing',
      columns: [
        'id',
        'uscc',
        'kind',
        'reason',
        'decision_no',
        'listed_on',
        'removed_on',
        'removal_reason',
        'listed_by',
        'removed_by',
      ],
      rows: listings,
    },
  ],
};
