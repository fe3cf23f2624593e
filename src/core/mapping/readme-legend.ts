/**
 * Rewriting the colour legend of the template's README tab when the colours change, so the legend
 * the team reads is always the one Mapspec paints with. Pure: from column A of the README.
 */
import type { LegendItem } from './colours';

export const LEGEND_HEADING = 'Colour legend';

export type LegendBlock = { firstRow: number; values: string[][]; fills: (string | null)[][] };

/** The block to write under the "Colour legend" heading (old rows beyond the new legend are blanked), or null. */
export function legendBlock(columnA: readonly unknown[], legend: readonly LegendItem[]): LegendBlock | null {
  const heading = columnA.findIndex((v) => String(v ?? '').trim() === LEGEND_HEADING);
  if (heading < 0) return null;
  let old = 0;
  while (heading + 1 + old < columnA.length && String(columnA[heading + 1 + old] ?? '').trim() !== '') old++;
  const rows = Math.max(old, legend.length);
  const values: string[][] = [];
  const fills: (string | null)[][] = [];
  for (let i = 0; i < rows; i++) {
    const item = legend[i];
    values.push(item ? [item.label, item.meaning] : ['', '']);
    fills.push([item ? item.colour : null]);
  }
  return { firstRow: heading + 2, values, fills };
}
