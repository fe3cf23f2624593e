/**
 * The spreadsheet grid of the playground page: windowed rendering (only the cells on screen exist in
 * the DOM, fetched from the server in row blocks, so a 5,000-row sheet scrolls smoothly), frozen rows
 * and columns (sticky bands that stay put while the rest scrolls), merges, text overflow into empty
 * neighbours, notes, checkboxes and dropdown chips, selection with the active cell, keyboard
 * navigation, in-cell editing, and copy/paste of TSV blocks (one paste is one edit).
 */
import { a1Of, clear, columnLetter, h, parseA1, rectA1, type Rect } from './dom';
import { getJson, type SheetLayout, type ViewCell } from './api';

export const HEADER_W = 46;
export const HEADER_H = 24;
const DEFAULT_W = 100;
const DEFAULT_H = 21;
const BLOCK = 100;
const MAX_FETCH_COLUMNS = 400;
const KEY = (r: number, c: number): number => r * 20000 + c;

export interface GridEdit {
  row: number;
  column: number;
  values: (string | number | boolean | null)[][];
}

export interface GridHooks {
  /** The person moved the selection (the page tells the server, for getActiveRange). */
  onSelect(sheetId: number, a1: string): void;
  /** The person committed an edit: the page posts it, fires triggers and refreshes. */
  onEdit(sheetId: number, edit: GridEdit): Promise<void>;
  /** Text for the formula bar and name box when the selection moves. */
  onSelectionShown(nameBox: string, input: string, cell: ViewCell | undefined): void;
  /** A row header's menu was asked for (right click): insert rows there. */
  onRowMenu?(sheetId: number, row: number, owner: HTMLElement): void;
}


export class Grid {
  readonly root: HTMLElement;
  readonly viewport: HTMLElement;
  private readonly canvas: HTMLElement;
  private readonly mainLayer: HTMLElement;
  private readonly topBand: HTMLElement;
  private readonly cornerLayer: HTMLElement;
  private readonly leftBand: HTMLElement;
  private readonly notePopup: HTMLElement;
  private readonly live: HTMLElement;
  private layout: SheetLayout | null = null;
  private version = -1;
  private colLeft: number[] = [0, 0];
  private rowTop: number[] = [0, 0];
  private cells = new Map<number, ViewCell>();
  private covered = new Set<number>();
  private loadedBlocks = new Set<number>();
  private pendingBlocks = new Set<number>();
  private frame = 0;
  /** Active cell and the anchor of the selected range. */
  private cur = { r: 1, c: 1 };
  private anchor = { r: 1, c: 1 };
  private dragging = false;
  private editor: { el: HTMLTextAreaElement; r: number; c: number; mode: 'enter' | 'edit'; original: string } | null = null;
  private selectTimer = 0;

  constructor(private readonly hooks: GridHooks) {
    this.mainLayer = h('div', { class: 'layer main-layer' });
    this.cornerLayer = h('div', { class: 'layer corner-layer' });
    this.topBand = h('div', { class: 'layer top-band' }, this.cornerLayer);
    this.leftBand = h('div', { class: 'layer left-band' });
    this.canvas = h('div', { class: 'grid-canvas' }, this.mainLayer, this.topBand, this.leftBand);
    this.viewport = h('div', { class: 'grid-viewport', tabindex: 0, role: 'grid', 'aria-multiselectable': 'true' }, this.canvas);
    this.notePopup = h('div', { class: 'note-popup', role: 'tooltip', hidden: true });
    this.live = h('div', { class: 'sr-only', 'aria-live': 'polite' });
    this.root = h('div', { class: 'grid-root' }, this.viewport, this.notePopup, this.live);
    this.viewport.addEventListener('scroll', () => this.schedule());
    this.viewport.addEventListener('keydown', (e) => this.onKey(e));
    this.viewport.addEventListener('mousedown', (e) => this.onMouseDown(e));
    this.viewport.addEventListener('contextmenu', (e) => {
      const head = (e.target as Element).closest<HTMLElement>('.row-head');
      if (!head || !this.layout || !this.hooks.onRowMenu) return;
      e.preventDefault();
      this.hooks.onRowMenu(this.layout.id, Number(head.dataset.row), head);
    });
    this.viewport.addEventListener('dblclick', (e) => this.onDoubleClick(e));
    this.viewport.addEventListener('mouseover', (e) => this.onHover(e));
    this.viewport.addEventListener('mouseleave', () => this.hideNote());
    document.addEventListener('mousemove', (e) => this.onDrag(e));
    document.addEventListener('mouseup', () => (this.dragging = false));
    document.addEventListener('copy', (e) => this.onCopy(e, false));
    document.addEventListener('cut', (e) => this.onCopy(e, true));
    document.addEventListener('paste', (e) => this.onPaste(e));
    new ResizeObserver(() => this.schedule()).observe(this.viewport);
  }

  get sheetId(): number | undefined {
    return this.layout?.id;
  }

  get selection(): Rect {
    return { r1: Math.min(this.cur.r, this.anchor.r), c1: Math.min(this.cur.c, this.anchor.c), r2: Math.max(this.cur.r, this.anchor.r), c2: Math.max(this.cur.c, this.anchor.c) };
  }

  get isEditing(): boolean {
    return this.editor !== null;
  }

  /** New data from the server: the sheet's layout and a window of cells at `version`. */
  setData(layout: SheetLayout, version: number, cells: ViewCell[], window: { r1: number; r2: number }): void {
    const sheetChanged = this.layout?.id !== layout.id;
    if (sheetChanged || version !== this.version) {
      this.cells.clear();
      this.loadedBlocks.clear();
      this.pendingBlocks.clear();
    }
    this.layout = layout;
    this.version = version;
    this.measure();
    for (const cell of cells) this.cells.set(KEY(cell.r, cell.c), cell);
    for (let b = Math.floor((window.r1 - 1) / BLOCK); b * BLOCK + BLOCK <= window.r2; b++) this.loadedBlocks.add(b);
    this.viewport.setAttribute('aria-label', layout.name);
    this.viewport.setAttribute('aria-rowcount', String(layout.maxRows));
    this.viewport.setAttribute('aria-colcount', String(layout.maxColumns));
    if (sheetChanged) {
      this.viewport.scrollTop = 0;
      this.viewport.scrollLeft = 0;
    }
    this.clampSelection();
    this.render();
    this.showSelection();
  }

  /** Drops what the grid showed ahead of the server (an edit not made): the next setData redraws all. */
  discardShown(): void {
    this.version = -1;
  }

  /** Rows (whole blocks) the page should ask for with the next state refresh: what is on screen. */
  wantedRows(): { r1: number; r2: number } {
    if (!this.layout) return { r1: 1, r2: BLOCK };
    const v = this.visible();
    return { r1: Math.floor((v.r1 - 1) / BLOCK) * BLOCK + 1, r2: (Math.floor((v.r2 - 1) / BLOCK) + 1) * BLOCK };
  }

  /** Selects a cell or range given in A1 notation (the add-on activated it, or the name box). */
  selectA1(a1: string, options: { scroll?: boolean; notify?: boolean } = {}): boolean {
    const rect = parseA1(a1);
    if (!rect || !this.layout) return false;
    this.anchor = { r: rect.r1, c: rect.c1 };
    this.cur = { r: rect.r1, c: rect.c1 };
    if (rect.r2 !== rect.r1 || rect.c2 !== rect.c1) this.anchor = { r: rect.r2, c: rect.c2 };
    this.clampSelection();
    if (options.scroll !== false) this.scrollIntoView(this.cur.r, this.cur.c);
    this.render();
    this.showSelection();
    if (options.notify) this.notifySelect();
    return true;
  }

  focus(): void {
    this.viewport.focus({ preventScroll: true });
  }

  private clampSelection(): void {
    if (!this.layout) return;
    const { maxRows, maxColumns } = this.layout;
    const clamp = (p: { r: number; c: number }) => ({ r: Math.min(Math.max(1, p.r), maxRows), c: Math.min(Math.max(1, p.c), maxColumns) });
    this.cur = clamp(this.cur);
    this.anchor = clamp(this.anchor);
  }

  private measure(): void {
    const l = this.layout!;
    this.colLeft = new Array(l.maxColumns + 2);
    this.colLeft[1] = 0;
    for (let c = 1; c <= l.maxColumns; c++) this.colLeft[c + 1] = this.colLeft[c] + (l.columnWidths[c] ?? DEFAULT_W);
    this.rowTop = new Array(l.maxRows + 2);
    this.rowTop[1] = 0;
    for (let r = 1; r <= l.maxRows; r++) this.rowTop[r + 1] = this.rowTop[r] + (l.rowHeights[r] ?? DEFAULT_H);
    this.covered.clear();
    for (const m of l.merges) for (let r = m.r1; r <= m.r2; r++) for (let c = m.c1; c <= m.c2; c++) if (r !== m.r1 || c !== m.c1) this.covered.add(KEY(r, c));
    const totalW = this.colLeft[l.maxColumns + 1];
    const totalH = this.rowTop[l.maxRows + 1];
    const fw = this.colLeft[l.frozenColumns + 1];
    const fh = this.rowTop[l.frozenRows + 1];
    this.canvas.style.width = `${HEADER_W + totalW}px`;
    this.canvas.style.height = `${HEADER_H + totalH}px`;
    this.topBand.style.height = `${HEADER_H + fh}px`;
    this.cornerLayer.style.width = `${HEADER_W + fw}px`;
    this.cornerLayer.style.height = `${HEADER_H + fh}px`;
    this.leftBand.style.width = `${HEADER_W + fw}px`;
    this.leftBand.style.height = `${totalH - fh}px`;
  }

  private rowAt(y: number): number {
    const l = this.layout!;
    let lo = 1;
    let hi = l.maxRows;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.rowTop[mid] <= y) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  private colAt(x: number): number {
    const l = this.layout!;
    let lo = 1;
    let hi = l.maxColumns;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.colLeft[mid] <= x) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.render();
    });
  }

  /** Rows and columns of the scrolling area that are on screen (with a small margin). */
  private visible(): { r1: number; r2: number; c1: number; c2: number } {
    const l = this.layout!;
    const fw = this.colLeft[l.frozenColumns + 1];
    const fh = this.rowTop[l.frozenRows + 1];
    const { scrollLeft, scrollTop, clientWidth, clientHeight } = this.viewport;
    const r1 = Math.max(l.frozenRows + 1, this.rowAt(scrollTop + fh) - 2);
    const r2 = Math.min(l.maxRows, this.rowAt(scrollTop + Math.max(clientHeight, 200) - HEADER_H) + 3);
    const c1 = Math.max(l.frozenColumns + 1, this.colAt(scrollLeft + fw) - 1);
    const c2 = Math.min(l.maxColumns, this.colAt(scrollLeft + Math.max(clientWidth, 200) - HEADER_W) + 1);
    return { r1, r2, c1, c2 };
  }

  private ensureLoaded(r1: number, r2: number): void {
    const l = this.layout!;
    for (let b = Math.floor((r1 - 1) / BLOCK); b <= Math.floor((r2 - 1) / BLOCK); b++) {
      if (this.loadedBlocks.has(b) || this.pendingBlocks.has(b)) continue;
      this.pendingBlocks.add(b);
      const version = this.version;
      const sheetId = l.id;
      const c2 = Math.min(l.maxColumns, MAX_FETCH_COLUMNS);
      void getJson<{ version: number; cells: ViewCell[] }>(`/api/cells?sheet=${sheetId}&r1=${b * BLOCK + 1}&r2=${b * BLOCK + BLOCK}&c1=1&c2=${c2}`)
        .then((data) => {
          this.pendingBlocks.delete(b);
          if (this.layout?.id !== sheetId || this.version !== version || data.version !== version) return;
          for (const cell of data.cells) this.cells.set(KEY(cell.r, cell.c), cell);
          this.loadedBlocks.add(b);
          this.schedule();
        })
        .catch(() => this.pendingBlocks.delete(b));
    }
  }

  /** Draws what is on screen: four regions (frozen corner, frozen rows, frozen columns, the rest). */
  render(): void {
    const l = this.layout;
    if (!l) return;
    const v = this.visible();
    this.ensureLoaded(1, Math.max(1, l.frozenRows));
    this.ensureLoaded(v.r1, v.r2);
    const fr = l.frozenRows;
    const fc = l.frozenColumns;
    const fh = this.rowTop[fr + 1];
    const fw = this.colLeft[fc + 1];
    const sel = this.selection;

    const main = document.createDocumentFragment();
    const top = document.createDocumentFragment();
    const left = document.createDocumentFragment();
    const corner = document.createDocumentFragment();

    // Column headers: frozen ones in the corner, the rest in the top band.
    const colHeader = (c: number) =>
      h('div', {
        class: `col-head${c >= sel.c1 && c <= sel.c2 ? ' on' : ''}`,
        role: 'columnheader',
        'data-col': c,
        style: `left:${HEADER_W + this.colLeft[c]}px;width:${this.colLeft[c + 1] - this.colLeft[c]}px`,
      }, columnLetter(c));
    const rowHeader = (r: number, dy: number) =>
      h('div', {
        class: `row-head${r >= sel.r1 && r <= sel.r2 ? ' on' : ''}`,
        role: 'rowheader',
        'data-row': r,
        style: `top:${HEADER_H + this.rowTop[r] - dy}px;height:${this.rowTop[r + 1] - this.rowTop[r]}px`,
      }, String(r));
    corner.append(h('div', { class: 'corner-head', 'aria-hidden': 'true' }));
    for (let c = 1; c <= fc; c++) corner.append(colHeader(c));
    for (let c = v.c1; c <= v.c2; c++) top.append(colHeader(c));
    for (let r = 1; r <= fr; r++) corner.append(rowHeader(r, 0));
    for (let r = v.r1; r <= v.r2; r++) left.append(rowHeader(r, HEADER_H + fh));

    this.drawCells(corner, 1, fr, 1, fc, 0, fc);
    this.drawCells(top, 1, fr, v.c1, v.c2, 0, v.c2);
    this.drawCells(left, v.r1, v.r2, 1, fc, HEADER_H + fh, fc);
    this.drawCells(main, v.r1, v.r2, v.c1, v.c2, 0, v.c2);

    // Selection, drawn in each region it crosses.
    this.drawSelection(corner, sel, 1, fr, 1, fc, 0);
    this.drawSelection(top, sel, 1, fr, fc + 1, l.maxColumns, 0);
    this.drawSelection(left, sel, fr + 1, l.maxRows, 1, fc, HEADER_H + fh);
    this.drawSelection(main, sel, fr + 1, l.maxRows, fc + 1, l.maxColumns, 0);

    // The thick grey lines Sheets draws under frozen rows and beside frozen columns.
    if (fr > 0) top.append(h('div', { class: 'freeze-h', style: `top:${HEADER_H + fh - 2}px;width:${HEADER_W + this.colLeft[l.maxColumns + 1]}px` }));
    if (fc > 0) {
      corner.append(h('div', { class: 'freeze-v', style: `left:${HEADER_W + fw - 2}px;height:${HEADER_H + fh}px` }));
      left.append(h('div', { class: 'freeze-v', style: `left:${HEADER_W + fw - 2}px;top:0;height:${this.rowTop[l.maxRows + 1] - fh}px` }));
    }
    if (fr > 0 && fc > 0) corner.append(h('div', { class: 'freeze-h', style: `top:${HEADER_H + fh - 2}px;width:${HEADER_W + fw}px` }));

    for (const [layer, frag] of [[this.mainLayer, main], [this.leftBand, left], [this.cornerLayer, corner]] as const) {
      clear(layer);
      layer.append(frag);
    }
    // The top band holds the corner layer: keep it, replace the rest.
    for (const child of [...this.topBand.childNodes]) if (child !== this.cornerLayer) child.remove();
    this.topBand.append(top);
    this.viewport.setAttribute('aria-activedescendant', `cell-${this.cur.r}-${this.cur.c}`);
    if (this.editor) this.positionEditor();
  }

  private drawCells(into: DocumentFragment, r1: number, r2: number, c1: number, c2: number, dy: number, overflowLimit: number): void {
    if (r2 < r1 || c2 < c1) return;
    const l = this.layout!;
    const drawn = new Set<number>();
    for (let r = r1; r <= r2; r++) {
      for (let c = c1; c <= c2; c++) {
        const key = KEY(r, c);
        if (this.covered.has(key)) {
          // A merge whose top-left is outside this window: draw it once, from its top-left.
          const m = l.merges.find((mm) => mm.r1 <= r && r <= mm.r2 && mm.c1 <= c && c <= mm.c2)!;
          const mk = KEY(m.r1, m.c1);
          if (!drawn.has(mk) && (m.r1 < r1 || m.c1 < c1)) {
            drawn.add(mk);
            into.append(this.cellElement(m.r1, m.c1, dy, overflowLimit));
          }
          continue;
        }
        drawn.add(key);
        into.append(this.cellElement(r, c, dy, overflowLimit));
      }
    }
  }

  private cellElement(r: number, c: number, dy: number, overflowLimit: number): HTMLElement {
    const cell = this.cells.get(KEY(r, c));
    const rs = cell?.rs ?? 1;
    const cs = cell?.cs ?? 1;
    const x = HEADER_W + this.colLeft[c];
    const y = HEADER_H + this.rowTop[r] - dy;
    const w = this.colLeft[c + cs] - this.colLeft[c];
    const hgt = this.rowTop[r + rs] - this.rowTop[r];
    const classes = ['cell'];
    const styles = [`left:${x}px`, `top:${y}px`, `width:${w}px`, `height:${hgt}px`];
    const el = h('div', { role: 'gridcell', id: `cell-${r}-${c}`, 'data-r': r, 'data-c': c, 'aria-rowindex': r, 'aria-colindex': c });
    if (rs > 1 || cs > 1) classes.push('merged');
    if (cell) {
      if (cell.bg) styles.push(`background:${cell.bg}`);
      if (cell.fc) styles.push(`color:${cell.fc}`);
      if (cell.b) classes.push('b');
      if (cell.i) classes.push('i');
      if (cell.s || cell.u) styles.push(`text-decoration:${[cell.s ? 'line-through' : '', cell.u ? 'underline' : ''].join(' ').trim()}`);
      // Sheets' default: numbers and dates right, booleans and errors centred, text by its direction
      // (Arabic, Hebrew… right-aligned and right-to-left, as the first strong letter says).
      const rtl = cell.k !== 'n' && cell.k !== 'd' && startsRightToLeft(cell.t);
      const align = cell.h ?? (cell.k === 'n' || cell.k === 'd' || rtl ? 'right' : cell.k === 'b' || cell.k === 'e' ? 'center' : 'left');
      classes.push(`al-${align}`);
      if (cell.w) classes.push('wrap');
      if (cell.cb !== undefined) {
        classes.push('has-checkbox');
        el.append(h('span', { class: `checkbox${cell.cb ? ' checked' : ''}`, role: 'checkbox', 'aria-checked': String(cell.cb), 'aria-label': `${a1Of(r, c)} checkbox`, 'data-r': r, 'data-c': c }));
      } else {
        const text = h('span', { class: 'text', ...(rtl ? { dir: 'rtl' } : {}) }, cell.t);
        // Text overflows into empty cells to its right, as in Sheets (not wrapped, clipped or merged text).
        if (!cell.w && !cell.clip && align === 'left' && cell.t && rs === 1 && cs === 1 && !cell.list) {
          let extra = 0;
          for (let n = c + 1; n <= Math.min(overflowLimit, c + 30); n++) {
            const next = this.cells.get(KEY(r, n));
            if ((next && next.t !== '') || this.covered.has(KEY(r, n)) || next?.cb !== undefined) break;
            extra += this.colLeft[n + 1] - this.colLeft[n];
            if (extra > 1500) break;
          }
          if (extra > 0) {
            classes.push('overflow');
            text.style.width = `${w + extra - 7}px`;
          }
        }
        el.append(text);
      }
      if (cell.list) el.append(h('span', { class: 'chip-arrow', 'aria-hidden': 'true' }, '▾'));
      if (cell.note) {
        classes.push('has-note');
        el.append(h('span', { class: 'note-mark', 'aria-hidden': 'true' }));
        el.setAttribute('aria-description', `Note: ${cell.note}`);
      }
    }
    el.className = classes.join(' ');
    el.setAttribute('style', styles.join(';'));
    const sel = this.selection;
    if (r >= sel.r1 && r <= sel.r2 && c >= sel.c1 && c <= sel.c2) el.setAttribute('aria-selected', 'true');
    return el;
  }

  private drawSelection(into: DocumentFragment, sel: Rect, rMin: number, rMax: number, cMin: number, cMax: number, dy: number): void {
    const box = (rect: Rect, cls: string) => {
      const r1 = Math.max(rect.r1, rMin);
      const r2 = Math.min(rect.r2, rMax);
      const c1 = Math.max(rect.c1, cMin);
      const c2 = Math.min(rect.c2, cMax);
      if (r1 > r2 || c1 > c2) return;
      into.append(
        h('div', {
          class: cls,
          style: `left:${HEADER_W + this.colLeft[c1] - 1}px;top:${HEADER_H + this.rowTop[r1] - dy - 1}px;width:${this.colLeft[c2 + 1] - this.colLeft[c1] + 1}px;height:${this.rowTop[r2 + 1] - this.rowTop[r1] + 1}px`,
        }),
      );
    };
    const active = this.mergedRect(this.cur.r, this.cur.c);
    if (sel.r1 !== sel.r2 || sel.c1 !== sel.c2) box(sel, 'sel-range');
    box(active, 'sel-active');
  }

  private mergedRect(r: number, c: number): Rect {
    const m = this.layout?.merges.find((mm) => mm.r1 <= r && r <= mm.r2 && mm.c1 <= c && c <= mm.c2);
    return m ? { ...m } : { r1: r, c1: c, r2: r, c2: c };
  }

  // ---- selection and scrolling -------------------------------------------------------------

  private showSelection(): void {
    const cell = this.cells.get(KEY(this.cur.r, this.cur.c));
    const sel = this.selection;
    this.hooks.onSelectionShown(rectA1(sel), cell?.in ?? '', cell);
    this.live.textContent = `${a1Of(this.cur.r, this.cur.c)}${cell?.t ? `: ${cell.t}` : ''}`;
    if (cell?.note && !this.dragging) this.showNote(cell.note, this.cur.r, this.cur.c);
    else this.hideNote();
  }

  private notifySelect(): void {
    window.clearTimeout(this.selectTimer);
    const sheetId = this.layout?.id;
    const a1 = rectA1(this.selection);
    // Debounced: arrowing through cells sends one request when the person stops.
    this.selectTimer = window.setTimeout(() => sheetId !== undefined && this.hooks.onSelect(sheetId, a1), 150);
  }

  /**
   * Where a run of Tabs started: Enter then goes to that column of the next row, as in Sheets (type
   * across a row with Tab, Enter, and the next row starts where the first did). Any other move forgets it.
   */
  private tabStart: number | null = null;

  /** Tab / Shift+Tab: one cell across, remembering where the run of Tabs started. */
  private tabMove(dc: number): void {
    const start = this.tabStart ?? this.cur.c;
    this.moveBy(0, dc, false);
    this.tabStart = start;
  }

  /** Enter after typing: the next row, back at the column a run of Tabs started from. */
  private enterMove(dr: number): void {
    const start = this.tabStart;
    if (start === null || dr <= 0) return this.moveBy(dr, 0, false);
    const m = this.mergedRect(this.cur.r, this.cur.c);
    this.setCursor(Math.min(this.layout?.maxRows ?? m.r2 + 1, m.r2 + 1), start, false);
  }

  private setCursor(r: number, c: number, extend: boolean): void {
    this.tabStart = null;
    this.cur = { r, c };
    if (!extend) this.anchor = { r, c };
    this.clampSelection();
    this.scrollIntoView(this.cur.r, this.cur.c);
    this.render();
    this.showSelection();
    this.notifySelect();
  }

  private moveBy(dr: number, dc: number, extend: boolean): void {
    let { r, c } = this.cur;
    // Moving out of a merged cell jumps over the whole merge.
    const m = this.mergedRect(r, c);
    if (dr > 0) r = m.r2 + dr;
    else if (dr < 0) r = r + dr;
    if (dc > 0) c = m.c2 + dc;
    else if (dc < 0) c = c + dc;
    const target = this.mergedRect(r, c);
    if (!extend && (dr < 0 || dc < 0)) {
      r = dr < 0 ? target.r1 : r;
      c = dc < 0 ? target.c1 : c;
    }
    this.setCursor(r, c, extend);
  }

  scrollIntoView(r: number, c: number): void {
    const l = this.layout;
    if (!l) return;
    const fh = this.rowTop[l.frozenRows + 1];
    const fw = this.colLeft[l.frozenColumns + 1];
    const vp = this.viewport;
    if (r > l.frozenRows) {
      const top = this.rowTop[r];
      const bottom = this.rowTop[r + 1];
      const viewTop = vp.scrollTop + fh;
      const viewBottom = vp.scrollTop + vp.clientHeight - HEADER_H;
      if (top < viewTop) vp.scrollTop = top - fh;
      else if (bottom > viewBottom) vp.scrollTop = bottom - vp.clientHeight + HEADER_H;
    }
    if (c > l.frozenColumns) {
      const leftX = this.colLeft[c];
      const rightX = this.colLeft[c + 1];
      const viewLeft = vp.scrollLeft + fw;
      const viewRight = vp.scrollLeft + vp.clientWidth - HEADER_W;
      if (leftX < viewLeft) vp.scrollLeft = leftX - fw;
      else if (rightX > viewRight) vp.scrollLeft = Math.min(leftX - fw, rightX - vp.clientWidth + HEADER_W);
    }
  }

  private pageRows(): number {
    return Math.max(1, Math.floor((this.viewport.clientHeight - HEADER_H) / DEFAULT_H) - 2);
  }

  // ---- mouse ---------------------------------------------------------------------------------

  private hit(e: MouseEvent): { r?: number; c?: number; checkbox?: boolean; chip?: boolean } {
    const target = e.target as HTMLElement;
    const cellEl = target.closest<HTMLElement>('[data-r][data-c]');
    if (cellEl) return { r: Number(cellEl.dataset.r), c: Number(cellEl.dataset.c), checkbox: target.classList.contains('checkbox'), chip: target.classList.contains('chip-arrow') };
    const col = target.closest<HTMLElement>('[data-col]');
    if (col) return { c: Number(col.dataset.col) };
    const row = target.closest<HTMLElement>('[data-row]');
    if (row) return { r: Number(row.dataset.row) };
    return {};
  }

  private onMouseDown(e: MouseEvent): void {
    if (e.button !== 0 || !this.layout) return;
    const hit = this.hit(e);
    if (this.editor) this.commitEdit(0, 0);
    if (hit.r !== undefined && hit.c !== undefined) {
      e.preventDefault();
      this.focus();
      this.setCursor(hit.r, hit.c, e.shiftKey);
      if (hit.checkbox) void this.toggleCheckbox(hit.r, hit.c);
      else if (hit.chip || (e.detail === 2 && !e.shiftKey)) this.startEdit('edit');
      else this.dragging = true;
    } else if (hit.c !== undefined) {
      e.preventDefault();
      this.focus();
      this.anchor = { r: this.layout.maxRows, c: hit.c };
      this.cur = { r: 1, c: hit.c };
      this.scrollIntoView(1, hit.c);
      this.render();
      this.showSelection();
      this.notifySelect();
    } else if (hit.r !== undefined) {
      e.preventDefault();
      this.focus();
      this.anchor = { r: hit.r, c: this.layout.maxColumns };
      this.cur = { r: hit.r, c: 1 };
      this.render();
      this.showSelection();
      this.notifySelect();
    }
  }

  private onDrag(e: MouseEvent): void {
    if (!this.dragging || !(e.buttons & 1)) return;
    const el = (document.elementFromPoint(e.clientX, e.clientY) as HTMLElement | null)?.closest<HTMLElement>('[data-r][data-c]');
    if (!el || !this.viewport.contains(el)) return;
    const r = Number(el.dataset.r);
    const c = Number(el.dataset.c);
    if (r !== this.cur.r || c !== this.cur.c) {
      this.cur = { r, c };
      this.render();
      this.showSelection();
      this.notifySelect();
    }
  }

  private onDoubleClick(e: MouseEvent): void {
    // The first click re-rendered the cells, so the event's target may be a removed node: look again.
    const under = document.elementFromPoint(e.clientX, e.clientY);
    const hit = under ? this.hit({ target: under } as unknown as MouseEvent) : this.hit(e);
    if (hit.r === undefined || hit.c === undefined || hit.checkbox) return;
    if (hit.r !== this.cur.r || hit.c !== this.cur.c) this.setCursor(hit.r, hit.c, false);
    e.preventDefault();
    this.startEdit('edit');
  }

  private onHover(e: MouseEvent): void {
    const el = (e.target as HTMLElement).closest<HTMLElement>('.cell.has-note');
    if (!el) {
      const active = this.cells.get(KEY(this.cur.r, this.cur.c));
      if (!active?.note) this.hideNote();
      return;
    }
    const cell = this.cells.get(KEY(Number(el.dataset.r), Number(el.dataset.c)));
    if (cell?.note) this.showNote(cell.note, cell.r, cell.c);
  }

  private showNote(note: string, r: number, c: number): void {
    const el = this.viewport.querySelector<HTMLElement>(`#cell-${r}-${c}`);
    if (!el) return this.hideNote();
    const box = el.getBoundingClientRect();
    const root = this.root.getBoundingClientRect();
    this.notePopup.textContent = note;
    this.notePopup.hidden = false;
    this.notePopup.style.left = `${Math.min(box.right - root.left + 4, root.width - 260)}px`;
    this.notePopup.style.top = `${Math.max(0, box.top - root.top)}px`;
  }

  private hideNote(): void {
    this.notePopup.hidden = true;
  }

  // ---- keyboard --------------------------------------------------------------------------------

  private onKey(e: KeyboardEvent): void {
    if (!this.layout || this.editor || e.target !== this.viewport) return;
    const mod = e.ctrlKey || e.metaKey;
    const moves: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    if (moves[e.key]) {
      e.preventDefault();
      const [dr, dc] = moves[e.key];
      if (mod) {
        const l = this.layout;
        const r = dr < 0 ? 1 : dr > 0 ? Math.max(this.cur.r, Math.min(l.maxRows, l.lastRow || l.maxRows)) : this.cur.r;
        const c = dc < 0 ? 1 : dc > 0 ? Math.max(this.cur.c, Math.min(l.maxColumns, l.lastColumn || l.maxColumns)) : this.cur.c;
        this.setCursor(r, c, e.shiftKey);
      } else this.moveBy(dr, dc, e.shiftKey);
      return;
    }
    switch (e.key) {
      case 'Tab':
        e.preventDefault();
        this.tabMove(e.shiftKey ? -1 : 1);
        return;
      case 'Enter':
        e.preventDefault();
        if (e.shiftKey) this.moveBy(-1, 0, false);
        else this.startEdit('edit');
        return;
      case 'F2':
        e.preventDefault();
        this.startEdit('edit');
        return;
      case 'PageDown':
      case 'PageUp':
        e.preventDefault();
        this.moveBy(e.key === 'PageDown' ? this.pageRows() : -this.pageRows(), 0, e.shiftKey);
        return;
      case 'Home':
        e.preventDefault();
        this.setCursor(mod ? 1 : this.cur.r, 1, e.shiftKey);
        return;
      case 'End':
        e.preventDefault();
        this.setCursor(mod ? Math.max(1, this.layout.lastRow) : this.cur.r, Math.max(1, this.layout.lastColumn), e.shiftKey);
        return;
      case 'Delete':
      case 'Backspace': {
        e.preventDefault();
        const sel = this.selection;
        const rows = Math.min(sel.r2, Math.max(sel.r1, this.layout.lastRow)) - sel.r1 + 1;
        const cols = Math.min(sel.c2, Math.max(sel.c1, this.layout.lastColumn)) - sel.c1 + 1;
        if (rows * cols > 200_000) return;
        const values = Array.from({ length: rows }, () => Array.from({ length: cols }, () => ''));
        void this.hooks.onEdit(this.layout.id, { row: sel.r1, column: sel.c1, values });
        return;
      }
      case ' ': {
        const cell = this.cells.get(KEY(this.cur.r, this.cur.c));
        if (cell?.cb !== undefined && !mod) {
          e.preventDefault();
          void this.toggleCheckbox(this.cur.r, this.cur.c);
          return;
        }
        break;
      }
    }
    if (e.key === 'a' && mod) {
      e.preventDefault();
      this.anchor = { r: this.layout.maxRows, c: this.layout.maxColumns };
      this.cur = { r: 1, c: 1 };
      this.render();
      this.showSelection();
      this.notifySelect();
      return;
    }
    if (e.key.length === 1 && !mod && !e.altKey) {
      const cell = this.cells.get(KEY(this.cur.r, this.cur.c));
      if (cell?.cb !== undefined) return;
      e.preventDefault();
      this.startEdit('enter', e.key);
    }
  }

  private async toggleCheckbox(r: number, c: number): Promise<void> {
    const cell = this.cells.get(KEY(r, c));
    if (cell?.cb === undefined || !this.layout) return;
    cell.cb = !cell.cb; // shown at once; the refresh after the edit confirms it
    this.render();
    await this.hooks.onEdit(this.layout.id, { row: r, column: c, values: [[cell.cb]] });
  }

  // ---- editing ---------------------------------------------------------------------------------

  /** Starts editing the active cell: 'enter' replaces the content with what is typed, 'edit' edits it. */
  startEdit(mode: 'enter' | 'edit', initial?: string): void {
    if (!this.layout || this.editor) return;
    const { r, c } = this.cur;
    const cell = this.cells.get(KEY(r, c));
    if (cell?.cb !== undefined) return;
    this.scrollIntoView(r, c);
    this.render();
    const original = cell?.in ?? '';
    const el = h('textarea', { class: 'cell-editor', 'aria-label': `Edit ${a1Of(r, c)}`, spellcheck: 'false', rows: 1 }) as HTMLTextAreaElement;
    el.value = mode === 'enter' ? (initial ?? '') : original;
    if (cell?.list) {
      const listId = 'cell-editor-list';
      el.setAttribute('aria-describedby', listId);
      this.root.querySelector(`#${listId}`)?.remove();
      const options = h('div', { class: 'dropdown-list', id: listId, role: 'listbox', 'aria-label': 'Choices' });
      for (const value of cell.list) {
        options.append(
          h('div', {
            role: 'option',
            class: 'dropdown-option',
            onmousedown: ((ev: MouseEvent) => {
              ev.preventDefault();
              el.value = value;
              this.commitEdit(1, 0);
            }) as EventListener,
          }, value),
        );
      }
      this.root.append(options);
    }
    el.addEventListener('keydown', (ev) => this.onEditorKey(ev));
    el.addEventListener('input', () => {
      this.hooks.onSelectionShown(rectA1(this.selection), el.value, cell);
      this.fitEditor();
    });
    el.addEventListener('blur', () => {
      // Clicking elsewhere commits, as in Sheets (the mousedown handler commits first for grid clicks).
      if (this.editor?.el === el) this.commitEdit(0, 0, false);
    });
    this.editor = { el, r, c, mode, original };
    this.root.append(el);
    this.positionEditor();
    el.focus();
    el.setSelectionRange(el.value.length, el.value.length);
  }

  private positionEditor(): void {
    if (!this.editor) return;
    const target = this.viewport.querySelector<HTMLElement>(`#cell-${this.editor.r}-${this.editor.c}`);
    if (!target) return;
    const box = target.getBoundingClientRect();
    const root = this.root.getBoundingClientRect();
    const el = this.editor.el;
    el.style.left = `${box.left - root.left}px`;
    el.style.top = `${box.top - root.top}px`;
    el.style.minWidth = `${box.width}px`;
    el.style.minHeight = `${box.height}px`;
    const list = this.root.querySelector<HTMLElement>('#cell-editor-list');
    if (list) {
      list.style.left = `${box.left - root.left}px`;
      list.style.top = `${box.bottom - root.top + 2}px`;
    }
    this.fitEditor();
  }

  private fitEditor(): void {
    const el = this.editor?.el;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${el.scrollHeight}px`;
  }

  private onEditorKey(e: KeyboardEvent): void {
    const ed = this.editor;
    if (!ed) return;
    if (e.key === 'Escape') {
      e.preventDefault();
      this.cancelEdit();
      return;
    }
    if (e.key === 'Enter' && (e.altKey || e.ctrlKey || e.metaKey)) {
      // Alt+Enter: a line break inside the cell.
      e.preventDefault();
      const { selectionStart: s, selectionEnd: t, value } = ed.el;
      ed.el.value = value.slice(0, s) + '\n' + value.slice(t);
      ed.el.setSelectionRange(s + 1, s + 1);
      this.fitEditor();
      return;
    }
    if (e.key === 'Enter') {
      e.preventDefault();
      this.commitEdit(e.shiftKey ? -1 : 1, 0, true, 'enter');
      return;
    }
    if (e.key === 'Tab') {
      e.preventDefault();
      this.commitEdit(0, e.shiftKey ? -1 : 1, true, 'tab');
      return;
    }
    const options = [...this.root.querySelectorAll<HTMLElement>('#cell-editor-list [role="option"]')];
    if (options.length > 0 && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
      // Dropdown cells: the arrows walk the choices (keyboard users need no mouse for them).
      e.preventDefault();
      const i = options.findIndex((o) => o.getAttribute('aria-selected') === 'true');
      const next = e.key === 'ArrowDown' ? (i + 1) % options.length : (i - 1 + options.length) % options.length;
      options.forEach((o, j) => o.setAttribute('aria-selected', String(j === next)));
      ed.el.value = options[next].textContent ?? '';
      return;
    }
    if (ed.mode === 'enter' && e.key.startsWith('Arrow')) {
      e.preventDefault();
      const d: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
      this.commitEdit(...d[e.key]);
    }
  }

  private closeEditor(refocus: boolean): void {
    const ed = this.editor;
    if (!ed) return;
    this.editor = null;
    ed.el.remove();
    this.root.querySelector('#cell-editor-list')?.remove();
    if (refocus) this.focus();
  }

  cancelEdit(): void {
    this.closeEditor(true);
    this.showSelection();
  }

  /** Commits the editor's text (if it changed) and moves the cursor by (dr, dc). */
  commitEdit(dr: number, dc: number, refocus = true, via: 'tab' | 'enter' | null = null): void {
    const ed = this.editor;
    if (!ed || !this.layout) return;
    const value = ed.el.value;
    const sheetId = this.layout.id;
    this.closeEditor(refocus);
    if (value !== ed.original) {
      // Shown at once; the refresh after the edit brings the real display value.
      const key = KEY(ed.r, ed.c);
      const prev = this.cells.get(key);
      this.cells.set(key, { ...(prev ?? { r: ed.r, c: ed.c, k: 's' }), t: value, in: value });
      void this.hooks.onEdit(sheetId, { row: ed.r, column: ed.c, values: [[value]] });
    }
    if (via === 'tab') this.tabMove(dc);
    else if (via === 'enter') this.enterMove(dr);
    else if (dr || dc) this.moveBy(dr, dc, false);
    else {
      this.render();
      this.showSelection();
    }
  }

  /** The formula bar commits through here: the same edit as typing into the cell. */
  commitFromFormulaBar(value: string): void {
    if (!this.layout) return;
    const cell = this.cells.get(KEY(this.cur.r, this.cur.c));
    if (value === (cell?.in ?? '')) return;
    void this.hooks.onEdit(this.layout.id, { row: this.cur.r, column: this.cur.c, values: [[value]] });
  }

  // ---- clipboard -------------------------------------------------------------------------------

  private gridHasFocus(): boolean {
    return document.activeElement === this.viewport && !this.editor;
  }

  private onCopy(e: ClipboardEvent, cut: boolean): void {
    if (!this.gridHasFocus() || !this.layout) return;
    const sel = this.selection;
    const r2 = Math.min(sel.r2, Math.max(sel.r1, this.layout.lastRow));
    const c2 = Math.min(sel.c2, Math.max(sel.c1, this.layout.lastColumn));
    const lines: string[] = [];
    for (let r = sel.r1; r <= r2; r++) {
      const row: string[] = [];
      for (let c = sel.c1; c <= c2; c++) {
        const t = this.cells.get(KEY(r, c))?.t ?? '';
        row.push(/[\t\n"]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t);
      }
      lines.push(row.join('\t'));
    }
    e.clipboardData?.setData('text/plain', lines.join('\n'));
    e.preventDefault();
    if (cut) {
      const values = Array.from({ length: r2 - sel.r1 + 1 }, () => Array.from({ length: c2 - sel.c1 + 1 }, () => ''));
      void this.hooks.onEdit(this.layout.id, { row: sel.r1, column: sel.c1, values });
    }
  }

  private onPaste(e: ClipboardEvent): void {
    if (!this.gridHasFocus() || !this.layout) return;
    const text = e.clipboardData?.getData('text/plain');
    if (!text) return;
    e.preventDefault();
    this.pasteText(text);
  }

  /** Pastes a TSV block at the selection's top-left: one edit, like Sheets. */
  pasteText(text: string): void {
    if (!this.layout) return;
    const values = parseTsv(text);
    if (values.length === 0) return;
    const sel = this.selection;
    const width = Math.max(...values.map((r) => r.length));
    // Past the last row or column the sheet grows (the server adds them), as in Sheets: nothing is dropped.
    const rect: Rect = { r1: sel.r1, c1: sel.c1, r2: sel.r1 + values.length - 1, c2: sel.c1 + width - 1 };
    const block = values.map((row) => Array.from({ length: width }, (_, i) => row[i] ?? ''));
    this.anchor = { r: Math.min(rect.r2, this.layout.maxRows), c: Math.min(rect.c2, this.layout.maxColumns) };
    this.cur = { r: rect.r1, c: rect.c1 };
    this.render();
    this.showSelection();
    this.notifySelect();
    void this.hooks.onEdit(this.layout.id, { row: rect.r1, column: rect.c1, values: block }).then(() => {
      // The sheet has grown to hold the block: select all of it.
      if (!this.layout || this.cur.r !== rect.r1 || this.cur.c !== rect.c1) return;
      this.anchor = { r: Math.min(rect.r2, this.layout.maxRows), c: Math.min(rect.c2, this.layout.maxColumns) };
      this.showSelection();
      this.notifySelect();
    });
  }
}

/** Whether a text's first strong letter is right-to-left (Arabic, Hebrew, Syriac, Thaana, N'Ko…). */
export function startsRightToLeft(text: string): boolean {
  const m = /[A-Za-z\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF\u0900-\u0DFF\u0E00-\u0FFF\u1000-\u109F\u1780-\u17FF\u3040-\u9FFF\uAC00-\uD7AF]|[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/.exec(text ?? '');
  return m !== null && /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/.test(m[0]);
}

/** Tab-separated text as Sheets puts it on the clipboard: quoted cells may hold tabs, newlines, "". */
export function parseTsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  const s = text.replace(/\r\n?/g, '\n').replace(/\n$/, '');
  let atStart = true;
  while (i < s.length) {
    const ch = s[i];
    if (atStart && ch === '"') {
      // Quoted cell: up to the closing quote not followed by another.
      let j = i + 1;
      let value = '';
      let closed = false;
      while (j < s.length) {
        if (s[j] === '"') {
          if (s[j + 1] === '"') {
            value += '"';
            j += 2;
            continue;
          }
          closed = true;
          j++;
          break;
        }
        value += s[j++];
      }
      if (closed && (j >= s.length || s[j] === '\t' || s[j] === '\n')) {
        cell = value;
        i = j;
        atStart = false;
        continue;
      }
    }
    atStart = false;
    if (ch === '\t') {
      row.push(cell);
      cell = '';
      atStart = true;
    } else if (ch === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      atStart = true;
    } else cell += ch;
    i++;
  }
  row.push(cell);
  rows.push(row);
  return rows;
}
