/**
 * The 24 member departments of the joint-inspection conference (联席会议), in the order of the
 * 2022 membership list in seeds/000_0c4390daf99577d4.txt (鄂尔多斯市: the original 17 members plus
 * the 7 added in 2022: fire, urban management, energy, medical insurance, finance, meteorology,
 * civil affairs, natural resources). Chinese names are those of the list without the "市" prefix,
 * so they read correctly for any level of government.
 *
 * Codes are single lower-case words so each can also serve as a GraphQL field name
 * (Enterprise.<code>); `market`, `tax`, `health`, `emergency`, `fire` and `ecology` are fixed by
 * the API.
 */

export interface DepartmentRef {
  /** Lower-case slug matching /^[a-z][a-z0-9]*$/. */
  code: string;
  /** English name. */
  name: string;
  /** Chinese name as in the seeds (without the 市 prefix). */
  nameZh: string;
  /** Position in the seed's membership list, 1-based. */
  sortOrder: number;
  /** The lead department (牵头单位) of the conference: market regulation. */
  lead: boolean;
}

const LIST: ReadonlyArray<Omit<DepartmentRef, 'sortOrder' | 'lead'>> = [
  { code: 'market', name: 'Administration for Market Regulation', nameZh: '市场监督管理局' },
  { code: 'development', name: 'Development and Reform Commission', nameZh: '发展和改革委员会' },
  { code: 'education', name: 'Bureau of Education and Sports', nameZh: '教育体育局' },
  { code: 'culture', name: 'Bureau of Culture and Tourism', nameZh: '文化和旅游局' },
  { code: 'statistics', name: 'Statistics Bureau', nameZh: '统计局' },
  { code: 'transport', name: 'Transport Bureau', nameZh: '交通运输局' },
  { code: 'emergency', name: 'Emergency Management Bureau', nameZh: '应急管理局' },
  { code: 'tax', name: 'Tax Bureau', nameZh: '税务局' },
  { code: 'health', name: 'Health Commission', nameZh: '卫生健康委员会' },
  { code: 'police', name: 'Public Security Bureau', nameZh: '公安局' },
  { code: 'ecology', name: 'Ecology and Environment Bureau', nameZh: '生态环境局' },
  {
    code: 'housing',
    name: 'Housing and Urban-Rural Development Bureau',
    nameZh: '住房和城乡建设局',
  },
  { code: 'commerce', name: 'Commerce Bureau', nameZh: '商务局' },
  {
    code: 'hrss',
    name: 'Human Resources and Social Security Bureau',
    nameZh: '人力资源和社会保障局',
  },
  // The 2021 list names 市农牧局; the 2022 list gives the same member as 市委农牧办 (副局长).
  { code: 'agriculture', name: 'Agriculture and Animal Husbandry Bureau', nameZh: '农牧局' },
  { code: 'customs', name: 'Customs', nameZh: '海关' },
  { code: 'fire', name: 'Fire and Rescue Detachment', nameZh: '消防救援支队' },
  {
    code: 'urban',
    name: 'Urban Management Comprehensive Law Enforcement Bureau',
    nameZh: '城市管理综合执法局',
  },
  { code: 'energy', name: 'Energy Bureau', nameZh: '能源局' },
  { code: 'medical', name: 'Medical Security Bureau', nameZh: '医疗保障局' },
  { code: 'finance', name: 'Financial Work Office', nameZh: '金融工作办公室' },
  { code: 'weather', name: 'Meteorological Bureau', nameZh: '气象局' },
  { code: 'civil', name: 'Civil Affairs Bureau', nameZh: '民政局' },
  { code: 'resources', name: 'Natural Resources Bureau', nameZh: '自然资源局' },
];

/** All 24 departments in seed order. */
export const DEPARTMENTS: readonly DepartmentRef[] = Object.freeze(
  LIST.map((d, i) => Object.freeze({ ...d, sortOrder: i + 1, lead: d.code === 'market' })),
);

/** The department codes in seed order. */
export const DEPARTMENT_CODES: readonly string[] = Object.freeze(DEPARTMENTS.map((d) => d.code));

/** Departments keyed by code. */
export const departmentByCode: ReadonlyMap<string, DepartmentRef> = new Map(
  DEPARTMENTS.map((d) => [d.code, d]),
);
