/**
 * Paints a registered tab's data rows from their statuses and the findings on them, and notes on
 * failing cells — reading and writing the fills and notes of the data block in one call each. Only
 * data rows of registered tabs are touched, and what Mapspec replaced is remembered.
 */
import { NOTE_MARK, planPaint, planRestore, statusColour, userNote, withMapspecNote, type ColourSettings, type PaintMemory } from '../../core/mapping/colours';
import { columnNumber } from '../../core/mapping/a1';
import type { Finding } from '../../core/mapping/findings';
import type { TabGrid } from '../../core/mapping/grid';
import type { Layout } from '../../core/mapping/layout';
import { roleColumn } from '../../core/mapping/layout';

export type PaintTarget = {
  sheet: GoogleAppsScript.Spreadsheet.Sheet;
  grid: TabGrid;
  layout: Layout;
  /** Findings of this tab with a row and column. */
  findings: readonly Finding[];
  /** Paint only these sheet rows (an edit); all data rows when absent. */
  onlyRows?: ReadonlySet<number>;
};

type Block = { firstRow: number; rows: number; width: number };

/** The data rows to paint: all of them, or just the span of the edited rows. */
function dataBlock(grid: TabGrid, layout: Layout, onlyRows?: ReadonlySet<number>): Block | null {
  let firstRow = layout.headerRow + 1;
  let lastRow = (grid.firstRow ?? 1) + grid.values.length - 1;
  if (onlyRows) {
    firstRow = Math.max(firstRow, Math.min(...onlyRows));
    lastRow = Math.min(lastRow, Math.max(...onlyRows));
  }
  const width = grid.values.reduce((w, r) => Math.max(w, r.length), 0);
  if (lastRow < firstRow || width === 0) return null;
  return { firstRow, rows: lastRow - firstRow + 1, width };
}

function cellText(grid: TabGrid, row: number, column: number | null): string {
  if (column === null) return '';
  const r = grid.display?.[row - (grid.firstRow ?? 1)] ?? grid.values[row - (grid.firstRow ?? 1)];
  const v = r?.[column - 1];
  return v === null || v === undefined ? '' : String(v);
}

/** The row's stable identity: its key when it has one, else its row number. */
export function rowKey(grid: TabGrid, layout: Layout, row: number): string {
  const key = cellText(grid, row, layout.keyColumn).trim();
  return key ? `key:${key}` : `row:${row}`;
}

export type PaintResult = { memory: Record<string, PaintMemory>; paintedCells: number };

/** Paints one tab; returns the memory to keep for it (rows outside onlyRows keep theirs). */
export function paintTab(target: PaintTarget, previous: Readonly<Record<string, PaintMemory>>, colours: ColourSettings): PaintResult {
  const { sheet, grid, layout, findings, onlyRows } = target;
  const block = dataBlock(grid, layout, onlyRows);
  if (!block) return { memory: { ...previous }, paintedCells: 0 };
  const range = sheet.getRange(block.firstRow, 1, block.rows, block.width);
  const current = range.getBackgrounds();
  const notes = range.getNotes();
  const statusCol = layout.kind === 'mapping' || layout.kind === 'dictionary' ? roleColumn(layout, 'status') : null;

  const errorsByRow = new Map<number, Map<number, string>>();
  for (const f of findings) {
    if (f.severity !== 'error' || f.row === null || f.column === null) continue;
    const col = columnNumber(f.column);
    if (col === null || col > block.width) continue;
    if (!errorsByRow.has(f.row)) errorsByRow.set(f.row, new Map());
    const cells = errorsByRow.get(f.row)!;
    cells.set(col - 1, cells.has(col - 1) ? `${cells.get(col - 1)}\n${f.message}` : f.message);
  }

  const indexes: number[] = [];
  for (let i = 0; i < block.rows; i++) if (!onlyRows || onlyRows.has(block.firstRow + i)) indexes.push(i);
  const rows = indexes.map((i) => {
    const sheetRow = block.firstRow + i;
    const errors = errorsByRow.get(sheetRow);
    return {
      key: rowKey(grid, layout, sheetRow),
      current: current[i]!,
      rowColour: statusCol === null ? null : statusColour(cellText(grid, sheetRow, statusCol), colours),
      errorColumns: errors ? [...errors.keys()] : [],
    };
  });
  // A row painted before it had an ID (an edit, then "Run checks" filled the ID) keeps its memory.
  const known: Record<string, PaintMemory> = { ...previous };
  indexes.forEach((i, n) => {
    const key = rows[n]!.key;
    const byRow = `row:${block.firstRow + i}`;
    if (!known[key] && key !== byRow && known[byRow]) known[key] = known[byRow]!;
  });
  const plan = planPaint(rows, known, colours);
  const memory: Record<string, PaintMemory> = {};
  if (onlyRows) {
    const touched = new Set(rows.map((r) => r.key));
    for (const [k, m] of Object.entries(previous)) if (!touched.has(k)) memory[k] = m;
  }
  Object.assign(memory, plan.memory);

  let notesChanged = false;
  const newNotes = notes.map((r) => r.slice());
  indexes.forEach((i, n) => {
    current[i] = plan.fills[n]!;
    const errors = errorsByRow.get(block.firstRow + i);
    for (let j = 0; j < block.width; j++) {
      const message = colours.errorTint ? (errors?.get(j) ?? null) : null;
      const next = withMapspecNote(notes[i]![j] ?? '', message);
      if (next !== notes[i]![j]) {
        newNotes[i]![j] = next;
        notesChanged = true;
      }
    }
  });
  if (plan.changed) range.setBackgrounds(current);
  if (notesChanged) range.setNotes(newNotes);
  return { memory, paintedCells: plan.paintedCells };
}

/** Puts back a tab's replaced fills and removes Mapspec's notes; returns the cells restored. */
export function restoreTab(sheet: GoogleAppsScript.Spreadsheet.Sheet, grid: TabGrid, layout: Layout, previous: Readonly<Record<string, PaintMemory>>): number {
  const block = dataBlock(grid, layout);
  if (!block) return 0;
  const range = sheet.getRange(block.firstRow, 1, block.rows, block.width);
  const current = range.getBackgrounds();
  const rows = current.map((c, i) => ({ key: rowKey(grid, layout, block.firstRow + i), current: c }));
  const { fills, restoredCells } = planRestore(rows, previous);
  if (restoredCells > 0) range.setBackgrounds(fills);
  const notes = range.getNotes();
  if (notes.some((r) => r.some((n) => n.includes(NOTE_MARK)))) range.setNotes(notes.map((r) => r.map(userNote)));
  return restoredCells;
}
