/**
 * Industry sections (门类) of GB/T 4754-2017 国民经济行业分类 that market entities belong to.
 * Sections S (public administration, social security and social organisations) and T
 * (international organisations) are left out: their members are not market entities and are
 * not drawn from the enterprise directory.
 */

export interface IndustryRef {
  /** Section letter. */
  code: string;
  /** Chinese name as in GB/T 4754-2017. */
  name: string;
  /** English name. */
  nameEn: string;
}

/** The sections, in GB/T 4754 order. */
export const INDUSTRIES: readonly IndustryRef[] = Object.freeze(
  (
    [
      ['A', '农、林、牧、渔业', 'Agriculture, forestry, animal husbandry and fishery'],
      ['B', '采矿业', 'Mining'],
      ['C', '制造业', 'Manufacturing'],
      [
        'D',
        '电力、热力、燃气及水生产和供应业',
        'Production and supply of electricity, heat, gas and water',
      ],
      ['E', '建筑业', 'Construction'],
      ['F', '批发和零售业', 'Wholesale and retail'],
      ['G', '交通运输、仓储和邮政业', 'Transport, storage and postal services'],
      ['H', '住宿和餐饮业', 'Accommodation and catering'],
      ['I', '信息传输、软件和信息技术服务业', 'Information transmission, software and IT services'],
      ['J', '金融业', 'Finance'],
      ['K', '房地产业', 'Real estate'],
      ['L', '租赁和商务服务业', 'Leasing and business services'],
      ['M', '科学研究和技术服务业', 'Scientific research and technical services'],
      [
        'N',
        '水利、环境和公共设施管理业',
        'Water conservancy, environment and public facilities management',
      ],
      ['O', '居民服务、修理和其他服务业', 'Resident services, repair and other services'],
      ['P', '教育', 'Education'],
      ['Q', '卫生和社会工作', 'Health and social work'],
      ['R', '文化、体育和娱乐业', 'Culture, sports and entertainment'],
    ] as const
  ).map(([code, name, nameEn]) => Object.freeze({ code, name, nameEn })),
);

/** Sections keyed by letter. */
export const industryByCode: ReadonlyMap<string, IndustryRef> = new Map(
  INDUSTRIES.map((i) => [i.code, i]),
);

/** The section letters, in order. */
export const INDUSTRY_CODES: readonly string[] = Object.freeze(INDUSTRIES.map((i) => i.code));
