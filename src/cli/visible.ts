/**
 * Text from a workbook (tab names, IDs, cell values, and messages built from them) on a terminal:
 * control characters and bidi overrides are shown as escapes, so a value cannot clear the screen,
 * set the terminal's title, start a forged line or reorder what follows it. The --json output keeps
 * the original strings (JSON escapes them itself).
 */

/** C0 and C1 controls, DEL, the bidi marks, embeddings, overrides and isolates, line/paragraph separators. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

export function visible(text: string): string {
  return text.replace(UNSAFE, (c) => {
    const code = c.charCodeAt(0);
    return NAMED[c] ?? (code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`);
  });
}

/** Lines joined for the terminal, each made visible: a value can never add a line of its own. */
export function terminalText(lines: readonly string[]): string {
  return `${lines.map(visible).join('\n')}\n`;
}
