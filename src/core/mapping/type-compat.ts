/**
 * Which source → destination type pairs convert without a transformation rule. Data, not code: a
 * pair is compatible when the types are the same, when it is listed here (lossless widening, or
 * text that needs no formatting), or when settings add it. Every other pair of known types needs a
 * rule (or a value map when a multiple-choice field is involved), e.g. text → integer (parsing),
 * date → text (which format?), select_one → boolean (which choices are true?), number → integer
 * (rounding), datetime → date (time zone), long_text → text (truncation).
 */

export type TypePair = readonly [from: string, to: string, why: string];

export const COMPATIBLE_TYPES: readonly TypePair[] = [
  ['integer', 'number', 'every whole number is a number'],
  ['integer', 'percentage', 'a whole percentage is a percentage'],
  ['percentage', 'number', 'a percentage is a number'],
  ['integer', 'text', 'digits are text as they are'],
  ['integer', 'long_text', 'digits are text as they are'],
  ['text', 'long_text', 'long text holds any short text'],
  ['true_only', 'boolean', '"yes" stays yes; blank stays blank'],
  ['date', 'datetime', 'a date is midnight of that day'],
  ['id', 'text', 'an identifier is text'],
  ['text', 'id', 'identifiers are text'],
  ['integer', 'id', 'a number can serve as an identifier'],
  ['uuid', 'id', 'a UUID is an identifier'],
  ['uuid', 'text', 'a UUID is text'],
  ['email', 'text', 'an e-mail address is text'],
  ['phone', 'text', 'a phone number is text'],
  ['url', 'text', 'a URL is text'],
  ['username', 'text', 'a user name is text'],
  ['select_one', 'select_multiple', 'one choice is a valid set of choices (the value map still applies)'],
];

export type Compatibility = {
  /** Both types are known and converting needs a rule. */
  needsRule(from: string, to: string): boolean;
};

export function buildCompatibility(extra: readonly (readonly [string, string])[] = []): Compatibility {
  const ok = new Set<string>();
  for (const [a, b] of COMPATIBLE_TYPES) ok.add(`${a}>${b}`);
  for (const [a, b] of extra) ok.add(`${a}>${b}`);
  return {
    needsRule(from, to) {
      if (from === to) return false;
      // A calculated value's type is whatever its formula makes; a structure row (a group, a note)
      // carries no value: nothing to compare.
      if (from === 'calculated' || to === 'calculated' || from === 'structure' || to === 'structure') return false;
      return !ok.has(`${from}>${to}`);
    },
  };
}
