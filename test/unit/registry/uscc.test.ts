import {
  buildUscc,
  isValidUscc,
  normalizeUscc,
  orgCodeCheckCharacter,
  parseUscc,
  usccCheckCharacter,
  validateUscc,
} from '@jih/domain/uscc';

/*
 * Published real codes used as test vectors. Each passes BOTH check characters, which a
 * mistyped code does with probability about 1/341, so together they confirm the reading of
 * the standard (weights, alphabet values, and base-36 letter values inside the organisation code).
 *
 * - 91350100M000100Y43  the example used across the validator ecosystem (hutool CreditCodeUtil,
 *                       bluesky335/IDCheck README, and many npm/maven utilities)
 * - 914403001922038216  华为技术有限公司 (Huawei Technologies Co., Ltd.), widely published
 * - 9144030071526726XG  腾讯科技（深圳）有限公司 (Tencent Technology (Shenzhen)); org-code check 'X'
 * - 91440300708461136T  深圳市腾讯计算机系统有限公司 (Shenzhen Tencent Computer Systems)
 * - 91110108551385082Q  小米科技有限责任公司 (Xiaomi Technology)
 * - 9111000071093123XX  attributed to 国家电网有限公司 (State Grid); 'X' in both check positions
 * - 91310110666007217T, 91310115591693856A  hutool CreditCodeUtilTest
 * - 12330109560571805W  a public institution (authority 1 = 机构编制, type 2 = 事业单位)
 * - 911101050555599010  an enterprise in Beijing Chaoyang, from a public ValidatorUtil test;
 *                       final check character '0'
 * - 52440111MJK9980480  a private non-enterprise unit in Guangzhou Baiyun (5 = 民政, 2 = 民办非企业),
 *                       from a public list of real codes; final check character '0'
 */
const PUBLISHED_VALID = [
  '91350100M000100Y43',
  '914403001922038216',
  '9144030071526726XG',
  '91440300708461136T',
  '91110108551385082Q',
  '9111000071093123XX',
  '91310110666007217T',
  '91310115591693856A',
  '12330109560571805W',
  '911101050555599010',
  '52440111MJK9980480',
];

describe('validateUscc: published valid codes', () => {
  it.each(PUBLISHED_VALID)('accepts %s', (code) => {
    expect(validateUscc(code)).toEqual({ valid: true });
    expect(isValidUscc(code)).toBe(true);
  });

  /*
   * Final check character '0' by hand, 911101050555599010:
   *   values   9  1  1  1  0  1  0  5  0  5  5  5  5  9  9  0  1
   *   weights  1  3  9 27 19 26 16 17 20 29 25 13  8 24 10 30 28
   *   products 9  3  9 27  0 26  0 85  0 145 125 65 40 216 90 0 28   sum = 868
   *   868 = 28 x 31, so 868 mod 31 = 0, c = 31 - 0 = 31, and 31 maps to '0'.
   * Its organisation code 05555990-1: 0*3+5*7+5*9+5*10+5*5+9*8+9*4+0*2 = 263,
   *   263 mod 11 = 10, c = 11 - 10 = 1: position 17 is '1'.
   *
   * And 52440111MJK9980480 (letters by alphabet index: M=21, J=18, K=19):
   *   5*1 + 2*3 + 4*9 + 4*27 + 0*19 + 1*26 + 1*16 + 1*17 + 21*20 + 18*29 + 19*25
   *   + 9*13 + 9*8 + 8*24 + 0*10 + 4*30 + 8*28 = 2356 = 76 x 31, so again 31 -> '0'.
   * Its organisation code uses base-36 letter values (M=22, J=19, K=20), not the alphabet index:
   *   22*3 + 19*7 + 20*9 + 9*10 + 9*5 + 8*8 + 0*4 + 4*2 = 586, 586 mod 11 = 3, c = 8.
   */
  it('computes a final check character of 0 when the weighted sum is a multiple of 31', () => {
    expect(usccCheckCharacter('91110105055559901')).toBe('0');
    expect(usccCheckCharacter('52440111MJK998048')).toBe('0');
    expect(orgCodeCheckCharacter('05555990')).toBe('1');
    expect(orgCodeCheckCharacter('MJK99804')).toBe('8');
  });
});

describe('validateUscc: each kind of error', () => {
  it('names position 18 for the widely cited wrong variant 91350100M000100Y4A', () => {
    expect(validateUscc('91350100M000100Y4A')).toEqual({
      valid: false,
      reason: "wrong check character at position 18: found 'A', expected '3'",
      position: 18,
      character: 'A',
      expected: '3',
    });
  });

  it('rejects the wrong length', () => {
    expect(validateUscc('91350100M000100Y4')).toEqual({
      valid: false,
      reason: 'must be 18 characters long, got 17',
    });
    expect(validateUscc('91350100M000100Y433')).toMatchObject({
      valid: false,
      reason: 'must be 18 characters long, got 19',
    });
    expect(validateUscc('')).toMatchObject({
      valid: false,
      reason: 'must be 18 characters long, got 0',
    });
  });

  it('counts a non-ASCII character as one character', () => {
    // 17 ASCII characters plus one CJK character is 18 characters, so this is an illegal character, not a length error.
    expect(validateUscc('91350100M000100Y4码')).toMatchObject({
      valid: false,
      position: 18,
      character: '码',
    });
  });

  it('names an illegal character and its 1-based position', () => {
    expect(validateUscc('91350100M000100I43')).toEqual({
      valid: false,
      reason: "illegal character 'I' at position 16 (I, O, S, V and Z are never used)",
      position: 16,
      character: 'I',
    });
    expect(validateUscc('91350100M0O0100Y43')).toMatchObject({ position: 11, character: 'O' });
    expect(validateUscc('91350100M000100Y4-')).toMatchObject({ position: 18, character: '-' });
  });

  it('asks for upper case rather than silently accepting lower case', () => {
    expect(validateUscc('91350100m000100Y43')).toEqual({
      valid: false,
      reason: "illegal character 'm' at position 9 (letters must be upper-case)",
      position: 9,
      character: 'm',
    });
  });

  it('requires digits in the administrative division (positions 3-8)', () => {
    const r = validateUscc('91A50100M000100Y43');
    expect(r).toMatchObject({ valid: false, position: 3, character: 'A' });
    expect(r.valid === false && r.reason).toContain('administrative division');
  });

  it('names the organisation-code check character at position 17 with found and expected', () => {
    expect(validateUscc('91350100M000100Y53')).toEqual({
      valid: false,
      reason: "wrong organisation-code check character at position 17: found '5', expected '4'",
      position: 17,
      character: '5',
      expected: '4',
    });
  });

  it('reports position 17 before 18 when both are wrong', () => {
    expect(validateUscc('914403001922038227')).toMatchObject({
      position: 17,
      character: '2',
      expected: '1',
    });
  });

  it('can skip the organisation-code check for legacy imports, but still checks position 18', () => {
    const first17 = '91350100M000100Y5';
    const code = first17 + usccCheckCharacter(first17);
    expect(validateUscc(code).valid).toBe(false);
    expect(validateUscc(code, { orgCodeCheck: false })).toEqual({ valid: true });
    expect(validateUscc('91350100M000100Y4A', { orgCodeCheck: false })).toMatchObject({
      position: 18,
    });
  });

  it('rejects the known non-conforming early Fujian pilot codes (documented real-world exception)', () => {
    // bluesky335/IDCheck lists these as issued before the standard was settled; they fail position 18.
    expect(validateUscc('91350100M0001TGQXM')).toMatchObject({
      position: 18,
      character: 'M',
      expected: '1',
    });
    expect(validateUscc('91350211M0000XUF46')).toMatchObject({
      position: 18,
      character: '6',
      expected: 'R',
    });
    expect(validateUscc('91350203M0001FUE2P')).toMatchObject({
      position: 18,
      character: 'P',
      expected: 'J',
    });
  });
});

describe('check characters', () => {
  it('computes the position-18 check character', () => {
    expect(usccCheckCharacter('91350100M000100Y4')).toBe('3');
    expect(usccCheckCharacter('91440300192203821')).toBe('6');
    expect(usccCheckCharacter('9111000071093123X')).toBe('X');
  });

  it('computes the GB 11714 check character, mapping 10 to X and 11 to 0', () => {
    expect(orgCodeCheckCharacter('M000100Y')).toBe('4');
    expect(orgCodeCheckCharacter('71526726')).toBe('X');
    expect(orgCodeCheckCharacter('74008427')).toBe('0'); // from 91110108740084270C
  });

  it('rejects malformed input', () => {
    expect(() => usccCheckCharacter('9135')).toThrow(RangeError);
    expect(() => usccCheckCharacter('91350100I000100Y4')).toThrow(/position 9/);
    expect(() => orgCodeCheckCharacter('M00010')).toThrow(RangeError);
    expect(() => orgCodeCheckCharacter('m000100Y')).toThrow(RangeError);
  });
});

describe('buildUscc', () => {
  it('reproduces published codes from their parts', () => {
    expect(
      buildUscc({ authority: '9', orgType: '1', division: '350100', orgBody: 'M000100Y' }),
    ).toBe('91350100M000100Y43');
    expect(
      buildUscc({ authority: '9', orgType: '1', division: '440300', orgBody: '19220382' }),
    ).toBe('914403001922038216');
    expect(
      buildUscc({ authority: '5', orgType: '2', division: '440111', orgBody: 'MJK99804' }),
    ).toBe('52440111MJK9980480');
  });

  it('produces codes that validate, e.g. for Wuyuan County', () => {
    const code = buildUscc({
      authority: '9',
      orgType: '2',
      division: '150821',
      orgBody: 'MA0N3K7P',
    });
    expect(validateUscc(code)).toEqual({ valid: true });
    expect(parseUscc(code)).toMatchObject({
      authority: '9',
      orgType: '2',
      division: '150821',
      orgBody: 'MA0N3K7P',
    });
  });

  it('rejects bad parts', () => {
    expect(() =>
      buildUscc({ authority: '9', orgType: '1', division: '15082', orgBody: 'MA0N3K7P' }),
    ).toThrow(/division/);
    expect(() =>
      buildUscc({ authority: 'Z', orgType: '1', division: '150821', orgBody: 'MA0N3K7P' }),
    ).toThrow(/authority/);
    expect(() =>
      buildUscc({ authority: '9', orgType: '1', division: '150821', orgBody: 'MA0N3K7' }),
    ).toThrow(/orgBody/);
    expect(() =>
      buildUscc({ authority: '9', orgType: '1', division: '150821', orgBody: 'MA0N3KOP' }),
    ).toThrow(/position 7/);
  });
});

describe('normalizeUscc', () => {
  it('accepts lower case and surrounding whitespace', () => {
    expect(normalizeUscc('  91350100m000100y43\n')).toBe('91350100M000100Y43');
    expect(validateUscc(normalizeUscc(' 91350100m000100y43 '))).toEqual({ valid: true });
  });

  it('turns full-width characters typed with a Chinese IME into ASCII', () => {
    expect(normalizeUscc('９１３５０１００Ｍ０００１００Ｙ４３')).toBe('91350100M000100Y43');
  });

  it('does not hide a wrong code', () => {
    expect(validateUscc(normalizeUscc('91350100m000100y4a'))).toMatchObject({
      position: 18,
      expected: '3',
    });
  });
});
