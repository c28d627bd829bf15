/**
 * County-level administrative divisions (GB/T 2260 codes) for the regions the seed documents come
 * from:
 *   - 巴彦淖尔市 (Bayannur, 1508), whose Wuyuan County (五原县, 150821) issued the 2024 department
 *     rules in seeds/004_6d88989946353341.txt;
 *   - 鄂尔多斯市 (Ordos, 1506), seeds/000 and 001 (Dongsheng District, 150602);
 *   - 吕梁市 (Lüliang, 1411), seeds/002 (Lishi District, 141102);
 *   - 昌吉回族自治州 (Changji, 6523), seeds/003 (Changji City, 652301);
 * plus the other Inner Mongolian prefectures nearest to them (Hohhot, Baotou, Wuhai).
 *
 * The codes are the county-level codes in force; the six digits are also positions 3-8 of the
 * USCC of an entity registered by that county's authority.
 */

interface PrefectureRef {
  code: string; // four digits
  name: string;
  nameEn: string;
  province: string;
  provinceEn: string;
}

type DivisionKind = 'district' | 'county' | 'banner' | 'city' | 'autonomous-county';

export interface DivisionRef {
  /** Six-digit GB/T 2260 code. */
  code: string;
  /** Short Chinese name, e.g. 五原县. */
  name: string;
  /** English name, e.g. Wuyuan County. */
  nameEn: string;
  /** Full Chinese name with province and prefecture, e.g. 内蒙古自治区巴彦淖尔市五原县. */
  fullName: string;
  /** Full English name, e.g. Wuyuan County, Bayannur, Inner Mongolia. */
  fullNameEn: string;
  kind: DivisionKind;
  prefectureCode: string;
  prefecture: string;
  province: string;
  /** Towns (乡镇) named in the seeds, for addresses; empty where the seeds name none. */
  towns: readonly string[];
}

const PREFECTURE_LIST: readonly PrefectureRef[] = [
  {
    code: '1501',
    name: '呼和浩特市',
    nameEn: 'Hohhot',
    province: '内蒙古自治区',
    provinceEn: 'Inner Mongolia',
  },
  {
    code: '1502',
    name: '包头市',
    nameEn: 'Baotou',
    province: '内蒙古自治区',
    provinceEn: 'Inner Mongolia',
  },
  {
    code: '1503',
    name: '乌海市',
    nameEn: 'Wuhai',
    province: '内蒙古自治区',
    provinceEn: 'Inner Mongolia',
  },
  {
    code: '1506',
    name: '鄂尔多斯市',
    nameEn: 'Ordos',
    province: '内蒙古自治区',
    provinceEn: 'Inner Mongolia',
  },
  {
    code: '1508',
    name: '巴彦淖尔市',
    nameEn: 'Bayannur',
    province: '内蒙古自治区',
    provinceEn: 'Inner Mongolia',
  },
  { code: '1411', name: '吕梁市', nameEn: 'Lüliang', province: '山西省', provinceEn: 'Shanxi' },
  {
    code: '6523',
    name: '昌吉回族自治州',
    nameEn: 'Changji Hui Autonomous Prefecture',
    province: '新疆维吾尔自治区',
    provinceEn: 'Xinjiang',
  },
];

/** Prefectures keyed by four-digit code. */
const PREFECTURES: readonly PrefectureRef[] = Object.freeze(
  PREFECTURE_LIST.map((p) => Object.freeze({ ...p })),
);
const prefectureByCode: ReadonlyMap<string, PrefectureRef> = new Map(
  PREFECTURES.map((p) => [p.code, p]),
);

// Wuyuan's towns as named by the township governments' 2024 rules in seeds/004.
const WUYUAN_TOWNS = [
  '隆兴昌镇',
  '天吉泰镇',
  '塔尔湖镇',
  '胜丰镇',
  '复兴镇',
  '银定图镇',
  '新公中镇',
  '巴彦套海镇',
  '和胜乡',
];

type Row = [code: string, name: string, nameEn: string, kind: DivisionKind];

const ROWS: readonly Row[] = [
  // 呼和浩特市 Hohhot
  ['150102', '新城区', 'Xincheng District', 'district'],
  ['150103', '回民区', 'Huimin District', 'district'],
  ['150104', '玉泉区', 'Yuquan District', 'district'],
  ['150105', '赛罕区', 'Saihan District', 'district'],
  ['150121', '土默特左旗', 'Tumed Left Banner', 'banner'],
  ['150122', '托克托县', 'Togtoh County', 'county'],
  ['150123', '和林格尔县', 'Horinger County', 'county'],
  ['150124', '清水河县', 'Qingshuihe County', 'county'],
  ['150125', '武川县', 'Wuchuan County', 'county'],
  // 包头市 Baotou
  ['150202', '东河区', 'Donghe District', 'district'],
  ['150203', '昆都仑区', 'Kundulun District', 'district'],
  ['150204', '青山区', 'Qingshan District', 'district'],
  ['150205', '石拐区', 'Shiguai District', 'district'],
  ['150206', '白云鄂博矿区', 'Bayan Obo Mining District', 'district'],
  ['150207', '九原区', 'Jiuyuan District', 'district'],
  ['150221', '土默特右旗', 'Tumed Right Banner', 'banner'],
  ['150222', '固阳县', 'Guyang County', 'county'],
  ['150223', '达尔罕茂明安联合旗', 'Darhan Muminggan United Banner', 'banner'],
  // 乌海市 Wuhai
  ['150302', '海勃湾区', 'Haibowan District', 'district'],
  ['150303', '海南区', 'Hainan District', 'district'],
  ['150304', '乌达区', 'Wuda District', 'district'],
  // 鄂尔多斯市 Ordos
  ['150602', '东胜区', 'Dongsheng District', 'district'],
  ['150603', '康巴什区', 'Kangbashi District', 'district'],
  ['150621', '达拉特旗', 'Dalad Banner', 'banner'],
  ['150622', '准格尔旗', 'Jungar Banner', 'banner'],
  ['150623', '鄂托克前旗', 'Otog Front Banner', 'banner'],
  ['150624', '鄂托克旗', 'Otog Banner', 'banner'],
  ['150625', '杭锦旗', 'Hanggin Banner', 'banner'],
  ['150626', '乌审旗', 'Uxin Banner', 'banner'],
  ['150627', '伊金霍洛旗', 'Ejin Horo Banner', 'banner'],
  // 巴彦淖尔市 Bayannur
  ['150802', '临河区', 'Linhe District', 'district'],
  ['150821', '五原县', 'Wuyuan County', 'county'],
  ['150822', '磴口县', 'Dengkou County', 'county'],
  ['150823', '乌拉特前旗', 'Urad Front Banner', 'banner'],
  ['150824', '乌拉特中旗', 'Urad Middle Banner', 'banner'],
  ['150825', '乌拉特后旗', 'Urad Rear Banner', 'banner'],
  ['150826', '杭锦后旗', 'Hanggin Rear Banner', 'banner'],
  // 吕梁市 Lüliang
  ['141102', '离石区', 'Lishi District', 'district'],
  ['141121', '文水县', 'Wenshui County', 'county'],
  ['141122', '交城县', 'Jiaocheng County', 'county'],
  ['141123', '兴县', 'Xing County', 'county'],
  ['141124', '临县', 'Lin County', 'county'],
  ['141125', '柳林县', 'Liulin County', 'county'],
  ['141126', '石楼县', 'Shilou County', 'county'],
  ['141127', '岚县', 'Lan County', 'county'],
  ['141128', '方山县', 'Fangshan County', 'county'],
  ['141129', '中阳县', 'Zhongyang County', 'county'],
  ['141130', '交口县', 'Jiaokou County', 'county'],
  ['141181', '孝义市', 'Xiaoyi', 'city'],
  ['141182', '汾阳市', 'Fenyang', 'city'],
  // 昌吉回族自治州 Changji
  ['652301', '昌吉市', 'Changji', 'city'],
  ['652302', '阜康市', 'Fukang', 'city'],
  ['652323', '呼图壁县', 'Hutubi County', 'county'],
  ['652324', '玛纳斯县', 'Manas County', 'county'],
  ['652325', '奇台县', 'Qitai County', 'county'],
  ['652327', '吉木萨尔县', 'Jimsar County', 'county'],
  ['652328', '木垒哈萨克自治县', 'Mori Kazakh Autonomous County', 'autonomous-county'],
];

/** All county-level divisions, ordered by code. */
export const DIVISIONS: readonly DivisionRef[] = Object.freeze(
  ROWS.map(([code, name, nameEn, kind]) => {
    const pref = prefectureByCode.get(code.slice(0, 4));
    if (!pref) throw new Error(`division ${code} has no prefecture`);
    return Object.freeze({
      code,
      name,
      nameEn,
      fullName: pref.province + pref.name + name,
      fullNameEn: `${nameEn}, ${pref.nameEn}, ${pref.provinceEn}`,
      kind,
      prefectureCode: pref.code,
      prefecture: pref.name,
      province: pref.province,
      towns: Object.freeze(code === '150821' ? [...WUYUAN_TOWNS] : []),
    });
  }),
);

/** Divisions keyed by six-digit code. */
export const divisionByCode: ReadonlyMap<string, DivisionRef> = new Map(
  DIVISIONS.map((d) => [d.code, d]),
);

/** Wuyuan County, where the 2024 department rules in the seeds were issued. */
export const WUYUAN_DIVISION_CODE = '150821';
