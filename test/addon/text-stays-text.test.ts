// Issue 23 through the shipped bundle: every path that writes a person's text into cells (checklist
// import, the Changelog's notes, review comments in the Sign-offs tab, generated IDs) stores each
// hostile value as the identical string — getValues and getDisplayValues alike, no formula — and a
// cell over Google's 50,000-character limit is refused before anything is written, saying where.
import type { ChecklistView, VersionList, VersionSummary } from '../../src/core/api';
import type { ReviewPanel } from '../../src/core/review/api-contract';
import type { Emulator } from '../../src/emulator/emulator';
import { callServer, newEmulator, ok, sheets, templateRow } from '../support/addon';
import { HOSTILE_TEXT, TOO_LONG } from '../support/hostile';
import { parseCsv, readCsvValues } from '../support/csv';
import { canonicalText } from '../../src/core/versions/text';
import type { ExportedFile } from '../../src/core/review/api-contract';

const ANALYST = 'analyst@example.org';
const ANA = 'ana@client.example.org';
const MAPPING = 'Mapping – Case registration';

/** The cells of `tab` holding `wanted` strings: each found once, identical in value and display, no formula. */
function expectStoredAsText(emulator: Emulator, tab: string, wanted: readonly string[]): void {
  const sheet = sheets(emulator).getSheetByName(tab)!;
  const range = sheet.getDataRange();
  const values = range.getValues().flat();
  const display = range.getDisplayValues().flat();
  const formulas = range.getFormulas().flat();
  expect(formulas.filter((f) => f !== '')).toEqual([]);
  for (const text of wanted) {
    const at = values.indexOf(text);
    expect({ text, found: at >= 0 }).toEqual({ text, found: true });
    expect(display[at]).toBe(text);
  }
}

/** A task list whose phases, tasks and notes are the hostile values, in the form the export writes. */
function hostileMarkdown(): string {
  const oneLine = HOSTILE_TEXT.filter((t) => !t.includes('\n'));
  const lines = ['# Hostile', ''];
  lines.push('## =IMAGE("http://evil.example/x.png")', '');
  for (const t of oneLine) lines.push(`- [ ] ${t}`);
  lines.push('- [x] Notes hold text too');
  // Note lines are indented under their item (their own leading space is Markdown's, not the note's).
  for (const t of oneLine.filter((x) => x === x.trim())) lines.push(`      ${t}`);
  lines.push('', `## '=1+1 literally`, '', '- [ ] 3.10', '');
  return lines.join('\n');
}

describe('checklist import', () => {
  test('every hostile value imports as the identical text and the Markdown exports back byte for byte', () => {
    const emulator = newEmulator({ user: ANALYST });
    const md = hostileMarkdown();
    const view = ok(callServer<ChecklistView>(emulator, 'importChecklistMarkdown', { markdown: md }));
    const oneLine = HOSTILE_TEXT.filter((t) => !t.includes('\n'));
    expect(view.progress!.overall.total).toBe(oneLine.length + 2);
    expectStoredAsText(emulator, view.tab!.name, [...oneLine, '=IMAGE("http://evil.example/x.png")', "'=1+1 literally", '3.10']);
    const exported = ok(callServer<{ markdown: string }>(emulator, 'exportChecklistMarkdown', {}));
    expect(exported.markdown).toBe(md);
  });

  test('a task over 50,000 characters is refused naming its line, and no tab is made', () => {
    const emulator = newEmulator({ user: ANALYST });
    const before = sheets(emulator).getSheets().length;
    const r = callServer(emulator, 'importChecklistMarkdown', { markdown: `# T\n\n## P\n\n- [ ] fine\n- [ ] ${TOO_LONG}\n` });
    expect(r.ok).toBe(false);
    expect((r as { message: string }).message).toBe(
      'Line 6 of the Markdown ("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…") is over 50,000 characters, more than a Google Sheets cell holds. Shorten it and import again; nothing was written.',
    );
    expect(sheets(emulator).getSheets().length).toBe(before);
  });

  test('notes that add up to more than a cell holds are refused naming the tab, row and column, and no tab is left', () => {
    const emulator = newEmulator({ user: ANALYST });
    const before = sheets(emulator).getSheets().map((s) => s.getName());
    const half = 'y'.repeat(30000);
    const r = callServer(emulator, 'importChecklistMarkdown', { markdown: `# Long notes\n\n## P\n\n- [ ] fine\n- [ ] long\n      ${half}\n      ${half}\n` });
    expect(r.ok).toBe(false);
    expect((r as { message: string }).message).toBe(
      'Tab "Long notes", row 4, column J: the text is 60,001 characters; a Google Sheets cell holds at most 50,000. Nothing was written.',
    );
    expect(sheets(emulator).getSheets().map((s) => s.getName())).toEqual(before);
  });
});

describe('versions and reviews', () => {
  function withSpec(): Emulator {
    const emulator = newEmulator({ user: ANALYST });
    ok(callServer(emulator, 'insertTemplate', {}));
    const tab = sheets(emulator).getSheetByName(MAPPING)!;
    tab.getRange(3, 1, 2, 17).setValues([templateRow('M-1', 'src_1', 'dst_1'), templateRow('M-2', 'src_2', 'dst_2')]);
    emulator.state.properties.document['mapspec.approvers'] = JSON.stringify({ approvers: [ANA], history: [{ at: '2026-11-01T00:00:00.000Z', by: ANALYST, added: [ANA], removed: [] }] });
    emulator.setActiveUser(ANA);
    emulator.setActiveUser(ANALYST);
    return emulator;
  }

  test('version notes in the Changelog tab and review comments in the Sign-offs tab stay the identical text', () => {
    const emulator = withSpec();
    const tab = sheets(emulator).getSheetByName(MAPPING)!;
    const notes = HOSTILE_TEXT.slice(0, 13);
    let last: VersionSummary | null = null;
    notes.forEach((note, i) => {
      tab.getRange(3, 16).setValue(`edit ${i}`);
      last = ok(callServer<{ version: VersionSummary; list: VersionList }>(emulator, 'tagVersion', { note })).version;
    });
    // A note is kept trimmed (its surrounding space is not content); the rest is as typed.
    expectStoredAsText(emulator, 'Changelog', notes.map((n) => n.trim()));

    // Each request takes one decision: a new request per comment.
    const comments = HOSTILE_TEXT.slice(13).filter((t) => t.trim() !== '');
    comments.forEach((comment, i) => {
      emulator.setActiveUser(ANALYST);
      ok(callServer<ReviewPanel>(emulator, 'requestReview', { seq: last!.seq, approvers: [ANA], message: 'Please review', due: null }));
      emulator.setActiveUser(ANA);
      ok(callServer(emulator, 'decideReview', { requestId: `r${i + 1}`, decision: 'request-changes', comment, contentHash: last!.contentHash }));
    });
    emulator.setActiveUser(ANALYST);
    expectStoredAsText(emulator, 'Sign-offs', comments);
  });

  test('IDs Mapspec gives new rows are stored as text', () => {
    const emulator = withSpec();
    const tab = sheets(emulator).getSheetByName(MAPPING)!;
    const r = templateRow('', 'src_3', 'dst_3');
    tab.getRange(5, 1, 1, 17).setValues([r]);
    ok(callServer(emulator, 'runChecks', {}));
    const id = tab.getRange(5, 1);
    expect(typeof id.getValue()).toBe('string');
    expect(id.getValue()).not.toBe('');
    expect(id.getFormula()).toBe('');
    expect(id.getNumberFormat()).toBe('@');
  });

  test('CSV export of an approved version: every hostile value reads back unchanged, none starts a formula', () => {
    const emulator = withSpec();
    const tab = sheets(emulator).getSheetByName(MAPPING)!;
    const n = HOSTILE_TEXT.length;
    // The analyst's rule text, as typed into a plain-text column (so the sheet holds it exactly).
    tab.getRange(3, 1, n, 17).setValues(Array.from({ length: n }, (_, i) => templateRow(`M-${i + 1}`, `src_${i + 1}`, `dst_${i + 1}`)));
    const rules = tab.getRange(3, 15, n, 1);
    rules.setNumberFormat('@');
    rules.setValues(HOSTILE_TEXT.map((t) => [t]));
    const v1 = ok(callServer<{ version: VersionSummary; list: VersionList }>(emulator, 'tagVersion', { note: 'hostile' })).version;
    ok(callServer(emulator, 'requestReview', { seq: v1.seq, approvers: [ANA], message: 'Please review', due: null }));
    emulator.setActiveUser(ANA);
    ok(callServer(emulator, 'decideReview', { requestId: 'r1', decision: 'approve', comment: '', contentHash: v1.contentHash }));
    emulator.setActiveUser(ANALYST);
    const csv = ok(callServer<ExportedFile>(emulator, 'exportVersion', { seq: v1.seq, format: 'csv' })).content;
    // No raw field starts what a spreadsheet would run.
    expect(parseCsv(csv).flat().filter((f) => /^[=+\-@\t\r]/.test(f))).toEqual([]);
    const records = readCsvValues(csv);
    const header = records.find((r) => r[0] === 'Row key' && r.length > 10)!;
    const ruleAt = header.findIndex((h) => /rule/i.test(h));
    const got = records.filter((r) => /^M-\d+$/.test(r[0]!)).map((r) => r[ruleAt]);
    // A version holds each cell in its canonical form (surrounding space trimmed, for the hash), and
    // the CSV gives back exactly what the version holds.
    expect(got).toEqual(HOSTILE_TEXT.map(canonicalText));
    expect(got.filter((g, i) => g !== HOSTILE_TEXT[i])).toEqual(['=1+1', '=1+1']);
  });
});
