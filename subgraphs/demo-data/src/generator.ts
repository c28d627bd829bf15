/**
 * Deterministic generator of demo market entities, their supervision tags and inspectors.
 *
 * Every value is a pure function of (index, seed): the same inputs always give the same entity,
 * in any order and in any process, so a seeder can generate rows in parallel or resume half-way.
 * Each row gets its own small PRNG (mulberry32) keyed by a 32-bit hash of (seed, index, stream);
 * no crypto per row, so a million entities take well under ten seconds.
 *
 * USCC uniqueness does not rely on randomness: the organisation-code body is a bijection of the
 * index (see orgBodyFor), so distinct indices can never collide.
 */

import { buildUscc, USCC_ALPHABET } from '@jih/domain/uscc';
import { DEPARTMENTS, departmentByCode } from '@jih/domain/reference/departments';
import { expertiseOf } from '@jih/domain/reference/check-items';
import {
  DIVISIONS,
  divisionByCode,
  WUYUAN_DIVISION_CODE,
  type DivisionRef,
} from '@jih/domain/reference/divisions';
import type { RiskClassCode } from '@jih/domain/reference/policies';

// ------------------------------------------------------------------------------------ types

/** Legal form (企业类型) of a generated entity, as printed on the business licence. */
type EnterpriseType =
  | '有限责任公司'
  | '有限责任公司（自然人独资）'
  | '股份有限公司'
  | '个人独资企业'
  | '普通合伙企业'
  | '农民专业合作社'
  | '个体工商户';

/** Registration status; the values match the registry's RegistrationStatus enum. */
type GeneratedStatus = 'ACTIVE' | 'REVOKED' | 'CANCELLED';

export interface GeneratedEnterprise {
  /** Valid unified social credit code, unique per index. */
  uscc: string;
  name: string;
  address: string;
  /** Six-digit division code of the registering authority. */
  division: string;
  /** GB/T 4754 section letter. */
  industry: string;
  /** Legal form (企业类型). */
  type: EnterpriseType;
  status: GeneratedStatus;
  /** Status as the registry prints it: 存续 / 在业 (both ACTIVE), 吊销, 注销. */
  statusZh: '存续' | '在业' | '吊销' | '注销';
  /** Date of establishment, YYYY-MM-DD. */
  registeredOn: string;
}

export interface GeneratedTag {
  departmentCode: string;
  riskClass: RiskClassCode;
  /** Where the class comes from, as the department would record it. */
  basis: string;
}

export interface GeneratedInspector {
  departmentCode: string;
  name: string;
  sex: 'M' | 'F';
  /** Law-enforcement certificate number: division (6) + department (2) + serial (5). */
  certificateNo: string;
  post: string;
  expertise: string[];
}

// ------------------------------------------------------------------------------------ PRNG

let cachedSeed: string | undefined;
let cachedSeedHash = 0;

/** FNV-1a of the seed string; cached because a seeder passes the same seed a million times. */
function seedHash(seed: string): number {
  if (seed === cachedSeed) return cachedSeedHash;
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    h ^= seed.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  cachedSeed = seed;
  cachedSeedHash = h >>> 0;
  return cachedSeedHash;
}

/** MurmurHash3's finaliser: spreads every input bit over the output. */
function fmix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

// Separate streams so that, e.g., adding a draw to the enterprise stream never changes tags.
const STREAM_ENTERPRISE = 1;
const STREAM_TAGS = 2;
const STREAM_INSPECTOR = 3;

/** mulberry32: tiny, fast, good enough for demo data (not for the audited draws). */
class Rng {
  private state: number;

  constructor(seed: string, index: number, stream: number) {
    this.state = fmix32(seedHash(seed) ^ fmix32((index >>> 0) + Math.imul(stream, 0x9e3779b9)));
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)];
  }
}

/** Cumulative weights for picking from a list in O(n) without allocation. */
interface Weighted<T> {
  items: readonly T[];
  cumulative: Float64Array;
}

function weighted<T>(pairs: ReadonlyArray<readonly [T, number]>): Weighted<T> {
  const total = pairs.reduce((s, [, w]) => s + w, 0);
  const cumulative = new Float64Array(pairs.length);
  let acc = 0;
  pairs.forEach(([, w], i) => {
    acc += w / total;
    cumulative[i] = acc;
  });
  cumulative[pairs.length - 1] = 1;
  return { items: pairs.map(([t]) => t), cumulative };
}

function pickWeighted<T>(rng: Rng, w: Weighted<T>): T {
  const r = rng.next();
  const c = w.cumulative;
  for (let i = 0; i < c.length; i++) if (r < c[i]) return w.items[i];
  return w.items[w.items.length - 1];
}

// ------------------------------------------------------------------------------------ USCC body

/** 31^6: how many distinct six-character tails follow "MA". */
const MA_SPACE = 887_503_681;
/** 10^8: how many eight-digit legacy organisation codes there are. */
const LEGACY_SPACE = 100_000_000;
// Multipliers coprime with their modulus make i -> (i*m + c) mod N a bijection, so sequential
// indices give scattered yet collision-free codes. They are small enough that i*m stays below
// 2^53 for every admissible index.
const MA_MULTIPLIER = 5_764_801; // 7^8, not divisible by 31
const LEGACY_MULTIPLIER = 7_654_321; // odd and not a multiple of 5

/** The highest index the generator accepts (exclusive). */
export const MAX_ENTERPRISE_INDEX = MA_SPACE;

/**
 * Eight-character organisation-code body for an index.
 *
 * Entities registered since GB 32100 took effect (2015-10-01), and all individual businesses and
 * cooperatives, get a body starting with "MA", as newly assigned subject codes do (compare the
 * published 92510100MA61WJ3204). Companies registered earlier keep their old all-digit GB 11714
 * code (compare Huawei's 914403001922038216). The two sets are disjoint (letters vs none) and each
 * mapping is a bijection of the index, hence every index gets a distinct body.
 */
function orgBodyFor(index: number, seedH: number, legacy: boolean): string {
  if (legacy && index < LEGACY_SPACE) {
    const v = (index * LEGACY_MULTIPLIER + (seedH % LEGACY_SPACE)) % LEGACY_SPACE;
    return String(v).padStart(8, '0');
  }
  let v = (index * MA_MULTIPLIER + (seedH % MA_SPACE)) % MA_SPACE;
  let tail = '';
  for (let i = 0; i < 6; i++) {
    tail = USCC_ALPHABET[v % 31] + tail;
    v = Math.floor(v / 31);
  }
  return 'MA' + tail;
}

// ------------------------------------------------------------------------------------ name parts

// Characters common in Chinese trade names (字号): auspicious, neutral, easy to combine.
const TRADE_CHARS = [
  '恒',
  '信',
  '鑫',
  '源',
  '丰',
  '泰',
  '盛',
  '达',
  '隆',
  '兴',
  '宏',
  '远',
  '瑞',
  '祥',
  '华',
  '润',
  '金',
  '德',
  '和',
  '顺',
  '富',
  '昌',
  '佳',
  '康',
  '安',
  '诚',
  '益',
  '通',
  '博',
  '正',
  '新',
  '天',
  '海',
  '禾',
  '嘉',
  '荣',
  '利',
  '明',
  '晟',
  '宇',
  '辰',
  '峰',
  '乾',
  '坤',
  '越',
  '腾',
  '亿',
  '众',
];
// Two-character names with a regional flavour (河套平原, 阴山, 黄河, 乌拉山 ...).
const REGIONAL_TRADE_NAMES = [
  '河套',
  '塞上',
  '黄河',
  '阴山',
  '乌拉',
  '套海',
  '北疆',
  '草原',
  '朔方',
  '金川',
  '绿洲',
  '天山',
];
const PROVINCE_SHORT: Readonly<Record<string, string>> = {
  内蒙古自治区: '内蒙古',
  山西省: '山西',
  新疆维吾尔自治区: '新疆',
};

// Common Chinese surnames, most frequent first (pick is skewed towards the head of the list).
const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '赵',
  '黄',
  '周',
  '吴',
  '徐',
  '孙',
  '胡',
  '朱',
  '高',
  '林',
  '何',
  '郭',
  '马',
  '罗',
  '梁',
  '宋',
  '郑',
  '谢',
  '韩',
  '唐',
  '冯',
  '于',
  '董',
  '萧',
  '程',
  '曹',
  '袁',
  '邓',
  '许',
  '傅',
  '沈',
  '曾',
  '彭',
  '吕',
  '苏',
  '卢',
  '蒋',
  '蔡',
  '贾',
  '丁',
  '魏',
  '薛',
  '叶',
  '阎',
  '余',
  '潘',
  '杜',
  '戴',
  '夏',
  '钟',
  '汪',
  '田',
  '任',
  '姜',
  '范',
  '方',
  '石',
  '姚',
  '谭',
  '廖',
  '邹',
  '熊',
  '金',
  '陆',
  '郝',
  '孔',
  '白',
  '崔',
  '康',
  '毛',
  '邱',
  '秦',
  '江',
  '史',
  '顾',
  '侯',
  '邵',
  '孟',
  '龙',
  '万',
  '段',
  '乔',
  '贺',
  '武',
  '常',
  '席',
  '樊',
  '牛',
  '闫',
  '霍',
  '温',
  '燕',
  '刁',
  '葛',
];
/** The thirty most common surnames, for shop names such as 张记面馆. */
const COMMON_SURNAMES = SURNAMES.slice(0, 30);

interface IndustryWords {
  /** Business description inside a company name, e.g. 农牧业 in 五原县恒信农牧业有限公司. */
  company: readonly string[];
  /** Shop-style descriptions for individual businesses and sole proprietorships; empty = none. */
  shop: readonly string[];
  /** Cooperative descriptions (section A only). */
  coop?: readonly string[];
}

const WORDS: Readonly<Record<string, IndustryWords>> = {
  A: {
    company: ['农牧业', '农业科技', '生态农业', '牧业', '种养殖', '农业开发'],
    shop: ['家庭农场', '养殖场'],
    coop: [
      '葵花种植',
      '小麦种植',
      '番茄种植',
      '蔬菜种植',
      '肉羊养殖',
      '奶牛养殖',
      '农机',
      '枸杞种植',
      '玉米种植',
    ],
  },
  B: { company: ['矿业', '煤业', '砂石料', '矿产品开发'], shop: [] },
  C: {
    company: [
      '食品',
      '面粉',
      '炒货食品',
      '乳业',
      '番茄制品',
      '机械制造',
      '新型建材',
      '饲料',
      '农产品加工',
      '包装材料',
      '木业',
    ],
    shop: ['面粉厂', '彩钢加工部', '豆制品加工坊', '木材加工厂'],
  },
  D: { company: ['热力', '新能源', '供水', '燃气', '光伏发电'], shop: [] },
  E: { company: ['建筑工程', '建筑安装工程', '路桥工程', '水利工程', '装饰工程'], shop: [] },
  F: {
    company: [
      '商贸',
      '农资',
      '粮油贸易',
      '农产品贸易',
      '汽车销售',
      '医药连锁',
      '二手车交易市场',
      '百货',
    ],
    shop: [
      '农资门市部',
      '百货超市',
      '粮油店',
      '便利店',
      '五金建材部',
      '大药房',
      '化肥经销部',
      '手机店',
      '兽药店',
    ],
  },
  G: { company: ['物流', '运输', '仓储', '货运'], shop: ['货运部'] },
  H: {
    company: ['餐饮管理', '酒店管理', '宾馆'],
    shop: ['饭店', '面馆', '烧烤店', '宾馆', '羊肉馆', '火锅店', '快餐店'],
  },
  I: { company: ['网络科技', '信息技术', '软件开发'], shop: [] },
  J: { company: ['融资担保', '典当'], shop: [] },
  K: { company: ['房地产开发', '物业服务', '置业'], shop: [] },
  L: {
    company: ['商务咨询', '劳务服务', '广告', '旅行社', '人力资源服务'],
    shop: ['广告部', '打字复印部'],
  },
  M: { company: ['工程技术', '检测', '消防技术服务', '防雷检测', '勘察设计'], shop: [] },
  N: { company: ['环保科技', '园林绿化', '环境卫生服务'], shop: [] },
  O: {
    company: ['家政服务', '汽车维修', '洗浴服务'],
    shop: ['理发店', '汽车修理部', '洗衣店', '家电维修部', '洗浴中心', '刻章店'],
  },
  P: { company: ['教育科技', '文化培训'], shop: [] },
  Q: { company: ['医院', '口腔门诊部', '健康管理'], shop: [] },
  R: {
    company: ['文化传媒', '体育健身', '娱乐', '文化旅游'],
    shop: ['网吧', 'KTV', '台球厅', '书店'],
  },
};

// A county economy on the Hetao plain: farming, trade and catering dominate.
const INDUSTRY_WEIGHTS = weighted<string>([
  ['A', 14],
  ['B', 2],
  ['C', 10],
  ['D', 2],
  ['E', 8],
  ['F', 28],
  ['G', 5],
  ['H', 12],
  ['I', 2],
  ['J', 0.5],
  ['K', 3],
  ['L', 5],
  ['M', 2],
  ['N', 1],
  ['O', 8],
  ['P', 2],
  ['Q', 2],
  ['R', 3],
]);

const TYPES_AGRICULTURE = weighted<EnterpriseType>([
  ['农民专业合作社', 40],
  ['有限责任公司', 30],
  ['有限责任公司（自然人独资）', 5],
  ['个体工商户', 15],
  ['个人独资企业', 10],
]);
const TYPES_WITH_SHOPS = weighted<EnterpriseType>([
  ['有限责任公司', 45],
  ['有限责任公司（自然人独资）', 10],
  ['个体工商户', 33],
  ['个人独资企业', 7],
  ['普通合伙企业', 3],
  ['股份有限公司', 2],
]);
const TYPES_COMPANIES = weighted<EnterpriseType>([
  ['有限责任公司', 70],
  ['有限责任公司（自然人独资）', 15],
  ['股份有限公司', 8],
  ['普通合伙企业', 7],
]);

const STATUS = weighted<GeneratedEnterprise['statusZh']>([
  ['存续', 70],
  ['在业', 18],
  ['吊销', 5],
  ['注销', 7],
]);
const STATUS_CODE: Readonly<Record<GeneratedEnterprise['statusZh'], GeneratedStatus>> = {
  存续: 'ACTIVE',
  在业: 'ACTIVE',
  吊销: 'REVOKED',
  注销: 'CANCELLED',
};

// Street names found in nearly every county seat in northern China.
const STREETS = [
  '建设路',
  '解放路',
  '人民路',
  '团结路',
  '新华街',
  '利民街',
  '迎宾大道',
  '胜利路',
  '民族街',
  '光明路',
  '育才路',
  '友谊路',
  '健康街',
  '幸福路',
  '富强路',
  '兴华街',
  '振兴路',
  '文化路',
];
const VILLAGES = [
  '新丰',
  '永联',
  '联丰',
  '红旗',
  '和平',
  '建设',
  '胜利',
  '光明',
  '团结',
  '民主',
  '永丰',
  '丰收',
];

/** Division picked with Wuyuan over-weighted, since most seed rules are Wuyuan's. */
const WUYUAN = divisionByCode.get(WUYUAN_DIVISION_CODE) as DivisionRef;
const OTHER_DIVISIONS = DIVISIONS.filter((d) => d.code !== WUYUAN_DIVISION_CODE);
const WUYUAN_SHARE = 0.3;

function namePrefix(rng: Rng, d: DivisionRef): string {
  // Companies registered in a city district trade under the city's name (鄂尔多斯市…), those in a
  // county or banner under its own (五原县…, 乌拉特前旗…); some use the province (内蒙古…).
  if (rng.next() < 0.12) return PROVINCE_SHORT[d.province] ?? d.prefecture;
  return d.kind === 'district' ? d.prefecture : d.name;
}

function tradeName(rng: Rng): string {
  if (rng.next() < 0.12) return rng.pick(REGIONAL_TRADE_NAMES);
  const a = rng.int(TRADE_CHARS.length);
  let b = rng.int(TRADE_CHARS.length - 1);
  if (b >= a) b += 1; // never the same character twice (恒恒)
  return TRADE_CHARS[a] + TRADE_CHARS[b];
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function registrationDate(rng: Rng, type: EnterpriseType): string {
  // Skewed towards recent years, as the stock of market entities is.
  let year = 2024 - Math.floor(rng.next() * rng.next() * 27);
  // The Farmers' Specialised Cooperatives Law took effect on 2007-07-01.
  if (type === '农民专业合作社' && year < 2008) year = 2008 + (year % 10);
  const month = 1 + rng.int(12);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const dim = month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
  const day = 1 + rng.int(dim);
  return `${year}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

function address(rng: Rng, d: DivisionRef, industry: string): string {
  const head = d.province + d.prefecture + d.name;
  if (d.towns.length > 0) {
    // Farms sit in the villages of the outer towns; everything else in the county seat, which
    // for Wuyuan is 隆兴昌镇 (the first town listed).
    if (industry === 'A') {
      const town = d.towns[1 + rng.int(d.towns.length - 1)];
      return `${head}${town}${rng.pick(VILLAGES)}村${1 + rng.int(9)}组`;
    }
    if ((industry === 'C' || industry === 'B' || industry === 'D') && rng.next() < 0.5) {
      return `${head}工业园区${rng.pick(STREETS)}${1 + rng.int(60)}号`;
    }
    return `${head}${d.towns[0]}${rng.pick(STREETS)}${1 + rng.int(399)}号`;
  }
  if ((industry === 'C' || industry === 'B' || industry === 'D') && rng.next() < 0.5) {
    return `${head}工业园区${rng.pick(STREETS)}${1 + rng.int(60)}号`;
  }
  return `${head}${rng.pick(STREETS)}${1 + rng.int(399)}号`;
}

function assertIndex(index: number): void {
  if (!Number.isInteger(index) || index < 0 || index >= MAX_ENTERPRISE_INDEX) {
    throw new RangeError(`index must be an integer in [0, ${MAX_ENTERPRISE_INDEX}), got ${index}`);
  }
}

/** The draws tags depend on, shared with generateTags so both agree on industry and status. */
interface Core {
  rng: Rng;
  division: DivisionRef;
  industry: string;
  type: EnterpriseType;
  statusZh: GeneratedEnterprise['statusZh'];
}

function core(index: number, seed: string): Core {
  const rng = new Rng(seed, index, STREAM_ENTERPRISE);
  const division = rng.next() < WUYUAN_SHARE ? WUYUAN : rng.pick(OTHER_DIVISIONS);
  const industry = pickWeighted(rng, INDUSTRY_WEIGHTS);
  const words = WORDS[industry];
  const type = pickWeighted(
    rng,
    industry === 'A'
      ? TYPES_AGRICULTURE
      : words.shop.length > 0
        ? TYPES_WITH_SHOPS
        : TYPES_COMPANIES,
  );
  const statusZh = pickWeighted(rng, STATUS);
  return { rng, division, industry, type, statusZh };
}

const ORG_TYPE: Readonly<Record<EnterpriseType, string>> = {
  有限责任公司: '1',
  '有限责任公司（自然人独资）': '1',
  股份有限公司: '1',
  个人独资企业: '1',
  普通合伙企业: '1',
  个体工商户: '2',
  农民专业合作社: '3',
};

/**
 * A plausible, valid demo market entity for `index` under `seed`, e.g.
 * 五原县恒信农牧业有限公司 at 内蒙古自治区巴彦淖尔市五原县隆兴昌镇解放路128号.
 * Deterministic; distinct indices always give distinct USCCs.
 * @throws RangeError for an index outside [0, MAX_ENTERPRISE_INDEX).
 */
export function generateEnterprise(index: number, seed: string): GeneratedEnterprise {
  assertIndex(index);
  const { rng, division, industry, type, statusZh } = core(index, seed);
  const words = WORDS[industry];
  const registeredOn = registrationDate(rng, type);

  const prefix = namePrefix(rng, division);
  const trade = tradeName(rng);
  let name: string;
  switch (type) {
    case '农民专业合作社':
      name = `${prefix}${trade}${rng.pick(words.coop ?? words.company)}专业合作社`;
      break;
    case '个体工商户':
      // About one in six small shops trade under the owner's surname (张记, 李记).
      name = `${prefix}${rng.next() < 0.16 ? rng.pick(COMMON_SURNAMES) + '记' : trade}${rng.pick(words.shop)}`;
      break;
    case '个人独资企业':
      name = `${prefix}${trade}${words.shop.length > 0 && rng.next() < 0.6 ? rng.pick(words.shop) : rng.pick(words.company) + '中心'}`;
      break;
    case '普通合伙企业':
      name = `${prefix}${trade}${rng.pick(words.company)}中心（普通合伙）`;
      break;
    case '股份有限公司':
      name = `${prefix}${trade}${rng.pick(words.company)}股份有限公司`;
      break;
    default:
      name = `${prefix}${trade}${rng.pick(words.company)}${rng.next() < 0.8 ? '有限公司' : '有限责任公司'}`;
  }

  const isCompanyLike = type !== '个体工商户' && type !== '农民专业合作社';
  const legacy = isCompanyLike && registeredOn < '2015-10-01';
  const uscc = buildUscc({
    authority: '9', // market regulation (工商) registers all of these
    orgType: ORG_TYPE[type],
    division: division.code,
    orgBody: orgBodyFor(index, seedHash(seed), legacy),
  });

  return {
    uscc,
    name,
    address: address(rng, division, industry),
    division: division.code,
    industry,
    type,
    status: STATUS_CODE[statusZh],
    statusZh,
    registeredOn,
  };
}

// ------------------------------------------------------------------------------------ tags

// Which departments plausibly supervise an entity of each section, with a probability. Market
// regulation supervises every entity and is added unconditionally.
const SUPERVISION: Readonly<Record<string, ReadonlyArray<readonly [string, number]>>> = {
  A: [
    ['tax', 0.9],
    ['agriculture', 0.9],
    ['ecology', 0.15],
    ['resources', 0.1],
    ['hrss', 0.2],
    ['customs', 0.03],
  ],
  B: [
    ['tax', 1],
    ['emergency', 0.95],
    ['ecology', 0.9],
    ['energy', 0.6],
    ['resources', 0.9],
    ['fire', 0.5],
    ['hrss', 0.6],
    ['statistics', 0.3],
    ['development', 0.2],
  ],
  C: [
    ['tax', 1],
    ['emergency', 0.7],
    ['ecology', 0.6],
    ['fire', 0.6],
    ['hrss', 0.5],
    ['statistics', 0.25],
    ['customs', 0.08],
    ['police', 0.05],
    ['agriculture', 0.1],
    ['resources', 0.05],
    ['development', 0.1],
  ],
  D: [
    ['tax', 1],
    ['energy', 0.8],
    ['emergency', 0.6],
    ['ecology', 0.5],
    ['fire', 0.5],
    ['housing', 0.3],
    ['development', 0.3],
    ['statistics', 0.3],
    ['hrss', 0.5],
  ],
  E: [
    ['tax', 1],
    ['housing', 0.95],
    ['hrss', 0.8],
    ['emergency', 0.3],
    ['development', 0.3],
    ['ecology', 0.2],
    ['statistics', 0.2],
    ['resources', 0.1],
    ['weather', 0.05],
  ],
  F: [
    ['tax', 0.95],
    ['fire', 0.3],
    ['commerce', 0.25],
    ['emergency', 0.1],
    ['agriculture', 0.15],
    ['medical', 0.05],
    ['statistics', 0.08],
    ['urban', 0.25],
    ['hrss', 0.2],
    ['customs', 0.05],
    ['police', 0.03],
  ],
  G: [
    ['tax', 1],
    ['transport', 0.95],
    ['emergency', 0.4],
    ['fire', 0.3],
    ['hrss', 0.3],
    ['statistics', 0.1],
  ],
  H: [
    ['tax', 0.95],
    ['health', 0.5],
    ['fire', 0.6],
    ['police', 0.35],
    ['urban', 0.4],
    ['ecology', 0.1],
    ['commerce', 0.1],
    ['hrss', 0.2],
    ['statistics', 0.05],
    ['culture', 0.03],
  ],
  I: [
    ['tax', 1],
    ['culture', 0.15],
    ['hrss', 0.3],
    ['statistics', 0.1],
  ],
  J: [
    ['tax', 1],
    ['finance', 0.95],
    ['hrss', 0.5],
  ],
  K: [
    ['tax', 1],
    ['housing', 0.9],
    ['resources', 0.4],
    ['fire', 0.4],
    ['statistics', 0.3],
    ['hrss', 0.4],
  ],
  L: [
    ['tax', 1],
    ['hrss', 0.4],
    ['culture', 0.1],
    ['urban', 0.1],
    ['weather', 0.03],
    ['statistics', 0.1],
    ['police', 0.02],
  ],
  M: [
    ['tax', 1],
    ['fire', 0.15],
    ['weather', 0.1],
    ['ecology', 0.1],
    ['hrss', 0.3],
  ],
  N: [
    ['tax', 1],
    ['ecology', 0.8],
    ['hrss', 0.3],
  ],
  O: [
    ['tax', 0.9],
    ['health', 0.35],
    ['transport', 0.3],
    ['ecology', 0.2],
    ['urban', 0.3],
    ['commerce', 0.1],
    ['police', 0.05],
    ['fire', 0.2],
  ],
  P: [
    ['tax', 1],
    ['education', 0.95],
    ['fire', 0.5],
    ['hrss', 0.3],
  ],
  Q: [
    ['tax', 1],
    ['health', 0.95],
    ['medical', 0.6],
    ['ecology', 0.5],
    ['fire', 0.5],
    ['hrss', 0.4],
  ],
  R: [
    ['tax', 1],
    ['culture', 0.9],
    ['fire', 0.6],
    ['health', 0.3],
    ['police', 0.1],
    ['weather', 0.02],
  ],
};

const DEPARTMENT_ORDER = new Map(DEPARTMENTS.map((d, i) => [d.code, i]));
const RISK: readonly RiskClassCode[] = ['A', 'B', 'C', 'D'];
const RISK_ZH: Readonly<Record<RiskClassCode, string>> = {
  A: '低风险',
  B: '一般风险',
  C: '较高风险',
  D: '高风险',
};

function basisFor(departmentCode: string, risk: RiskClassCode, rng: Rng): string {
  switch (departmentCode) {
    case 'tax': {
      // Tax credit ratings are A, B, M, C, D; M is given to new or small taxpayers of ordinary risk.
      const grade = risk === 'B' && rng.next() < 0.3 ? 'M' : risk;
      return `2024年度纳税信用${grade}级`;
    }
    case 'market':
      return `企业信用风险分类：${RISK_ZH[risk]}（${risk}类）`;
    case 'hrss':
      // The seed's labour-security credit grades are A, B, C only (C the worst).
      return `2024年度劳动保障信用等级${risk === 'D' ? 'C' : risk}级`;
    default: {
      const dept = departmentByCode.get(departmentCode);
      return `${dept ? dept.nameZh : departmentCode}信用风险分类：${RISK_ZH[risk]}`;
    }
  }
}

/**
 * The departments that supervise entity `index` (分类标注) and each one's credit-risk class.
 * Market regulation tags every entity; the others follow the entity's industry. A deregistered
 * (注销) entity keeps only its market-regulation record. Ordered by department.
 */
export function generateTags(index: number, seed: string): GeneratedTag[] {
  assertIndex(index);
  const { industry, statusZh } = core(index, seed);
  const rng = new Rng(seed, index, STREAM_TAGS);

  // One underlying risk per entity, nudged per department: departments see the same entity
  // through different records, but a bad actor tends to look bad to all of them.
  const r = rng.next();
  let base = r < 0.3 ? 0 : r < 0.8 ? 1 : r < 0.95 ? 2 : 3;
  if (statusZh === '吊销') base = 3; // licence revoked: serious violation
  const classFor = (): RiskClassCode => {
    const s = rng.next();
    const shifted = s < 0.1 ? base - 1 : s < 0.2 ? base + 1 : base;
    return RISK[Math.min(3, Math.max(0, shifted))];
  };

  const tags: GeneratedTag[] = [];
  const add = (departmentCode: string): void => {
    const risk = classFor();
    tags.push({ departmentCode, riskClass: risk, basis: basisFor(departmentCode, risk, rng) });
  };
  add('market');
  if (statusZh === '注销') return tags;
  for (const [dept, p] of SUPERVISION[industry]) if (rng.next() < p) add(dept);
  tags.sort(
    (a, b) =>
      (DEPARTMENT_ORDER.get(a.departmentCode) ?? 0) - (DEPARTMENT_ORDER.get(b.departmentCode) ?? 0),
  );
  return tags;
}

// ------------------------------------------------------------------------------------ inspectors

const GIVEN_FIRST = [
  '建',
  '志',
  '海',
  '永',
  '晓',
  '春',
  '国',
  '立',
  '文',
  '俊',
  '子',
  '思',
  '佳',
  '雅',
  '振',
  '学',
  '宏',
  '玉',
  '秀',
  '丽',
];
const GIVEN_MALE = [
  '伟',
  '强',
  '军',
  '磊',
  '勇',
  '杰',
  '涛',
  '斌',
  '超',
  '明',
  '刚',
  '平',
  '辉',
  '鹏',
  '华',
  '飞',
  '鑫',
  '波',
  '宇',
  '浩',
  '凯',
  '健',
  '峰',
  '亮',
  '东',
  '龙',
  '林',
  '新',
  '晨',
  '彬',
];
const GIVEN_FEMALE = [
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '艳',
  '娟',
  '霞',
  '燕',
  '玲',
  '丹',
  '萍',
  '红',
  '雪',
  '琳',
  '洁',
  '梅',
  '莉',
  '婷',
  '慧',
  '颖',
  '璐',
  '欣',
  '悦',
  '蕾',
  '晶',
  '倩',
  '雅',
  '荣',
  '英',
];
// Mongolian given names, commonly used alone, for inspectors in Inner Mongolia.
const MONGOLIAN_MALE = [
  '巴特尔',
  '额尔敦',
  '那仁',
  '宝音',
  '阿拉坦',
  '孟和',
  '朝鲁',
  '苏和',
  '巴图',
  '毕力格',
];
const MONGOLIAN_FEMALE = [
  '其木格',
  '乌日娜',
  '斯琴',
  '萨仁',
  '娜仁',
  '高娃',
  '塔娜',
  '乌兰',
  '图雅',
  '琪琪格',
];

const UNIFORMED = new Set(['fire', 'police', 'customs']);
const GENERIC_POSTS = [
  '综合行政执法大队队员',
  '执法股科员',
  '法规股科员',
  '四级主任科员',
  '股长',
  '副局长',
];
const POSTS: Readonly<Record<string, readonly string[]>> = {
  market: [
    '市场监督管理所所长',
    '市场监督管理所副所长',
    '综合执法大队队员',
    '执法稽查股科员',
    '食品安全监管股股长',
    '特种设备安全监察员',
    '信用监管室科员',
  ],
  tax: ['税务稽查员', '第一税务分局科员', '税源管理股副股长', '纳税服务股科员', '税政股股长'],
  health: ['卫生监督员', '卫生健康综合行政执法大队队员', '医政医管股股长', '政策法规股科员'],
  emergency: ['应急管理综合行政执法大队队员', '安全生产执法监察员', '危险化学品监管股股长'],
  fire: ['防火监督员', '消防监督检查员', '大队参谋', '防火监督科科长'],
  ecology: ['生态环境保护综合行政执法大队队员', '环境监察员', '污染防治股股长'],
  development: ['能源股科员', '投资股股长', '价格股科员'],
  education: ['安全法规办科员', '学前教育股股长', '教育服务中心干部'],
  culture: ['文化市场综合行政执法大队队员', '旅游市场监管股科员'],
  statistics: ['法制股股长', '工业股股长', '统计执法检查员', '商贸股股长'],
  transport: ['交通运输综合行政执法大队队员', '路政执法员', '运政执法员'],
  police: ['治安大队民警', '禁毒大队民警', '环食药大队民警'],
  housing: ['建筑市场监管股科员', '质量安全监督站监督员'],
  commerce: ['商贸流通股股长', '市场运行股科员'],
  hrss: ['劳动保障监察大队队员', '劳动保障监察员'],
  agriculture: ['农牧业综合行政执法大队队员', '农产品质量安全监管股科员', '动物卫生监督员'],
  customs: ['稽查科关员', '综合业务科关员'],
  urban: ['城市管理综合行政执法大队队员', '执法中队中队长'],
  energy: ['煤炭管理股科员', '电力股股长'],
  medical: ['基金监管股股长', '基金监管股副股长', '基金监管股科员'],
  finance: ['地方金融监管股科员', '金融工作办公室副主任'],
  weather: ['防雷安全监管员', '法规科科员'],
  civil: ['社会组织管理股股长', '社会组织管理股科员'],
  resources: ['自然资源执法监察大队队员', '国土空间用途管制股科员', '林业执法员'],
};

/**
 * How many demo inspectors a department gets: at least ten (the brief's floor; the seeds require
 * two per visit), and at least two per expertise tag so that every tag can staff a visit.
 */
export function demoInspectorCount(departmentCode: string): number {
  return Math.max(12, 2 * expertiseOf(departmentCode).length);
}

/**
 * Demo inspector number `i` (0-based) of a department: Chinese name (Mongolian names appear in
 * Inner Mongolia), sex, certificate number, post and expertise tags drawn from the department's
 * check items. Inspector i's first tag is the department's tag number (i mod tags), so the first
 * 2 x tags inspectors cover every tag twice.
 * @throws RangeError for an unknown department or an i outside [0, 99999).
 */
export function generateInspector(
  departmentCode: string,
  i: number,
  seed: string,
  division: string = WUYUAN_DIVISION_CODE,
): GeneratedInspector {
  const dept = departmentByCode.get(departmentCode);
  if (!dept) throw new RangeError(`unknown department '${departmentCode}'`);
  if (!Number.isInteger(i) || i < 0 || i >= 99_999)
    throw new RangeError(`inspector index must be in [0, 99999), got ${i}`);
  if (!/^[0-9]{6}$/.test(division))
    throw new RangeError(`division must be six digits, got '${division}'`);

  // One stream per (department, i): fold the department's position into the index.
  const rng = new Rng(seed, dept.sortOrder * 100_000 + i, STREAM_INSPECTOR);
  const sex: 'M' | 'F' = rng.next() < 0.62 ? 'M' : 'F';
  let name: string;
  if (division.startsWith('15') && rng.next() < 0.1) {
    name = rng.pick(sex === 'M' ? MONGOLIAN_MALE : MONGOLIAN_FEMALE);
  } else {
    const surname = SURNAMES[Math.floor(rng.next() ** 1.6 * SURNAMES.length)];
    const last = rng.pick(sex === 'M' ? GIVEN_MALE : GIVEN_FEMALE);
    name = rng.next() < 0.55 ? surname + rng.pick(GIVEN_FIRST) + last : surname + last;
  }

  // Uniformed services (fire rescue, police, customs) have their own ranks, so they never get the
  // civil-service posts of a county bureau.
  const posts = POSTS[departmentCode] ?? GENERIC_POSTS;
  const post =
    UNIFORMED.has(departmentCode) || rng.next() < 0.75 ? rng.pick(posts) : rng.pick(GENERIC_POSTS);

  const tags = expertiseOf(departmentCode);
  const expertise = tags.length > 0 ? [tags[i % tags.length]] : [];
  if (tags.length > 1 && rng.next() < 0.35) {
    const extra = tags[rng.int(tags.length)];
    if (extra !== expertise[0]) expertise.push(extra);
  }

  const certificateNo = `${division}${String(dept.sortOrder).padStart(2, '0')}${String(i + 1).padStart(5, '0')}`;
  return { departmentCode, name, sex, certificateNo, post, expertise };
}
