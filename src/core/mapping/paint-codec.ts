/**
 * A compact text form of the paint memory, to keep it in a few cells of a hidden sheet: fills of a
 * row are nearly always runs of one colour ("#ffffff*17"), so runs are written once; the text is cut
 * into chunks under the 50,000-character cell limit.
 */
import type { PaintMemory } from './colours';

export const CHUNK_CHARS = 45_000;

function runs(colours: readonly string[]): string {
  const out: string[] = [];
  for (let i = 0; i < colours.length; ) {
    let j = i;
    while (j < colours.length && colours[j] === colours[i]) j++;
    out.push(j - i > 1 ? `${colours[i]}*${j - i}` : colours[i]!);
    i = j;
  }
  return out.join(',');
}

function unruns(text: string): string[] {
  if (text === '') return [];
  const out: string[] = [];
  for (const part of text.split(',')) {
    const m = /^(.*)\*(\d+)$/.exec(part);
    if (m) for (let k = 0; k < Number(m[2]); k++) out.push(m[1]!);
    else out.push(part);
  }
  return out;
}

export function encodePaintMemory(memory: Readonly<Record<string, PaintMemory>>): string {
  const compact: Record<string, [string, string]> = {};
  for (const [key, m] of Object.entries(memory)) compact[key] = [runs(m.original), runs(m.painted)];
  return JSON.stringify(compact);
}

/** The memory back from its text; a damaged text gives an empty memory (restores are then skipped). */
export function decodePaintMemory(text: string): Record<string, PaintMemory> {
  try {
    const compact = JSON.parse(text) as Record<string, [string, string]>;
    const memory: Record<string, PaintMemory> = {};
    for (const [key, [original, painted]] of Object.entries(compact)) memory[key] = { original: unruns(original), painted: unruns(painted) };
    return memory;
  } catch {
    return {};
  }
}

export function chunkText(text: string, size = CHUNK_CHARS): string[] {
  const chunks: string[] = [];
  for (let i = 0; i < text.length; i += size) chunks.push(text.slice(i, i + size));
  return chunks.length ? chunks : [''];
}
