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
 * naming every malformed one and where it is ("approvers, line 3: 'bob@'").
 */
export function parseEmailList(items: readonly string[], what: string): string[] {
  const bad: string[] = [];
  const out: string[] = [];
  const seen = new Set<string>();
  items.forEach((raw, i) => {
    const email = normaliseEmail(raw);
    if (email === '') return;
    if (!isEmail(email)) {
      bad.push(`line ${i + 1}: "${raw.trim().slice(0, 80)}"`);
      return;
    }
    if (!seen.has(email)) {
      seen.add(email);
      out.push(email);
    }
  });
  if (bad.length) {
    throw new UserError(`Mapspec did not save the ${what}: ${bad.length === 1 ? 'this is not an email address' : 'these are not email addresses'} — ${bad.join('; ')}.`);
  }
  return out;
}
