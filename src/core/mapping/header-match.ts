/**
 * Matching one column name against the role synonyms: turns "Multiple Choice Type \n(if
 * applicable)" or "[ANC] Data Element ID" into tokens, strips side words and system names, and
 * scores each base role from 0 to 1 (1 = the whole name is a synonym).
 */
import { nfkc } from './text';
import { ROLE_SYNONYMS, SOURCE_WORDS, DESTINATION_WORDS, SYSTEM_WORDS, WEAK_WORDS, type BaseRole } from './roles';

/** Names longer than this are prose, not column names, and are not matched at all. */
export const MAX_HEADER_CHARS = 120;
const MAX_HEADER_TOKENS = 14;

/** Splits text into lower-case word tokens; letters and combining marks of any script are kept. */
export function tokens(s: string): string[] {
  // camelCase is two words ("valueType", "optionSet.id" as DHIS2 exports name their columns).
  const t = nfkc(s).replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2').toLowerCase().replace(/[^\p{L}\p{M}\p{N}]+/gu, ' ').trim();
  return t === '' ? [] : t.split(' ');
}

export type ParsedHeader = {
  /** Tokens of the name without bracketed prefixes and parentheticals. */
  core: string[];
  /** Side named by the column itself ("Source type", "Type (destination)"), if any. */
  side: 'source' | 'destination' | null;
  /** Core tokens without the side word. */
  rest: string[];
};

function sideOfWord(w: string): 'source' | 'destination' | null {
  if (SOURCE_WORDS.has(w)) return 'source';
  if (DESTINATION_WORDS.has(w)) return 'destination';
  return null;
}

export function parseHeader(raw: string): ParsedHeader | null {
  // "Required Field\nX = mandatory, ~ = optional": the first line is the name, the rest explains it.
  const lines = raw.split(/\r?\n/);
  if (lines.length > 1 && tokens(lines[0]!).length > 0 && /[=:]/.test(lines.slice(1).join(' '))) raw = lines[0]!;
  if (raw.length > MAX_HEADER_CHARS) return null;
  let paren: string[] = [];
  const withoutParens = raw
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\(([^)]*)\)/g, (_m, inner: string) => {
      paren = paren.concat(tokens(inner));
      return ' ';
    });
  let core = tokens(withoutParens);
  // A name that is nothing but a parenthetical ("(source)") keeps its words.
  if (core.length === 0) core = paren;
  if (core.length === 0 || core.length > MAX_HEADER_TOKENS) return null;
  let side = core.length > 1 ? sideOfWord(core[0]) : null;
  let rest = side ? core.slice(1) : core;
  if (!side && core.length > 1) {
    const last = sideOfWord(core[core.length - 1]);
    // "to" and "from" at the end are words of a sentence, not a side ("Linked to").
    if (last && core[core.length - 1] !== 'to' && core[core.length - 1] !== 'from') {
      side = last;
      rest = core.slice(0, -1);
    }
  }
  if (!side) {
    for (const w of paren) {
      const s = sideOfWord(w);
      if (s && w !== 'to' && w !== 'from') {
        side = s;
        break;
      }
    }
  }
  // A column named just "Source" or "Destination" (a value map's two sides: Mapping Name | Source |
  // Destination) is that side's value.
  if (!side && core.length === 1 && BARE_SIDES.has(core[0]!)) side = sideOfWord(core[0]!);
  return { core, side, rest };
}

const BARE_SIDES: ReadonlySet<string> = new Set(['source', 'destination', 'target']);

type Synonym = { words: string[]; role: BaseRole; weak: boolean };

const EXACT = new Map<string, BaseRole[]>();
const PARTIAL: Synonym[] = [];
for (const [role, list] of Object.entries(ROLE_SYNONYMS) as [BaseRole, readonly string[]][]) {
  for (const phrase of list) {
    const words = tokens(phrase);
    if (words.length === 0) continue;
    const key = words.join(' ');
    const roles = EXACT.get(key) ?? [];
    if (!roles.includes(role)) roles.push(role);
    EXACT.set(key, roles);
    PARTIAL.push({ words, role, weak: words.length === 1 && WEAK_WORDS.has(words[0]) });
  }
}

function containsRun(hay: readonly string[], needle: readonly string[]): boolean {
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/** Scores per base role for one token list; `penalty` is taken off for stripped forms. */
function scoreWords(words: readonly string[], penalty: number, out: Map<BaseRole, number>): void {
  if (words.length === 0) return;
  const put = (role: BaseRole, score: number) => {
    if (score > (out.get(role) ?? 0)) out.set(role, score);
  };
  const exact = EXACT.get(words.join(' '));
  if (exact) for (const r of exact) put(r, 1 - penalty);
  for (const syn of PARTIAL) {
    if (syn.words.length >= words.length) continue;
    if (!containsRun(words, syn.words)) continue;
    // Partial matches grow with how much of the name the synonym covers: "input options" is most of
    // "constrained input options", "type" is little of "HL7 FHIR R4 resource type".
    put(syn.role, 0.35 + (0.5 * syn.words.length) / words.length - (syn.weak ? 0.1 : 0) - penalty);
  }
}

/**
 * The name without system names at its front or its end ("DHIS2 type" → "type", "Variable Code -
 * Go.Data" → "variable code"); a system name may be two tokens ("Go.Data" → go, data).
 */
function stripSystems(words: readonly string[], isSystem: (w: string) => boolean): string[] {
  let a = 0;
  let b = words.length;
  for (;;) {
    if (b - a > 2 && isSystem(words[a] + words[a + 1])) a += 2;
    else if (b - a > 1 && isSystem(words[a]!)) a += 1;
    else if (b - a > 2 && isSystem(words[b - 2] + words[b - 1])) b -= 2;
    else if (b - a > 1 && isSystem(words[b - 1]!)) b -= 1;
    else break;
  }
  return words.slice(a, b);
}

const cache = new Map<string, Map<BaseRole, number>>();

/**
 * Scores of each base role for a parsed column name. `bandWords` are the tokens of the group label
 * above the column, stripped from the front of the name ("DHIS2 type" under "DHIS2").
 */
export function scoreHeader(parsed: ParsedHeader, bandWords: readonly string[] = []): Map<BaseRole, number> {
  const cacheKey = `${parsed.rest.join(' ')}|${bandWords.join(' ')}`;
  const hit = cache.get(cacheKey);
  if (hit) return hit;
  const out = new Map<BaseRole, number>();
  scoreWords(parsed.rest, 0, out);
  // A bare "Name" is a field's name, but less surely than a "UID" or "ID" beside it (DHIS2's exports).
  if (parsed.rest.length === 1 && parsed.rest[0] === 'name') out.set('path', 0.9);
  // A bare side word: weakly the value of that side (only a value map makes it strong enough to use).
  if (parsed.rest.length === 1 && BARE_SIDES.has(parsed.rest[0]!)) out.set('value', 0.6);
  const band = new Set(bandWords);
  const noSystem = stripSystems(parsed.rest, (w) => SYSTEM_WORDS.has(w) || band.has(w));
  if (noSystem.length !== parsed.rest.length) {
    scoreWords(noSystem, 0.05, out);
    // "Go.Data Code", "CommCare code": a system's code for the field is the field's name there (a
    // value map's bare "Code" is its answers' codes).
    if (noSystem.length === 1 && (noSystem[0] === 'code' || noSystem[0] === 'codes')) {
      out.set('path', 0.95);
      out.set('value', 0.85);
    }
  }
  if (cache.size > 5000) cache.clear();
  cache.set(cacheKey, out);
  return out;
}
