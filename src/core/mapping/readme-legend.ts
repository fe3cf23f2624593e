/**
 * Rewriting the colour legend of the template's README tab when the colours change, so the legend
 * the team reads is always the one Mapspec paints with. Pure: from column A of the README.
 */
import type { LegendItem } from './colours';

export const LEGEND_HEADING = 'Colour legend';

/** Labels of the rows Mapspec writes under the heading; rows with other labels are the person's. */
const LEGEND_LABELS = new Set(['needs discussion', 'new', 'changed', 'check failed']);

export type LegendBlock = {
  firstRow: number;
  values: string[][];
  fills: (string | null)[][];
  /** Rows to insert before writing, so a row the person added under the legend is not overwritten. */
  insertRows: number;
};

/** The block to write over Mapspec's legend rows under "Colour legend", or null when there is no heading. */
export function legendBlock(columnA: readonly unknown[], legend: readonly LegendItem[]): LegendBlock | null {
  const heading = columnA.findIndex((v) => String(v ?? '').trim() === LEGEND_HEADING);
  if (heading < 0) return null;
  let old = 0;
  while (heading + 1 + old < columnA.length && LEGEND_LABELS.has(String(columnA[heading + 1 + old] ?? '').trim().toLowerCase())) old++;
  const next = columnA[heading + 1 + old];
  const roomBelow = next === undefined || String(next ?? '').trim() === '';
  const rows = Math.max(old, legend.length);
  const values: string[][] = [];
  const fills: (string | null)[][] = [];
  for (let i = 0; i < rows; i++) {
    const item = legend[i];
    values.push(item ? [item.label, item.meaning] : ['', '']);
    fills.push([item ? item.colour : null]);
  }
  return { firstRow: heading + 2, values, fills, insertRows: roomBelow ? 0 : Math.max(0, legend.length - old) };
}
