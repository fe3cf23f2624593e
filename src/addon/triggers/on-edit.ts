/**
 * The simple onEdit trigger: recolours only the edited rows of a registered tab (status colours,
 * and tints from the checks that look at one row). Tints from checks across rows — duplicate keys
 * or destinations, list references — are kept until the next "Run checks" re-evaluates them, since
 * they need the whole spreadsheet. It never blocks typing:
 * when another Mapspec change holds the lock, the edit is left for the next run.
 */
import { checkTab } from '../../core/mapping/checks';
import type { TabGrid } from '../../core/mapping/grid';
import { readPaintMemory, writePaintMemory } from '../adapters/paint-store';
import { loadSpec } from '../spec/spec-store';
import { planTabPaint } from '../spec/paint';

const ACROSS_ROWS = new Set(['duplicate-key', 'duplicate-destination', 'no-unique-identifier', 'unknown-value-map']);

export function recolourEditedRows(e: GoogleAppsScript.Events.SheetsOnEdit): void {
  if (!e || !e.range) return;
  const range = e.range;
  const sheet = range.getSheet();
  const sheetId = sheet.getSheetId();
  const spec = loadSpec();
  const layout = spec.layouts.get(sheetId);
  if (!layout || (layout.kind !== 'mapping' && layout.kind !== 'dictionary')) return;
  const first = Math.max(range.getRow(), layout.headerRow + 1);
  const last = range.getRow() + range.getNumRows() - 1;
  const lastColumn = sheet.getLastColumn();
  if (last < first || lastColumn === 0) return;

  const lock = LockService.getDocumentLock();
  if (!lock.tryLock(1000)) return;
  try {
    const head = sheet.getRange(1, 1, layout.headerRow, lastColumn);
    const rows = sheet.getRange(first, 1, last - first + 1, lastColumn);
    const gap: unknown[][] = Array.from({ length: first - layout.headerRow - 1 }, () => []);
    const gapText: string[][] = gap as string[][];
    const grid: TabGrid = {
      name: sheet.getName(),
      sheetId,
      values: [...head.getValues(), ...gap, ...rows.getValues()],
      display: [...head.getDisplayValues(), ...gapText, ...rows.getDisplayValues()],
    };
    const report = checkTab({ grid, layout }, null, spec.mapping);
    const findings = report.findings.filter((f) => f.row !== null && f.row >= first && !ACROSS_ROWS.has(f.rule));
    const ss = sheet.getParent();
    const memory = readPaintMemory(ss);
    const onlyRows = new Set(Array.from({ length: last - first + 1 }, (_, i) => first + i));
    // Tints from checks across rows stay: only "Run checks" can tell whether they still hold.
    const plan = planTabPaint({ sheet, grid, layout, findings, onlyRows, keepRules: ACROSS_ROWS, statusSynonyms: spec.mapping.statusSynonyms }, memory.get(sheetId) ?? {}, spec.colours);
    memory.set(sheetId, plan.memory);
    writePaintMemory(ss, memory);
    plan.apply();
  } finally {
    lock.releaseLock();
  }
}
