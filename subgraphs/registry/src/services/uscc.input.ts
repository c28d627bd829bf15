import { BadUserInputError } from '@jih/kit';
import { normalizeUscc, validateUscc } from '@jih/domain/uscc';

/**
 * Normalises and checks a USCC from a caller; throws BAD_USER_INPUT naming the bad character and
 * its position, so nothing with an invalid code is ever stored or looked up.
 */
export function requireValidUscc(input: string, argument = 'uscc'): string {
  const code = normalizeUscc(input);
  const check = validateUscc(code);
  if (!check.valid) {
    throw new BadUserInputError(
      `Invalid unified social credit code "${input.slice(0, 40)}": ${check.reason}`,
      {
        argument,
        position: check.position,
        character: check.character,
        expected: check.expected,
      },
    );
  }
  return code;
}
