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
  { rule: 'missing-key', severity: 'info', description: 'A live row has no ID in the key column; Mapspec can propose one.' },
  { rule: 'duplicate-key', severity: 'error', description: 'Two rows have the same ID (within a tab, or across tabs for IDs Mapspec manages).' },
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
] as const;

export type RuleName = (typeof RULES)[number]['rule'];

export const RULE_NAMES: readonly RuleName[] = RULES.map((r) => r.rule);

const DEFAULT_SEVERITY = new Map<string, Severity>(RULES.map((r) => [r.rule, r.severity]));

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

/** Builds findings with each rule's severity (or its override); 'off' rules make no findings. */
export class FindingSink {
  readonly findings: Finding[] = [];
  constructor(private readonly overrides: SeverityOverrides = {}) {}

  severityOf(rule: RuleName): Severity | 'off' {
    return this.overrides[rule] ?? DEFAULT_SEVERITY.get(rule) ?? 'warning';
  }

  /** Whether a rule is switched off (callers skip building its message). */
  isOff(rule: RuleName): boolean {
    return this.severityOf(rule) === 'off';
  }

  /** Same as add, with the location passed as is (no object spread per finding: rows are many). */
  addAt(where: FindingWhere, rule: RuleName, text: string, hint: string): void {
    const severity = this.severityOf(rule);
    if (severity === 'off') return;
    this.findings.push({
      tab: where.tab,
      row: where.row,
      column: where.column,
      columnName: where.columnName === null ? null : truncate(where.columnName, 100),
      rule,
      severity,
      message: `${locate(where.tab, where.row, where.column, where.columnTitle ?? where.columnName)}: ${text}`,
      hint,
    });
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
