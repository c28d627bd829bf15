/**
 * Unified social credit code (统一社会信用代码), GB 32100-2015.
 *
 * Layout of the 18 characters (1-based positions):
 *   1      registration authority (登记管理部门代码), e.g. 9 = market regulation, 5 = civil affairs
 *   2      organisation type (机构类别代码), e.g. 1 = enterprise, 2 = individual business
 *   3-8    administrative division of the registering authority (GB/T 2260), digits only
 *   9-17   organisation code (主体标识码, GB 11714); position 17 is its own check character
 *   18     check character over positions 1-17
 *
 * Decision on the organisation-code check (position 17): it is validated by default. GB 32100
 * defines positions 9-17 as the GB 11714 code, whose last character is by definition the check
 * character of that code; every published real code we tested (see test/unit/registry/uscc.test.ts)
 * satisfies it. The real-world exceptions we know of are codes issued by early pilot regions in
 * Fujian in 2015 (e.g. 91350100M0001TGQXM, documented by the IDCheck and hutool projects); those
 * fail the position-18 check, not position 17, so no relaxation of the position-17 rule would
 * admit them, and the directory rejects them like any other invalid code (DOMAIN.md: invalid codes
 * are never stored). `orgCodeCheck: false` exists only for importing legacy data whose position 17
 * is known to be unreliable; it still enforces position 18.
 *
 * Positions 1 and 2 are not checked against a table: the set of authority and type codes has grown
 * since 2015 (e.g. A for the military, N for agriculture), and rejecting a real code because our
 * table is stale would be worse than accepting an unusual but well-formed one.
 */

/** The 31 characters allowed in a USCC, in value order (no I, O, S, V, Z). */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** Weights for positions 1-17: 3^(i-1) mod 31. */
const USCC_WEIGHTS: readonly number[] = [
  1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

/** GB 11714 weights for the eight body characters of an organisation code. */
const ORG_CODE_WEIGHTS: readonly number[] = [3, 7, 9, 10, 5, 8, 4, 2];

export type UsccCheck =
  | { valid: true }
  | { valid: false; reason: string; position?: number; character?: string; expected?: string };

export interface ValidateUsccOptions {
  /**
   * Verify the organisation-code check character at position 17 (default true). Turn off only to
   * import legacy records whose organisation code is known to be unreliable.
   */
  orgCodeCheck?: boolean;
}

export interface UsccParts {
  /** Registration authority, one character of the USCC alphabet, e.g. '9'. */
  authority: string;
  /** Organisation type, one character of the USCC alphabet, e.g. '1'. */
  orgType: string;
  /** Six-digit administrative division code, e.g. '150821'. */
  division: string;
  /** The eight body characters of the organisation code, without its check character. */
  orgBody: string;
}

// Lookup tables indexed by char code: value in the USCC alphabet (-1 if not allowed) and value
// in GB 11714 (digits 0-9, letters A=10 ... Z=35, i.e. base 36). The two differ for letters
// (M is 21 in the USCC alphabet but 22 in GB 11714), which is the classic mistake to avoid.
const USCC_VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < USCC_ALPHABET.length; i++) USCC_VALUE[USCC_ALPHABET.charCodeAt(i)] = i;

function gb11714Value(charCode: number): number {
  if (charCode >= 48 && charCode <= 57) return charCode - 48;
  if (charCode >= 65 && charCode <= 90) return charCode - 55;
  return -1;
}

function describe(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  if (cp < 0x20 || cp === 0x7f) return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  return `'${ch}'`;
}

/**
 * Check character (position 18) for the first 17 characters of a USCC.
 * @throws RangeError when the input is not 17 characters of the USCC alphabet.
 */
export function usccCheckCharacter(first17: string): string {
  if (first17.length !== 17) throw new RangeError(`expected 17 characters, got ${first17.length}`);
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const code = first17.charCodeAt(i);
    const v = code < 128 ? USCC_VALUE[code] : -1;
    if (v < 0)
      throw new RangeError(
        `character ${describe(first17[i])} at position ${i + 1} is not in the USCC alphabet`,
      );
    sum += v * USCC_WEIGHTS[i];
  }
  const c = 31 - (sum % 31);
  return USCC_ALPHABET[c === 31 ? 0 : c];
}

/**
 * GB 11714 check character (the organisation code's 9th character, position 17 of a USCC) for the
 * eight body characters. Letters count by their base-36 value (A=10 ... Z=35).
 * @throws RangeError when the input is not eight digits or upper-case letters.
 */
export function orgCodeCheckCharacter(first8: string): string {
  if (first8.length !== 8) throw new RangeError(`expected 8 characters, got ${first8.length}`);
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const v = gb11714Value(first8.charCodeAt(i));
    if (v < 0)
      throw new RangeError(
        `character ${describe(first8[i])} at position ${i + 1} is not a digit or upper-case letter`,
      );
    sum += v * ORG_CODE_WEIGHTS[i];
  }
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/**
 * Validates a USCC exactly as given (callers normalise user input first with {@link normalizeUscc}).
 * Errors are reported in reading order: length, then the first illegal character, then the
 * organisation-code check character (position 17), then the final check character (position 18).
 */
export function validateUscc(code: string, options: ValidateUsccOptions = {}): UsccCheck {
  if (typeof code !== 'string')
    return { valid: false, reason: 'a unified social credit code must be a string' };
  // Count code points, not UTF-16 units, so an emoji or CJK character is reported as one character.
  const chars = Array.from(code);
  if (chars.length !== 18) {
    return { valid: false, reason: `must be 18 characters long, got ${chars.length}` };
  }

  for (let i = 0; i < 18; i++) {
    const ch = chars[i];
    const position = i + 1;
    const cc = ch.length === 1 ? ch.charCodeAt(0) : -1;
    const inAlphabet = cc >= 0 && cc < 128 && USCC_VALUE[cc] >= 0;
    if (!inAlphabet) {
      let hint = '';
      if (/^[a-z]$/.test(ch) && USCC_VALUE[ch.toUpperCase().charCodeAt(0)] >= 0)
        hint = ' (letters must be upper-case)';
      else if (/^[IOSVZ]$/.test(ch)) hint = ' (I, O, S, V and Z are never used)';
      return {
        valid: false,
        reason: `illegal character ${describe(ch)} at position ${position}${hint}`,
        position,
        character: ch,
      };
    }
    if (position >= 3 && position <= 8 && !(cc >= 48 && cc <= 57)) {
      return {
        valid: false,
        reason: `illegal character ${describe(ch)} at position ${position}: positions 3-8 are the administrative division code and must be digits`,
        position,
        character: ch,
      };
    }
  }

  if (options.orgCodeCheck !== false) {
    const expected = orgCodeCheckCharacter(code.slice(8, 16));
    if (code[16] !== expected) {
      return {
        valid: false,
        reason: `wrong organisation-code check character at position 17: found '${code[16]}', expected '${expected}'`,
        position: 17,
        character: code[16],
        expected,
      };
    }
  }

  const expected = usccCheckCharacter(code.slice(0, 17));
  if (code[17] !== expected) {
    return {
      valid: false,
      reason: `wrong check character at position 18: found '${code[17]}', expected '${expected}'`,
      position: 18,
      character: code[17],
      expected,
    };
  }
  return { valid: true };
}

/** True when {@link validateUscc} accepts the code. */
export function isValidUscc(code: string, options?: ValidateUsccOptions): boolean {
  return validateUscc(code, options).valid;
}

/**
 * Brings user input to canonical form: trims surrounding whitespace, turns full-width ASCII
 * (as typed with a Chinese IME, e.g. '９１３５') into half-width, and upper-cases letters. So
 * lower-case input such as '91350100m000100y43' is accepted and normalised; the result still has
 * to pass {@link validateUscc}.
 */
export function normalizeUscc(input: string): string {
  return input
    .trim()
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .toUpperCase();
}

/**
 * Assembles a valid USCC from its parts, computing both check characters.
 * @throws RangeError when a part has the wrong length or characters.
 */
export function buildUscc(parts: UsccParts): string {
  const { authority, orgType, division, orgBody } = parts;
  const single = (name: string, v: string): void => {
    if (v.length !== 1 || USCC_VALUE[v.charCodeAt(0)] < 0) {
      throw new RangeError(`${name} must be one character of ${USCC_ALPHABET}, got '${v}'`);
    }
  };
  single('authority', authority);
  single('orgType', orgType);
  if (!/^[0-9]{6}$/.test(division))
    throw new RangeError(`division must be six digits, got '${division}'`);
  if (orgBody.length !== 8)
    throw new RangeError(`orgBody must be 8 characters, got ${orgBody.length}`);
  for (let i = 0; i < 8; i++) {
    const cc = orgBody.charCodeAt(i);
    if (!(cc < 128 && USCC_VALUE[cc] >= 0)) {
      throw new RangeError(
        `orgBody character '${orgBody[i]}' at position ${i + 1} is not in the USCC alphabet`,
      );
    }
  }
  const first17 = authority + orgType + division + orgBody + orgCodeCheckCharacter(orgBody);
  return first17 + usccCheckCharacter(first17);
}

/** Splits a (valid) USCC into its parts; position 17 and 18 are returned as check characters. */
export function parseUscc(code: string): UsccParts & { orgCheck: string; check: string } {
  return {
    authority: code[0],
    orgType: code[1],
    division: code.slice(2, 8),
    orgBody: code.slice(8, 16),
    orgCheck: code[16],
    check: code[17],
  };
}
