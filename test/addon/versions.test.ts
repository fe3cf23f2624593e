// Versions through the shipped bundle: tag, list, diff against the live sheets; a tag is atomic
// under fault injection at every call and serialised against an interleaved tag; an edited hidden
// snapshot is reported as tampered; tagging and diffing take a constant number of spreadsheet calls.
import { Emulator } from '../../src/emulator/emulator';
import { SPREADSHEET_SERVICE_PREFIXES } from '../../src/emulator/context';
import type { SidebarState, VersionDiff, VersionList, VersionSummary } from '../../src/core/api';
import { callServer, newEmulator, ok, run, sheets, templateRow, tamperWithVersion } from '../support/addon';

const MAPPING = 'Mapping – Case registration';
const VERSIONS_SHEET = '_mapspec_versions';
const WIDTH = 17;
const USER = 'analyst@example.org';
type Tagged = { version: VersionSummary; list: VersionList };

const row = templateRow;

/** The template with six mapping rows M-1…M-6 (data from sheet row 3). */
function withSpec(): Emulator {
  const emulator = newEmulator();
  ok(callServer<{ created: string[]; state: SidebarState }>(emulator, 'insertTemplate', {}));
  const tab = sheets(emulator).getSheetByName(MAPPING)!;
  tab.getRange(3, 1, 6, WIDTH).setValues(Array.from({ length: 6 }, (_, i) => row(`M-${i + 1}`, `src_${i + 1}`, `dst_${i + 1}`)));
  return emulator;
}

/** Three rows edited (M-1 in two cells), one added (M-7), one deleted (M-4). */
function editSpec(emulator: Emulator): void {
  const tab = sheets(emulator).getSheetByName(MAPPING)!;
  tab.getRange(3, 15).setValue('trim()');
  tab.getRange(3, 9).setValue('person.first_name');
  tab.getRange(4, 10).setValue('integer');
  tab.getRange(5, 15).setValue('upper()');
  tab.deleteRow(6); // M-4
  tab.getRange(8, 1, 1, WIDTH).setValues([row('M-7', 'src_7', 'dst_7')]);
}

function clone(emulator: Emulator): Emulator {
  return newEmulator({ state: structuredClone(emulator.state) });
}

function versionProps(emulator: Emulator): string[] {
  return Object.keys(emulator.state.properties.document).filter((k) => k.startsWith('mapspec.version.')).sort();
}

describe('tag, list and diff', () => {
  test('tag v1, edit three rows, add one, delete one: 5 unreleased changes, exact old → new, tag v2 chained', () => {
    const emulator = withSpec();
    const empty = ok(callServer<VersionList>(emulator, 'listVersions', {}));
    expect(empty).toMatchObject({ versions: [], pending: null, nextLabel: 'v1' });

    const v1 = ok(callServer<Tagged>(emulator, 'tagVersion', { note: 'Initial agreement' }));
    expect(v1.version).toMatchObject({ seq: 1, label: 'v1', note: 'Initial agreement', author: USER, tampered: false, problem: null });
    expect(v1.version.counts.added).toBe(v1.version.counts.added + v1.version.counts.unchanged); // all rows new in v1
    expect(v1.list.pendingText).toBe('No unreleased changes since v1');
    expect(v1.list.nextLabel).toBe('v2');
    // The store: hidden sheet, one property per version, nothing of it in the sidebar's tab list.
    const hidden = sheets(emulator).getSheetByName(VERSIONS_SHEET)!;
    expect(hidden.isSheetHidden()).toBe(true);
    expect(versionProps(emulator)).toEqual(['mapspec.version.1']);
    const state = ok(callServer<SidebarState>(emulator, 'getSidebarState', {}));
    expect(state.tabs.find((t) => t.name === VERSIONS_SHEET)?.kind ?? null).toBeNull();

    editSpec(emulator);
    const list = ok(callServer<VersionList>(emulator, 'listVersions', {}));
    expect(list.pendingText).toBe('5 unreleased changes since v1');
    expect(list.pending).toMatchObject({ since: 'v1', added: 1, removed: 1, changed: 3, total: 5 });

    const d = ok(callServer<VersionDiff>(emulator, 'diffVersions', { from: 'v1', to: 'live' }));
    expect(d).toMatchObject({ from: 'v1', to: 'live', rowsOmitted: 0 });
    const tab = d.diff.tabs.find((t) => t.name === MAPPING)!;
    expect(tab.counts).toMatchObject({ added: 1, removed: 1, changed: 3 });
    const byKey = Object.fromEntries(tab.rows.map((r) => [r.key, r]));
    expect(byKey['M-1']).toMatchObject({ type: 'changed' });
    // Template headers repeat under the SOURCE / DESTINATION bands: the core names the second "#2".
    expect(byKey['M-1']!.cells).toEqual([
      { column: 'API name / path#2', old: 'dst_1', new: 'person.first_name' },
      { column: 'Transformation / rule', old: '', new: 'trim()' },
    ]);
    expect(byKey['M-2']!.cells).toEqual([{ column: 'Type#2', old: 'text', new: 'integer' }]);
    // …and the sidebar shows them as the Checks panel names them.
    expect(d.titles[String(tab.sheetId)]).toMatchObject({ 'API name / path#2': 'DESTINATION › API name / path', 'Type#2': 'DESTINATION › Type' });
    // A diff's row links to the live row by its key; a removed one is refused by name.
    expect(ok(callServer<{ a1: string }>(emulator, 'selectRow', { sheetId: tab.sheetId, key: 'M-2' })).a1).toBe('4:4');
    expect(sheets(emulator).getActiveRange()!.getA1Notation()).toMatch(/^A4:[A-Z]+4$/);
    const gone = callServer(emulator, 'selectRow', { sheetId: tab.sheetId, key: 'M-4' });
    expect(gone.ok ? '' : gone.message).toBe(`Row "M-4" is not in tab "${MAPPING}" now: it was removed, or its key changed.`);
    expect(byKey['M-3']!.cells).toEqual([{ column: 'Transformation / rule', old: '', new: 'upper()' }]);
    expect(byKey['M-4']).toMatchObject({ type: 'removed' });
    expect(byKey['M-7']).toMatchObject({ type: 'added' });
    expect(d.diff.tabs.filter((t) => t.name !== MAPPING).every((t) => t.status === 'unchanged')).toBe(true);

    // Who tagged comes from Session: the payload cannot name an author (zod strict).
    const forged = callServer(emulator, 'tagVersion', { note: 'x', author: 'someone@else.org' });
    expect(forged.ok).toBe(false);
    expect(!forged.ok && forged.message).toMatch(/could not read the request to tagVersion/);

    const v2 = ok(callServer<Tagged>(emulator, 'tagVersion', { label: 'v2', note: 'CR-12, CR-13: rules and types' }));
    expect(v2.version).toMatchObject({ label: 'v2', author: USER, counts: { added: 1, removed: 1, changed: 3 } });
    const final = ok(callServer<VersionList>(emulator, 'listVersions', {}));
    expect(final.versions.map((v) => v.label)).toEqual(['v2', 'v1']);
    expect(final.versions[0]!.previousChainHash).toBe(final.versions[1]!.chainHash);
    expect(final.versions[1]!.previousChainHash).toBe('0'.repeat(64));
    expect(final.chainOk).toBe(true);
    expect(final.versions.every((v) => !v.tampered)).toBe(true);
    expect(final.pendingText).toBe('No unreleased changes since v2');

    // Between two versions, the same changes; labels are unique regardless of case; 'live' is reserved.
    const d12 = ok(callServer<VersionDiff>(emulator, 'diffVersions', { from: 'v1', to: 'V2' }));
    expect(d12.diff.summary).toMatchObject({ added: 1, removed: 1, changed: 3 });
    expect(callServer(emulator, 'tagVersion', { label: 'V2', note: '' })).toEqual({ ok: false, message: 'There is already a version labelled "v2".' });
    expect(callServer(emulator, 'tagVersion', { label: 'Live', note: '' }).ok).toBe(false);
    expect(callServer(emulator, 'diffVersions', { from: 'v9', to: 'live' })).toEqual({ ok: false, message: 'There is no version labelled "v9".' });
  });
});

describe('atomic and serialised', () => {
  /** A tag with a fault at call N, then the checks every N must pass. */
  function faultAt(base: Emulator, n: number, before: string[]): 'failed, nothing visible' | 'failed after its last write' {
    const emulator = clone(base);
    const r = run(emulator, 'tagVersion', {
      args: [{ note: 'batch' }],
      onCall: (_name, index) => {
        if (index === n) throw new Error(`injected failure at call ${n}`);
      },
    });
    const after = ok(callServer<VersionList>(emulator, 'listVersions', {}));
    const labels = after.versions.map((v) => v.label).reverse();
    // Either nothing new is visible, or the whole version is (a fault after its last write).
    if (r.ok || labels.length > before.length) expect(labels).toEqual([...before, `v${before.length + 1}`]);
    else expect(labels).toEqual(before);
    expect(after.versions.filter((v) => v.tampered)).toEqual([]);
    expect(after.chainOk).toBe(true);
    // The next tag is not blocked (no lock left held, no orphan in the way) and its label is unique.
    const next = ok(callServer<Tagged>(emulator, 'tagVersion', { note: 'retry' }));
    const all = next.list.versions.map((v) => v.label);
    expect(new Set(all.map((l) => l.toLowerCase())).size).toBe(all.length);
    expect(next.list.versions.filter((v) => v.tampered)).toEqual([]);
    expect(next.list.chainOk).toBe(true);
    // Every version reads back and diffs against the live sheets; the store stays hidden.
    for (const l of all) expect(callServer(emulator, 'diffVersions', { from: l, to: 'live' }).ok).toBe(true);
    expect(sheets(emulator).getSheetByName(VERSIONS_SHEET)!.isSheetHidden()).toBe(true);
    expect(r.ok).toBe(false);
    return labels.length > before.length ? 'failed after its last write' : 'failed, nothing visible';
  }

  test.each([
    ['the first tag (creates the hidden sheet)', false],
    ['a tag on top of v1', true],
  ])('a fault at every call of %s leaves a consistent store', (_what, withV1) => {
    const base = withSpec();
    if (withV1) {
      ok(callServer(base, 'tagVersion', { note: 'v1' }));
      editSpec(base);
    }
    const before = withV1 ? ['v1'] : [];
    const names: string[] = [];
    const clean = run(clone(base), 'tagVersion', { args: [{ note: 'batch' }], onCall: (name) => names.push(name) });
    expect(clean.ok).toBe(true);
    const count = clean.calls.total;
    expect(names.length).toBe(count);
    // The version exists once its index entry is written (the tag's first property write); the
    // Changelog tab written after it is derived, and written again by the next tag.
    const lastWrite = names.indexOf('Properties.setProperties') + 1;
    expect(count).toBeGreaterThan(10);
    const outcomes: Record<string, number> = {};
    for (let n = 1; n <= count; n++) {
      const o = faultAt(base, n, before);
      outcomes[o] = (outcomes[o] ?? 0) + 1;
    }
    console.log(`tagVersion (${_what}): ${count} calls, faults injected at each: ${JSON.stringify(outcomes)}`);
    // A fault after the index entry (writing the Changelog tab, releasing the lock) fails the call
    // but the version is whole; a fault at or before it leaves nothing.
    expect(outcomes['failed after its last write']).toBe(count - lastWrite);
    expect(outcomes['failed, nothing visible']).toBe(lastWrite);
  });

  test('a failed tag that wrote its chunks leaves orphans that readers skip and the next tag replaces', () => {
    const base = withSpec();
    ok(callServer(base, 'tagVersion', { note: 'v1' }));
    editSpec(base);
    const r = run(base, 'tagVersion', {
      args: [{ note: 'lost' }],
      onCall: (name) => {
        if (name === 'Properties.setProperties') throw new Error('injected quota failure');
      },
    });
    expect(r.ok).toBe(false);
    const hidden = sheets(base).getSheetByName(VERSIONS_SHEET)!;
    const orphaned = hidden.getDataRange().getValues().filter((v) => v[0] === 'v2').length;
    expect(orphaned).toBeGreaterThan(0);
    expect(ok(callServer<VersionList>(base, 'listVersions', {})).versions.map((v) => v.label)).toEqual(['v1']);
    ok(callServer(base, 'tagVersion', { note: 'v2 for real' }));
    const rows = hidden.getDataRange().getValues();
    expect(rows.filter((v) => v[0] === 'v2').length).toBe(orphaned);
    expect(rows.every((v) => v[0] === 'v1' || v[0] === 'v2')).toBe(true);
    expect(ok(callServer<VersionList>(base, 'listVersions', {})).versions.map((v) => [v.label, v.tampered])).toEqual([
      ['v2', false],
      ['v1', false],
    ]);
  });

  test('a second tag during a tag is told Mapspec is busy; retried, both versions are distinct and whole', () => {
    const emulator = withSpec();
    ok(callServer(emulator, 'tagVersion', { note: 'v1' }));
    editSpec(emulator);
    let inner: ReturnType<typeof run> | null = null;
    const outer = run(emulator, 'tagVersion', {
      args: [{ note: 'outer' }],
      onCall: (name) => {
        // After the lock is taken, just before the chunk rows are written.
        if (name === 'Range.setValues' && !inner) inner = run(emulator, 'tagVersion', { args: [{ note: 'inner' }] });
      },
    });
    expect(outer.ok).toBe(true);
    expect(inner!.ok).toBe(false);
    expect(inner!.error!.message).toBe('Mapspec is busy with another change in this spreadsheet. Try again in a moment.');
    const retried = ok(callServer<Tagged>(emulator, 'tagVersion', { note: 'inner' }));
    expect(retried.list.versions.map((v) => [v.label, v.note, v.tampered])).toEqual([
      ['v3', 'inner', false],
      ['v2', 'outer', false],
      ['v1', 'v1', false],
    ]);
    expect(retried.list.chainOk).toBe(true);
  });

  test('a tag that starts while another is between reading and locking waits its turn and sees the other', () => {
    const emulator = withSpec();
    let inner: ReturnType<typeof run> | null = null;
    const outer = run(emulator, 'tagVersion', {
      args: [{ note: 'outer' }],
      onCall: (name) => {
        // Before the outer tag takes the lock: the inner one runs to completion first.
        if (name === 'LockService.getDocumentLock' && !inner) inner = run(emulator, 'tagVersion', { args: [{ note: 'inner' }] });
      },
    });
    expect(inner!.ok).toBe(true);
    expect(outer.ok).toBe(true);
    const list = ok(callServer<VersionList>(emulator, 'listVersions', {}));
    expect(list.versions.map((v) => [v.label, v.note])).toEqual([
      ['v2', 'outer'],
      ['v1', 'inner'],
    ]);
    expect(list.chainOk).toBe(true);
  });
});

describe('tamper evidence', () => {
  test('editing a chunk in the hidden sheet marks that version tampered; diff and tag refuse it', () => {
    const emulator = withSpec();
    ok(callServer(emulator, 'tagVersion', { note: 'v1' }));
    editSpec(emulator);
    ok(callServer(emulator, 'tagVersion', { note: 'v2' }));
    tamperWithVersion(emulator, 'v1');

    const list = ok(callServer<VersionList>(emulator, 'listVersions', {}));
    const v1 = list.versions.find((v) => v.label === 'v1')!;
    expect(v1.tampered).toBe(true);
    expect(v1.problem).toMatch(/^Version v1's stored snapshot was changed outside Mapspec \(hash mismatch/);
    expect(list.versions.find((v) => v.label === 'v2')!.tampered).toBe(false);
    expect(list.chainOk).toBe(false);
    expect(list.pendingText).toBe('No unreleased changes since v2');

    const d = callServer(emulator, 'diffVersions', { from: 'v1', to: 'live' });
    expect(d.ok).toBe(false);
    expect(!d.ok && d.message).toBe(v1.problem);
    expect(callServer(emulator, 'diffVersions', { from: 'v2', to: 'live' }).ok).toBe(true);
  });

  test('a tampered latest version is never used silently: list says so, tagging on top of it is refused', () => {
    const emulator = withSpec();
    ok(callServer(emulator, 'tagVersion', { note: 'v1' }));
    const hidden = sheets(emulator).getSheetByName(VERSIONS_SHEET)!;
    hidden.getRange(1, 2).setValue(2); // chunk number edited
    const list = ok(callServer<VersionList>(emulator, 'listVersions', {}));
    expect(list.versions[0]).toMatchObject({ label: 'v1', tampered: true });
    expect(list.pending).toBeNull();
    expect(list.pendingText).toMatch(/^Unreleased changes cannot be counted: Version v1's stored snapshot was changed outside Mapspec/);
    const tag = callServer(emulator, 'tagVersion', { note: 'v2' });
    expect(tag).toEqual({ ok: false, message: expect.stringMatching(/^Version v1's stored snapshot was changed outside Mapspec .*will not tag a new version on top of it\.$/) });
  });
});

describe('performance', () => {
  const COLUMNS = 20;

  /** The template's mapping tab with n rows × 20 columns (3 extra columns after the template's 17). */
  function bigSpec(n: number): { emulator: Emulator; rawBytes: number } {
    const emulator = newEmulator();
    ok(callServer(emulator, 'insertTemplate', {}));
    const tab = sheets(emulator).getSheetByName(MAPPING)!;
    if (tab.getMaxColumns() < COLUMNS) tab.insertColumnsAfter(tab.getMaxColumns(), COLUMNS - tab.getMaxColumns());
    tab.getRange(2, WIDTH + 1, 1, 3).setValues([['Owner', 'Ticket', 'Comment']]);
    if (tab.getMaxRows() < n + 2) tab.insertRowsAfter(tab.getMaxRows(), n + 2 - tab.getMaxRows());
    const rows = Array.from({ length: n }, (_, i) => [
      ...row(`M-${i + 1}`, `form.section_${i % 40}.question_${i}`, `Patient.extension[${i}].valueString`, i % 7 === 0 ? `lookup('list_${i % 13}', value)` : ''),
      `owner${i % 9}@example.org`,
      `CR-${1000 + i}`,
      i % 3 === 0 ? `Confirmed with the client on call ${i % 50}; see minutes ខ្មែរ` : '',
    ]);
    tab.getRange(3, 1, n, COLUMNS).setValues(rows);
    let rawBytes = 0;
    for (const r of rows) for (const c of r) rawBytes += Buffer.byteLength(c, 'utf8');
    return { emulator, rawBytes };
  }

  test('tagging, listing and diffing take the same number of spreadsheet calls for 500 and 5,000 rows × 20 columns', () => {
    const counts = [500, 5000].map((n) => {
      const { emulator, rawBytes } = bigSpec(n);
      const spreadsheetCalls = (fn: string, payload: object) => {
        const r = run<Tagged>(emulator, fn, { args: [payload] });
        if (!r.ok) throw new Error(`${fn} failed: ${r.error!.message}`);
        expect(r.effects.logs.filter((l) => l.level === 'error')).toEqual([]);
        return { calls: r.calls.count(...SPREADSHEET_SERVICE_PREFIXES), value: r.value! };
      };
      const first = spreadsheetCalls('tagVersion', { note: 'v1' });
      const tab = sheets(emulator).getSheetByName(MAPPING)!;
      tab.getRange(3, 15, 3, 1).setValues([['a'], ['b'], ['c']]);
      const second = spreadsheetCalls('tagVersion', { note: 'v2' });
      const v = JSON.parse(JSON.stringify(second.value)) as Tagged;
      expect(v.version.counts).toMatchObject({ changed: 3, added: 0, removed: 0 });
      console.log(
        `${n} rows × ${COLUMNS} columns: raw cell content ${rawBytes} bytes; canonical snapshot ${v.version.rawBytes} bytes; ` +
          `stored ${v.version.storedChars} characters in ${Math.ceil(v.version.storedChars / 45_000)} chunk(s) ` +
          `(${((100 * v.version.storedChars) / rawBytes).toFixed(1)}% of the raw content)`,
      );
      const diffLive = spreadsheetCalls('diffVersions', { from: 'v1', to: 'live' });
      const diffTags = spreadsheetCalls('diffVersions', { from: 'v1', to: 'v2' });
      const list = spreadsheetCalls('listVersions', {});
      return { tagFirst: first.calls, tagNext: second.calls, diffLive: diffLive.calls, diffTags: diffTags.calls, list: list.calls };
    });
    console.log(`spreadsheet calls (500 rows / 5,000 rows): ${JSON.stringify(counts)}`);
    expect(counts[1]).toEqual(counts[0]);
  });
});

describe('changelog tab', () => {
  test('is regenerated from the store on each tag, and editing it changes nothing in the store', () => {
    const emulator = withSpec();
    // The spreadsheet's time zone (File › Settings) is the one the tab's dates are written in.
    sheets(emulator).setSpreadsheetTimeZone('Asia/Phnom_Penh');
    ok(callServer(emulator, 'tagVersion', { note: 'first batch' }));
    editSpec(emulator);
    ok(callServer(emulator, 'tagVersion', { note: 'second batch' }));
    const tab = sheets(emulator).getSheetByName('Changelog')!;
    const rows = tab.getDataRange().getValues();
    expect(rows[0]).toEqual(['Version', 'Date', 'Who', 'Note', 'Added', 'Changed', 'Removed', 'Hash']);
    expect(rows.slice(1).map((r) => r[1])).toEqual([expect.stringMatching(/^\d{1,2} [A-Z][a-z]{2} \d{4}, \d\d:\d\d GMT\+7$/), expect.stringMatching(/ GMT\+7$/)]);
    expect(rows.slice(1).map((r) => [r[0], r[2], r[3]])).toEqual([
      ['v2', 'analyst@example.org', 'second batch'],
      ['v1', 'analyst@example.org', 'first batch'],
    ]);
    const before = ok(callServer<{ versions: { label: string; note: string }[] }>(emulator, 'listVersions', {}));
    tab.getRange('D2').setValue('rewritten by hand');
    const after = ok(callServer<{ versions: { label: string; note: string }[] }>(emulator, 'listVersions', {}));
    expect(after.versions.map((v) => v.note)).toEqual(before.versions.map((v) => v.note));
    ok(callServer(emulator, 'tagVersion', { note: 'third batch' }));
    expect(tab.getRange('D3').getValue()).toBe('second batch');
  });
});

describe('open a version as read-only tabs', () => {
  test('each tab of the version opens side by side, protected, as the version stored it', () => {
    const emulator = withSpec();
    ok(callServer(emulator, 'tagVersion', { note: 'first batch' }));
    editSpec(emulator);
    const r = ok(callServer<{ created: string[] }>(emulator, 'openVersionTabs', { label: 'v1' }));
    expect(r.created.length).toBeGreaterThan(0);
    const ss = sheets(emulator);
    for (const name of r.created) {
      const tab = ss.getSheetByName(name)!;
      expect(name.startsWith('v1 · ')).toBe(true);
      expect(tab.getFrozenRows()).toBe(1);
      expect(tab.getProtections(emulator.execution().globals.SpreadsheetApp.ProtectionType.SHEET)[0]!.isWarningOnly()).toBe(true);
    }
    // The opened copy shows v1's values, not the live edits.
    const live = ok(callServer<VersionDiff>(emulator, 'diffVersions', { from: 'v1', to: 'live' }));
    const tabDiff = live.diff.tabs.find((t) => t.rows.some((row) => row.type === 'changed'))!;
    const cell = tabDiff.rows.find((row) => row.type === 'changed')!.cells[0]!;
    const copy = ss.getSheetByName(r.created.find((n) => n.endsWith(tabDiff.name))!)!;
    expect(copy.getDataRange().getValues().flat()).toContain(cell.old);
    expect(callServer(emulator, 'openVersionTabs', { label: 'v9' })).toMatchObject({ ok: false, message: 'There is no version labelled "v9".' });
  });
});
