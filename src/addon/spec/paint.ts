/**
 * Paints a registered tab's data rows from their statuses and the findings on them (errors and
 * warnings tint their cells and add a note line), reading and writing the fills and notes of the
 * data block in one call each. Only data rows of registered tabs are touched. Painting is planned
 * first and applied after, so the caller can save what Mapspec replaced before anything changes.
 */
import { mapspecNoteMessages, planPaint, planRestore, statusColour, userNote, withMapspecNote, NOTE_MARK, type ColourSettings, type NoteMessage, type PaintMemory } from '../../core/mapping/colours';
import { columnNumber } from '../../core/mapping/a1';
import type { Finding } from '../../core/mapping/findings';
import { GridReader, type TabGrid } from '../../core/mapping/grid';
import { resolveLayout, type Layout } from '../../core/mapping/layout';
import type { VersionMarks } from './version-marks';

export type PaintTarget = {
  sheet: GoogleAppsScript.Spreadsheet.Sheet;
  grid: TabGrid;
  layout: Layout;
  /** Findings of this tab. */
  findings: readonly Finding[];
  /** Paint only these sheet rows (an edit); all data rows when absent. */
  onlyRows?: ReadonlySet<number>;
  /** Rules whose existing tints and note lines stay as they are (checks an edit could not re-run). */
  keepRules?: ReadonlySet<string>;
  /** Rows added and cells changed since the last version, by row key. */
  since?: VersionMarks;
  /** The spec's own status words and the statuses they were adopted as (settings statusSynonyms). */
  statusSynonyms?: { readonly [word: string]: string };
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

/**
 * Each row's stable identity, by sheet row: its key (with the occurrence when a key repeats, so two
 * rows with one ID keep separate memories), or its row number when it has none. Columns are found
 * where they are now, even if they moved since the layout was saved.
 */
export function rowKeys(grid: TabGrid, layout: Layout, firstRow: number, lastRow: number): { keys: Map<number, string>; statusColumn: number | null } {
  const resolved = resolveLayout(new GridReader(grid), layout);
  const seen = new Map<string, number>();
  const keys = new Map<number, string>();
  for (let row = firstRow; row <= lastRow; row++) {
    const key = cellText(grid, row, resolved.keyColumn).trim();
    if (!key) {
      keys.set(row, `row:${row}`);
      continue;
    }
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    keys.set(row, n === 1 ? `key:${key}` : `key:${key}#${n}`);
  }
  return { keys, statusColumn: resolved.columnOf.get('status') ?? null };
}

export type PaintPlanned = { memory: Record<string, PaintMemory>; paintedCells: number; apply(): void };

/** Plans one tab's fills and notes (reads only); apply() writes them. */
export function planTabPaint(target: PaintTarget, previous: Readonly<Record<string, PaintMemory>>, colours: ColourSettings): PaintPlanned {
  const { sheet, grid, layout, findings, onlyRows, keepRules, since, statusSynonyms } = target;
  const block = dataBlock(grid, layout, onlyRows);
  if (!block) return { memory: { ...previous }, paintedCells: 0, apply: () => undefined };
  const range = sheet.getRange(block.firstRow, 1, block.rows, block.width);
  const current = range.getBackgrounds();
  const notes = range.getNotes();
  const { keys, statusColumn } = rowKeys(grid, layout, layout.headerRow + 1, block.firstRow + block.rows - 1);
  const usesStatus = layout.kind === 'mapping' || layout.kind === 'dictionary';

  const failing = new Map<number, Map<number, NoteMessage[]>>();
  const add = (row: number, col: number, m: NoteMessage) => {
    if (!failing.has(row)) failing.set(row, new Map());
    const cells = failing.get(row)!;
    cells.set(col, [...(cells.get(col) ?? []), m]);
  };
  for (const f of findings) {
    if (f.severity === 'info' || f.row === null || f.column === null) continue;
    const col = columnNumber(f.column);
    // A grouped finding marks every row it stands for.
    if (col !== null && col <= block.width) for (const row of f.rows ?? [f.row]) add(row, col - 1, { rule: f.rule, message: f.message });
  }
  const indexes: number[] = [];
  for (let i = 0; i < block.rows; i++) if (!onlyRows || onlyRows.has(block.firstRow + i)) indexes.push(i);
  if (keepRules) {
    for (const i of indexes) {
      notes[i]!.forEach((note, j) => {
        for (const m of mapspecNoteMessages(note)) if (keepRules.has(m.rule)) add(block.firstRow + i, j, m);
      });
    }
  }

  const rows = indexes.map((i) => {
    const sheetRow = block.firstRow + i;
    const cells = failing.get(sheetRow);
    const key = keys.get(sheetRow)!;
    // The status speaks first (a question is more urgent than newness); then "added since the last version".
    const byStatus = usesStatus && statusColumn !== null ? statusColour(cellText(grid, sheetRow, statusColumn), colours, statusSynonyms) : null;
    const changed = since?.changed.get(key);
    return {
      key,
      current: current[i]!,
      rowColour: byStatus ?? (since?.added.has(key) ? colours.newRow : null),
      errorColumns: cells ? [...cells.keys()] : [],
      cellColours: changed ? new Map([...changed].map((j) => [j, colours.changed])) : undefined,
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
    const cells = failing.get(block.firstRow + i);
    for (let j = 0; j < block.width; j++) {
      const next = withMapspecNote(notes[i]![j] ?? '', colours.errorTint ? (cells?.get(j) ?? []) : []);
      if (next !== notes[i]![j]) {
        newNotes[i]![j] = next;
        notesChanged = true;
      }
    }
  });
  return {
    memory,
    paintedCells: plan.paintedCells,
    apply: () => {
      if (plan.changed) range.setBackgrounds(current);
      if (notesChanged) range.setNotes(newNotes);
    },
  };
}

/** Puts back a tab's replaced fills and removes Mapspec's notes; returns the cells restored. */
export function restoreTab(sheet: GoogleAppsScript.Spreadsheet.Sheet, grid: TabGrid, layout: Layout, previous: Readonly<Record<string, PaintMemory>>): number {
  const block = dataBlock(grid, layout);
  if (!block) return 0;
  const range = sheet.getRange(block.firstRow, 1, block.rows, block.width);
  const current = range.getBackgrounds();
  const { keys } = rowKeys(grid, layout, block.firstRow, block.firstRow + block.rows - 1);
  const rows = current.map((c, i) => ({ key: keys.get(block.firstRow + i)!, current: c }));
  const { fills, restoredCells } = planRestore(rows, previous);
  if (restoredCells > 0) range.setBackgrounds(fills);
  const notes = range.getNotes();
  if (notes.some((r) => r.some((n) => n.includes(NOTE_MARK)))) range.setNotes(notes.map((r) => r.map(userNote)));
  return restoredCells;
}
