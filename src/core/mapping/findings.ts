/**
 * Findings: the shape every check reports, and the stable rule names (kebab-case, in the spirit of
 * Frictionless' error types). Rule names are an API: the README, saved severity overrides and the
 * sidebar's filters refer to them, so rename none; add new ones at the end of their group.
 */
import { quote, truncate } from './text';

export type Severity = 'error' | 'warning' | 'info';

export const RULES = [
  // Layout: the header row and the columns.
  { rule: 'missing-header', severity: 'error', description: 'The tab is empty or has no recognisable header row, or a column the saved layout names is no longer there.' },
  { rule: 'duplicate-header', severity: 'warning', description: 'Two columns have the same header name (under the same group label), so they cannot be told apart.' },
  { rule: 'blank-header', severity: 'warning', description: 'A column holds data but its header cell is blank.' },
  { rule: 'merged-header', severity: 'info', description: 'A header cell is merged across several columns; only the first column is read.' },
  { rule: 'duplicate-role', severity: 'info', description: 'Two columns look like the same role; the better match is used and the other is ignored.' },
  { rule: 'missing-required-role', severity: 'error', description: 'A column the layout needs is missing (e.g. no source or destination API name/path column).' },
  // Rows of a mapping or data-dictionary tab.
  { rule: 'missing-value', severity: 'warning', description: 'A required cell (source or destination path, value-map list name) is empty on a live row.' },
  { rule: 'missing-key', severity: 'info', description: 'A live row has no ID in the row-key column (one a person confirmed, or IDs Mapspec manages); Mapspec can propose one.' },
  { rule: 'duplicate-key', severity: 'error', description: 'Two rows have the same ID in the confirmed row-key column (within a tab, or across tabs for IDs Mapspec manages).' },
  { rule: 'duplicate-destination', severity: 'error', description: 'Two live rows of one tab write the same destination field.' },
  { rule: 'unknown-status', severity: 'warning', description: 'The status is not one of the configured statuses (New, Needs discussion, Agreed, Deprecated).' },
  { rule: 'unknown-type', severity: 'warning', description: 'The type is not in the type vocabulary (nor one of its synonyms).' },
  { rule: 'type-change-without-rule', severity: 'warning', description: 'Source and destination types differ in a way that needs a conversion, and the row has no transformation rule.' },
  { rule: 'sample-type-mismatch', severity: 'warning', description: 'A sample value does not fit its type (e.g. "abc" for an integer, "2024-13-45" for a date).' },
  { rule: 'choice-without-value-map', severity: 'warning', description: 'A select_one/select_multiple field has no value map and no inline choices.' },
  { rule: 'unknown-value-map', severity: 'error', description: 'A row refers to a value-map list name that no value-map tab defines.' },
  { rule: 'no-unique-identifier', severity: 'warning', description: 'The tab has a unique-identifier column but no live row is marked as the unique identifier.' },
  { rule: 'formula-error', severity: 'error', description: 'A cell shows a spreadsheet error (#REF!, #N/A, #DIV/0!, #VALUE!, #NAME?, #NUM!, #NULL!, #ERROR!).' },
  { rule: 'stray-whitespace', severity: 'warning', description: 'An API name, path, list name or choice code has leading, trailing or double spaces, a non-breaking space or a line break.' },
  // Value-map tabs.
  { rule: 'value-map-unmapped-choice', severity: 'warning', description: 'A value-map row has a source value but no destination value.' },
  { rule: 'value-map-duplicate-source', severity: 'error', description: 'The same source value appears twice in one value-map list.' },
  // Against the systems' metadata and sample records (when they were imported).
  { rule: 'unknown-destination', severity: 'error', description: "A destination path or UID that the destination system's metadata does not have." },
  { rule: 'unknown-source', severity: 'error', description: 'A source path that neither the source metadata nor any sample record has.' },
  { rule: 'destination-type-mismatch', severity: 'warning', description: "The row's destination type disagrees with the type in the destination system's metadata." },
  { rule: 'source-path-not-in-sample', severity: 'info', description: 'A mapped source path that no sample record has a value for.' },
  { rule: 'sample-field-unmapped', severity: 'info', description: 'A field of the sample record that no live row maps: nobody decided about it.' },
  { rule: 'unknown-option-code', severity: 'error', description: "A value-map destination code that is not in the destination field's option set." },
  { rule: 'option-not-covered', severity: 'warning', description: "A choice of the source field's list (source metadata) that no value-map row maps." },
] as const;

export type RuleName = (typeof RULES)[number]['rule'];

export const RULE_NAMES: readonly RuleName[] = RULES.map((r) => r.rule);

const DEFAULT_SEVERITY = new Map<string, Severity>(RULES.map((r) => [r.rule, r.severity]));
const DESCRIPTION = new Map<string, string>(RULES.map((r) => [r.rule, r.description]));

export function isRuleName(s: string): s is RuleName {
  return DEFAULT_SEVERITY.has(s);
}

/**
 * One finding. row is the 1-based sheet row (null for a whole-tab finding such as an empty tab);
 * column is the column letter (null when the finding is about a row or the tab); columnName is the
 * header text as the user wrote it (null when there is no column or no header).
 * JSON-safe by construction: it is sent to the sidebar as is.
 */
export type Finding = {
  tab: string;
  row: number | null;
  column: string | null;
  columnName: string | null;
  rule: RuleName;
  severity: Severity;
  message: string;
  hint: string;
  /** A grouped finding (groupFindings): every row it stands for, in order; `row` is the first. */
  rows?: number[];
};

/**
 * "Mapping, row 7, column K (Destination type)". Names what a person would look for; the column
 * name is truncated so a 50,000-character header cannot flood the message.
 */
export function locate(tab: string, row: number | null, column: string | null, columnName: string | null): string {
  const parts = [truncate(tab, 60)];
  if (row !== null) parts.push(`row ${row}`);
  if (column !== null) parts.push(columnName ? `column ${column} (${truncate(columnName.replace(/\s+/g, ' ').trim(), 40)})` : `column ${column}`);
  return parts.join(', ');
}

export type FindingInput = {
  tab: string;
  row: number | null;
  column: string | null;
  columnName: string | null;
  rule: RuleName;
  /** How the message names the column when it differs from columnName ("DESTINATION › Type"). */
  columnTitle?: string | null;
  /** The message after "Tab, row N, column X (Name): ". */
  text: string;
  hint: string;
};

/** Location of a finding; columnName already on one line. */
export type FindingWhere = { tab: string; row: number | null; column: string | null; columnName: string | null; columnTitle: string | null };

export type SeverityOverrides = { readonly [rule: string]: Severity | 'off' };

/** What groupFindings needs of a finding beyond its JSON: its text after the location, and its group. */
type FindingNote = { text: string; where: string; group: string | null };

/** Builds findings with each rule's severity (or its override); 'off' rules make no findings. */
export class FindingSink {
  readonly findings: Finding[] = [];
  /** Kept beside the findings (not in them): the text and group each one was made with. */
  readonly notes = new Map<Finding, FindingNote>();
  constructor(private readonly overrides: SeverityOverrides = {}) {}

  severityOf(rule: RuleName): Severity | 'off' {
    return this.overrides[rule] ?? DEFAULT_SEVERITY.get(rule) ?? 'warning';
  }

  /** Whether a rule is switched off (callers skip building its message). */
  isOff(rule: RuleName): boolean {
    return this.severityOf(rule) === 'off';
  }

  /**
   * Same as add, with the location passed as is (no object spread per finding: rows are many).
   * `group` (e.g. the unknown word) makes the findings of one tab, rule, column and group one finding
   * listing its rows (groupFindings).
   */
  addAt(where: FindingWhere, rule: RuleName, text: string, hint: string, group: string | null = null): void {
    const severity = this.severityOf(rule);
    if (severity === 'off') return;
    const finding: Finding = {
      tab: where.tab,
      row: where.row,
      column: where.column,
      columnName: where.columnName === null ? null : truncate(where.columnName, 100),
      rule,
      severity,
      message: `${locate(where.tab, where.row, where.column, where.columnTitle ?? where.columnName)}: ${text}`,
      hint,
    };
    this.findings.push(finding);
    this.notes.set(finding, { text, where: locate(where.tab, null, where.column, where.columnTitle ?? where.columnName), group });
  }

  add(f: FindingInput): void {
    const severity = this.severityOf(f.rule);
    if (severity === 'off') return;
    this.findings.push({
      tab: f.tab,
      row: f.row,
      column: f.column,
      // The name as written, on one line and cut: a 50,000-character header stays out of every finding.
      columnName: f.columnName === null ? null : truncate(f.columnName.replace(/\s+/g, ' ').trim(), 100) || null,
      rule: f.rule,
      severity,
      message: `${locate(f.tab, f.row, f.column, f.columnTitle ?? f.columnName)}: ${f.text}`,
      hint: f.hint,
    });
  }
}

export { quote };

/** Rules whose groups are words a person decides about one by one (own-words.ts offers them). */
const WORD_RULES: ReadonlySet<string> = new Set(['unknown-status', 'unknown-type']);

/** A rule firing on more rows than this in one tab is one finding, so one cause never floods the list. */
export const GROUP_OVER_ROWS = 25;
const LISTED_ROWS = 5;

function rowList(rows: readonly number[]): string {
  const shown = rows.slice(0, LISTED_ROWS).join(', ');
  return rows.length > LISTED_ROWS ? `${shown} and ${rows.length - LISTED_ROWS} more` : shown;
}

/**
 * Findings as a person should read them: the findings made with a group (the same unknown status or
 * type word in one column) become one finding listing its rows, and any rule that still fires on more
 * than GROUP_OVER_ROWS rows of one tab becomes one finding with the count and the first rows. A
 * grouped finding keeps every row in `rows` (the painter marks them all) and the hint of its rule.
 */
export function groupFindings(findings: readonly Finding[], notes: ReadonlyMap<Finding, FindingNote>): Finding[] {
  const merge = (members: Finding[], message: string): Finding => {
    const rows = members.map((f) => f.row).filter((r): r is number => r !== null);
    const columns = new Set(members.map((f) => f.column));
    const first = members[0]!;
    const column = columns.size === 1 ? first.column : null;
    return { ...first, column, columnName: column === null ? null : first.columnName, message, rows };
  };
  // 1. The same word in the same column: one finding per tab, rule, column and word.
  const byGroup = new Map<string, Finding[]>();
  const out: (Finding | Finding[])[] = [];
  for (const f of findings) {
    const note = notes.get(f);
    if (!note?.group || f.row === null) {
      out.push(f);
      continue;
    }
    const key = `${f.tab}\u0000${f.rule}\u0000${f.column}\u0000${note.group}`;
    const members = byGroup.get(key);
    if (members) members.push(f);
    else {
      const list = [f];
      byGroup.set(key, list);
      out.push(list);
    }
  }
  // An unknown status or type word is one decision per word: the count rule below leaves those alone.
  // Other groups (one text with stray spaces) still count towards their rule's rows in the tab.
  const byWord = new Set<Finding>();
  const worded = out.map((x) => {
    if (!Array.isArray(x)) return x;
    const note = notes.get(x[0]!)!;
    const one = x.length === 1 ? x[0]! : merge(x, `${note.where}: ${note.text} On ${x.length} rows: ${rowList(x.map((f) => f.row!))}.`);
    if (WORD_RULES.has(one.rule)) byWord.add(one);
    return one;
  });
  // 2. A rule on more than GROUP_OVER_ROWS rows of one tab: one finding.
  const perRule = new Map<string, Finding[]>();
  for (const f of worded) {
    if (f.row === null || byWord.has(f)) continue;
    const key = `${f.tab}\u0000${f.rule}`;
    perRule.set(key, [...(perRule.get(key) ?? []), f]);
  }
  const done = new Set<string>();
  const result: Finding[] = [];
  for (const f of worded) {
    const key = `${f.tab}\u0000${f.rule}`;
    const members = f.row === null || byWord.has(f) ? null : perRule.get(key)!;
    if (!members || members.reduce((n, m) => n + (m.rows?.length ?? 1), 0) <= GROUP_OVER_ROWS) {
      result.push(f);
      continue;
    }
    if (done.has(key)) continue;
    done.add(key);
    const rows = [...new Set(members.flatMap((m) => m.rows ?? [m.row!]))].sort((a, b) => a - b);
    const firstText = notes.get(members[0]!)?.text ?? members[0]!.message;
    const grouped = merge(members, `${truncate(f.tab, 60)}: ${DESCRIPTION.get(f.rule) ?? f.rule} This is so on ${rows.length} rows: ${rowList(rows)}. The first: ${firstText}`);
    result.push({ ...grouped, rows });
  }
  return result;
}
