/**
 * Email addresses as people type them into settings (approvers, subscribers): normalised to lower
 * case, checked for shape, de-duplicated. A malformed address is named in the message, never saved.
 */
import { UserError } from '../errors';

const EMAIL = /^[^\s@<>",;()]+@[^\s@<>",;()]+\.[^\s@<>",;()]{2,}$/;

export function normaliseEmail(text: string): string {
  return text.trim().toLowerCase();
}

export function isEmail(text: string): boolean {
  return text.length <= 254 && EMAIL.test(normaliseEmail(text));
}

/**
 * The addresses of a list, normalised and without repeats (first occurrence kept), or a UserError
 * naming every malformed one and where it is ("approvers, line 3: 'bob@'"). With `several`, a line
 * may hold more than one, separated by commas or semicolons, and "Ana <ana@example.org>" as a mail
 * program copies it counts as the address in brackets.
 */
export function parseEmailList(items: readonly string[], what: string, several = false): string[] {
  const bad: string[] = [];
  const out: string[] = [];
  const seen = new Set<string>();
  items.forEach((line, i) => {
    for (const raw of several ? line.split(/[,;]/) : [line]) {
      const bracketed = several ? /<([^<>]*)>\s*$/.exec(raw) : null;
      const email = normaliseEmail(bracketed ? bracketed[1]! : raw);
      if (email === '') continue;
      if (!isEmail(email)) {
        bad.push(`line ${i + 1}: "${raw.trim().slice(0, 80)}"`);
        continue;
      }
      if (!seen.has(email)) {
        seen.add(email);
        out.push(email);
      }
    }
  });
  if (bad.length) {
    throw new UserError(`Mapspec did not save the ${what}: ${bad.length === 1 ? 'this is not an email address' : 'these are not email addresses'} — ${bad.join('; ')}.`);
  }
  return out;
}
