/**
 * The coverage of a tab by a system or a sample (issue 12): how many of its fields live rows map, and
 * the line the Checks panel and the command line print for it. Apart from the checks so the sidebar
 * bundle takes only this.
 */
export type Coverage = {
  tab: string;
  /** The system or sample the numbers are about. */
  system: string;
  /** Fields of the metadata or sample that live rows of the tab map. */
  mapped: number;
  /** Fields the sample has a value for (null for metadata). */
  inSample: number | null;
  /** Fields nobody mapped: in the sample, or in the metadata when there is no sample. */
  unmapped: number;
};

/** A coverage line as the Checks panel and the command line print it (after "tab × system: "). */
export function coverageText(c: Coverage): string {
  if (c.inSample === null) return `${c.mapped} of ${c.mapped + c.unmapped} fields of the metadata mapped`;
  const decided = c.inSample - c.mapped - c.unmapped;
  return `${c.mapped} of ${c.inSample} sample fields mapped${decided > 0 ? `, ${decided} left out on purpose (Deprecated or N/A rows)` : ''}, ${c.unmapped} unmapped`;
}
