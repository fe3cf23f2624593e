/**
 * A spec's own vocabulary: the status and type words its tabs use that Mapspec does not know yet
 * ("Added", "Do not create concept", "Freetext"), collected while the rows are checked, each with
 * the rows and tabs that use it and a suggestion of what it means. The sidebar offers them for
 * adoption ("this spec uses the statuses Added, Do not create concept: treat them as …?"); once
 * adopted (settings statusSynonyms / typeSynonyms) they are known words and no longer findings.
 */
import type { MappingSettings } from './settings';
import { compareKey, truncate } from './text';
import { typeKey, type TypeVocabulary } from './types';

export type OwnWordKind = 'status' | 'type';

export type OwnWord = {
  kind: OwnWordKind;
  /** The word as first written (trimmed, at most 60 characters). */
  word: string;
  /** Rows that use it, over every tab. */
  rows: number;
  /** Tabs that use it, in the order met (at most 10). */
  tabs: string[];
  /** What it most likely means: a status of the settings, or a canonical type; null when unsure. */
  suggestion: string | null;
};

/** At most this many words are offered: a tab with hundreds of distinct "types" is not using a vocabulary. */
export const MAX_OWN_WORDS = 40;
const MAX_TABS = 10;

/** Collects unknown words while checking; one per kind and word (compared ignoring case and spaces). */
export class OwnWords {
  private readonly words = new Map<string, OwnWord>();

  note(kind: OwnWordKind, word: string, tab: string): void {
    const key = `${kind}\u0000${compareKey(word)}`;
    const w = this.words.get(key);
    if (!w) {
      this.words.set(key, { kind, word: truncate(word.trim(), 60), rows: 1, tabs: [tab], suggestion: null });
      return;
    }
    w.rows++;
    if (w.tabs.length < MAX_TABS && !w.tabs.includes(tab)) w.tabs.push(tab);
  }

  /** The words with their suggestions: statuses first, then types, the most used first. */
  list(settings: MappingSettings, vocab: TypeVocabulary): OwnWord[] {
    const out = [...this.words.values()].map((w) => ({
      ...w,
      suggestion: w.kind === 'status' ? suggestStatus(w.word, settings.statusValues) : suggestType(w.word, vocab),
    }));
    out.sort((a, b) => (a.kind === b.kind ? b.rows - a.rows || a.word.localeCompare(b.word) : a.kind === 'status' ? -1 : 1));
    return out.slice(0, MAX_OWN_WORDS);
  }
}

/**
 * What a team's status word most likely means, among the configured statuses. Read in this order, so
 * "Do not create concept" is a "do not" before it is a "create", and "Question pending" a question.
 */
const STATUS_MEANINGS: readonly [RegExp, string][] = [
  [/\b(do not|don'?t|not (needed|required|used|mapped|in scope)|out of scope|remove[ds]?|drop(ped)?|obsolete|retired|deprecated|exclude[ds]?|ignored?|skip(ped)?|cancell?ed|rejected|deleted|n\/a|no longer)\b/i, 'deprecated'],
  [/\b(discuss(ion)?|questions?|pending|review|tbd|to ?do|open|unclear|clarif(y|ication)|in progress|waiting|blocked|check|unsure|\?)/i, 'needs discussion'],
  [/\b(added|agreed|approved|done|completed?|mapped|final|confirmed|ok|accepted|created|signed( off)?|validated|ready|live|implemented|existing)\b/i, 'agreed'],
  [/\b(new|draft|proposed|planned|initial|to (add|create))\b/i, 'new'],
];

export function suggestStatus(word: string, statusValues: readonly string[]): string | null {
  const byKey = new Map(statusValues.map((s) => [compareKey(s), s]));
  for (const [pattern, meaning] of STATUS_MEANINGS) {
    if (pattern.test(word)) return byKey.get(compareKey(meaning)) ?? null;
  }
  return null;
}

/**
 * A canonical type for an unknown type word when one of its words is a known type word and no other
 * is ("Whole number" → none; "Date of visit" → date; "Numeric value" → number); null otherwise.
 */
export function suggestType(word: string, vocab: TypeVocabulary): string | null {
  const key = typeKey(word);
  const found = new Set<string>();
  for (const part of key.split(' ')) {
    const t = part.length > 1 ? vocab.words.get(part) : undefined;
    if (t) found.add(t);
  }
  return found.size === 1 ? [...found][0]! : null;
}
