/**
 * Colour coding of mapping rows, following OpenFn's template convention: yellow = needs discussion,
 * pink = newly added, a third colour for cells changed since the last version, and an error
 * tint (with a note) on cells that fail a check. Pure: given the current fills and what Mapspec
 * painted before, it plans the new fills and what to remember, so that "Clear Mapspec colours" puts
 * back exactly the fills Mapspec replaced — and a fill the person chose since is never overwritten
 * by a restore.
 */
import { compareKey } from './text';

export type ColourSettings = {
  needsDiscussion: string;
  newRow: string;
  changed: string;
  error: string;
  /** Tint cells that fail a check (and add a note); false leaves them to the checks panel. */
  errorTint: boolean;
};

export const DEFAULT_COLOURS: ColourSettings = {
  needsDiscussion: '#fff2cc',
  newRow: '#ead1dc',
  changed: '#c9daf8',
  error: '#ea9999',
  errorTint: true,
};

export type LegendItem = { key: 'needsDiscussion' | 'newRow' | 'changed' | 'error'; colour: string; label: string; meaning: string };

/** The legend as the README tab and the sidebar show it, generated from the actual settings. */
export function legend(colours: ColourSettings): LegendItem[] {
  const items: LegendItem[] = [
    { key: 'needsDiscussion', colour: colours.needsDiscussion, label: 'Needs discussion', meaning: 'Rows whose status is "Needs discussion".' },
    { key: 'newRow', colour: colours.newRow, label: 'New', meaning: 'Rows whose status is "New", and rows added since the last version.' },
    { key: 'changed', colour: colours.changed, label: 'Changed', meaning: 'Cells changed since the last version.' },
  ];
  if (colours.errorTint) items.push({ key: 'error', colour: colours.error, label: 'Check failed', meaning: 'Cells that fail a check (an error or a warning); the cell note says why.' });
  return items;
}

/**
 * The status colour of a row, or null to leave its fill alone. A spec's own status word is read as
 * the status it was adopted as ("Pending" → Needs discussion).
 */
export function statusColour(status: string, colours: ColourSettings, synonyms: { readonly [word: string]: string } = {}): string | null {
  let key = compareKey(status);
  for (const [word, to] of Object.entries(synonyms)) {
    if (compareKey(word) === key) {
      key = compareKey(to);
      break;
    }
  }
  if (key === compareKey('Needs discussion')) return colours.needsDiscussion;
  if (key === compareKey('New')) return colours.newRow;
  return null;
}

/** What Mapspec remembers about one painted row: the fills it replaced and the fills it set. */
export type PaintMemory = { original: string[]; painted: string[] };

export type RowPaint = {
  /** Stable identity of the row (its key, or "row:N" when it has none). */
  key: string;
  /** Current fills of the row's cells (one per column of the painted span). */
  current: string[];
  /** Row-wide colour from its status, or null. */
  rowColour: string | null;
  /** 0-based columns (within the span) to tint as failing a check. */
  errorColumns: readonly number[];
  /** Colours of single cells (0-based), e.g. cells changed since the last version; errors win. */
  cellColours?: ReadonlyMap<number, string>;
};

export type PaintPlan = {
  /** New fills, one row per input row. */
  fills: string[][];
  /** Memory to keep for rows Mapspec paints; rows absent here are not painted. */
  memory: Record<string, PaintMemory>;
  /** Number of cells whose fill differs from what the person had. */
  paintedCells: number;
  /** True when fills differ from the current ones (a write is needed). */
  changed: boolean;
};

function sameColour(a: string | undefined, b: string | undefined): boolean {
  return (a ?? '').toLowerCase() === (b ?? '').toLowerCase();
}

/**
 * The person's own fill of each cell: what Mapspec replaced, if the cell still shows what Mapspec
 * painted; otherwise what the cell shows now (the person changed it since).
 */
export function baselineFills(current: readonly string[], memory: PaintMemory | undefined): string[] {
  return current.map((c, j) => (memory && memory.painted.length === current.length && sameColour(c, memory.painted[j]) ? memory.original[j]! : c));
}

/** Plans the fills of a tab's data rows from their statuses and failing cells. */
export function planPaint(rows: readonly RowPaint[], previous: Readonly<Record<string, PaintMemory>>, colours: ColourSettings): PaintPlan {
  const memory: Record<string, PaintMemory> = {};
  const fills: string[][] = [];
  let paintedCells = 0;
  let changed = false;
  for (const row of rows) {
    const baseline = baselineFills(row.current, previous[row.key]);
    const errors = colours.errorTint ? new Set(row.errorColumns) : new Set<number>();
    const desired = baseline.map((b, j) => (errors.has(j) ? colours.error : (row.cellColours?.get(j) ?? row.rowColour ?? b)));
    let differs = 0;
    for (let j = 0; j < desired.length; j++) {
      if (!sameColour(desired[j], baseline[j])) differs++;
      if (!sameColour(desired[j], row.current[j])) changed = true;
    }
    if (differs > 0) memory[row.key] = { original: baseline, painted: desired };
    paintedCells += differs;
    fills.push(desired);
  }
  return { fills, memory, paintedCells, changed };
}

/** Fills that put back what Mapspec replaced; cells the person repainted since are kept. */
export function planRestore(rows: readonly { key: string; current: string[] }[], previous: Readonly<Record<string, PaintMemory>>): { fills: string[][]; restoredCells: number } {
  let restoredCells = 0;
  const fills = rows.map((row) => {
    const baseline = baselineFills(row.current, previous[row.key]);
    baseline.forEach((b, j) => {
      if (!sameColour(b, row.current[j])) restoredCells++;
    });
    return baseline;
  });
  return { fills, restoredCells };
}

/** Start of each line Mapspec writes in a note; the person's own note text is kept above it. */
export const NOTE_MARK = '⚑ Mapspec';

/** One line of Mapspec's part of a note: the rule that failed and its message. */
export type NoteMessage = { rule: string; message: string };

/** The note without Mapspec's part. */
export function userNote(note: string): string {
  const at = note.indexOf(NOTE_MARK);
  if (at < 0) return note;
  return note.slice(0, at).replace(/\n+$/, '');
}

/** The rules and messages of Mapspec's part of a note (so an edit can keep what it did not re-check). */
export function mapspecNoteMessages(note: string): NoteMessage[] {
  const at = note.indexOf(NOTE_MARK);
  if (at < 0) return [];
  const out: NoteMessage[] = [];
  for (const line of note.slice(at).split('\n')) {
    const m = /^⚑ Mapspec \(([a-z-]+)\): ([\s\S]*)$/.exec(line);
    if (m) out.push({ rule: m[1]!, message: m[2]! });
  }
  return out;
}

/** The person's note plus Mapspec's lines, one per failing rule (or just theirs when there are none). */
export function withMapspecNote(note: string, messages: readonly NoteMessage[]): string {
  const own = userNote(note);
  if (messages.length === 0) return own;
  const lines = messages.map((m) => `${NOTE_MARK} (${m.rule}): ${m.message.replace(/\n/g, ' ')}`).join('\n');
  return own ? `${own}\n\n${lines}` : lines;
}
