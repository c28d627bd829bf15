import {
  demoFollowUp,
  type DepartmentSeedRules,
  type SeedFlag,
  type SeedSubject,
} from '@jih/kit/department';

/** Sections whose premises are crowded places: catering and hotels, culture and sport, health, education. */
const CROWDED_SECTIONS = new Set(['H', 'R', 'Q', 'P']);
/** Sections with plants and warehouses that are often key units. */
const PLANT_SECTIONS = new Set(['B', 'C', 'D', 'G']);

/** Crowded places by industry (and one shop in five); key units among them and among plants. */
function flagsOf(s: SeedSubject): SeedFlag[] {
  const crowded =
    CROWDED_SECTIONS.has(s.industry) || (s.industry === 'F' && s.chance('crowded') < 0.2);
  const key =
    (crowded && s.chance('key') < 0.4) || (PLANT_SECTIONS.has(s.industry) && s.chance('key') < 0.3);
  return [
    ...(key
      ? [
          {
            flag: 'KEY_UNIT',
            since: s.day(2021, 'key-since'),
            note: '经消防救援机构界定为消防安全重点单位',
          },
        ]
      : []),
    ...(crowded ? [{ flag: 'CROWDED_PLACE', since: s.day(2021, 'crowded-since') }] : []),
  ];
}

/** Demo fire records: designations by industry, assessment grades, hazard orders on elevated and high risk. */
export const fireSeed: DepartmentSeedRules = {
  flags: flagsOf,
  followUps: (s) =>
    (s.riskClass === 'C' || s.riskClass === 'D') && s.chance('hazard') < 0.35
      ? [
          demoFollowUp(s, {
            kind:
              s.riskClass === 'D' && s.chance('major') < 0.3 ? 'MAJOR_FIRE_HAZARD' : 'FIRE_HAZARD',
            summary: '疏散通道堵塞；消防设施未保持完好有效',
            legalBasis: '《中华人民共和国消防法》第六十条',
            deadlineDays: 20,
            outcome: '已整改，复查合格',
          }),
        ]
      : [],
};
