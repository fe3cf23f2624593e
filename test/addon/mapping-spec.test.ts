// Mapping specs through the shipped bundle: insert the template, adopt tabs, fill managed IDs, run the
// checks, colour rows by the legend, recolour on edit, put fills back — and bad input on the way.
import { Emulator } from '../../src/emulator/emulator';
import { readXlsx } from '../../src/emulator/xlsx';
import { userEdit } from '../../src/emulator/simulate';
import { SPREADSHEET_SERVICE_PREFIXES } from '../../src/emulator/context';
import { DEFAULT_COLOURS, NOTE_MARK } from '../../src/core/mapping/colours';
import type { CheckResult, SidebarState, TabDetection } from '../../src/core/api';
import { callServer, newEmulator, ok, run, sheets } from '../support/addon';
import { CODE_PATH } from '../support/paths';
import { WHO_DATA_TABS, WHO_OTHER_TABS, WHO_PATH } from '../support/who';
import { demoWorkbook } from '../../src/playground/demo-workbook';

const MAPPING = 'Mapping – Case registration';
const WIDTH = 17;

/** A mapping row in template column order. */
function row(p: Partial<Record<'id' | 'status' | 'srcPath' | 'srcType' | 'srcSample' | 'dstPath' | 'dstType' | 'rule' | 'map' | 'unique', string>>): string[] {
  const r = Array<string>(WIDTH).fill('');
  r[0] = p.id ?? '';
  r[1] = p.status ?? 'Agreed';
  r[2] = p.srcPath ?? '';
  r[3] = p.srcPath ?? '';
  r[4] = p.srcType ?? 'text';
  r[5] = p.srcSample ?? '';
  r[7] = p.dstPath ?? '';
  r[8] = p.dstPath ?? '';
  r[9] = p.dstType ?? 'text';
  r[12] = 'Yes';
  r[13] = p.unique ?? 'No';
  r[14] = p.rule ?? '';
  r[15] = p.map ?? '';
  return r;
}

function withTemplate(rows: string[][] = []) {
  const emulator = newEmulator();
  const inserted = ok(callServer<{ created: string[]; state: SidebarState }>(emulator, 'insertTemplate', {}));
  const tab = sheets(emulator).getSheetByName(MAPPING)!;
  if (rows.length) tab.getRange(3, 1, rows.length, WIDTH).setValues(rows);
  return { emulator, inserted, tab };
}

describe('insert the template', () => {
  test('adds README, a mapping tab per step and value maps, registered, changing nothing else', () => {
    const emulator = newEmulator();
    const ss = sheets(emulator);
    ss.getSheets()[0]!.getRange('A1').setValue('mine');
    const r = ok(callServer<{ created: string[]; state: SidebarState }>(emulator, 'insertTemplate', { steps: ['Registration', 'Follow-up ខ្មែរ'] }));
    expect(r.created).toEqual(['README', 'Mapping – Registration', 'Mapping – Follow-up ខ្មែរ', 'Value maps']);
    expect(r.state.tabs.map((t) => [t.name, t.kind])).toEqual([
      ['Sheet1', null],
      ['README', null],
      ['Mapping – Registration', 'mapping'],
      ['Mapping – Follow-up ខ្មែរ', 'mapping'],
      ['Value maps', 'value-map'],
    ]);
    expect(ss.getSheets()[0]!.getRange('A1').getValue()).toBe('mine');
    const tab = ss.getSheetByName('Mapping – Registration')!;
    expect(tab.getFrozenRows()).toBe(2);
    expect(tab.getRange(1, 3).getValue()).toBe('SOURCE');
    expect(tab.getRange(1, 3, 1, 5).isPartOfMerge()).toBe(true);
    expect(tab.getRange(2, 1, 1, 4).getValues()[0]).toEqual(['ID', 'Status', 'Label', 'API name / path']);
    expect(tab.getRange(3, 2).getDataValidation()!.getCriteriaValues()[0]).toEqual(['New', 'Needs discussion', 'Agreed', 'Deprecated']);
    // The README's legend is generated from the colour settings.
    const readme = ss.getSheetByName('README')!;
    const values = readme.getDataRange().getValues().map((v) => v[0]);
    const fills = readme.getRange(1, 1, values.length, 1).getBackgrounds().map((b) => b[0]);
    expect(fills[values.indexOf('Needs discussion', values.indexOf('Colour legend'))]).toBe(DEFAULT_COLOURS.needsDiscussion);
    expect(fills[values.indexOf('New', values.indexOf('Colour legend'))]).toBe(DEFAULT_COLOURS.newRow);
    // The template is read back by detection with full confidence.
    const d = ok(callServer<TabDetection>(emulator, 'detectTab', { sheetId: tab.getSheetId() }));
    expect([d.detection.kind, d.detection.headerRow, d.detection.bandRow, d.detection.level]).toEqual(['mapping', 2, 1, 'high']);
  });

  test('a second insert does not overwrite the first, and does not double the README or the value maps', () => {
    const { emulator } = withTemplate();
    const again = ok(callServer<{ created: string[]; kept: string[] }>(emulator, 'insertTemplate', {}));
    expect(again.created).toEqual([`${MAPPING} (2)`]);
    expect(again.kept).toEqual(["“README” kept as Mapspec's README", '“Value maps” used as the value maps']);
    expect(sheets(emulator).getSheets().map((s) => s.getName()).filter((n) => /\(2\)$/.test(n))).toEqual([`${MAPPING} (2)`]);
  });

  test("on a spreadsheet with its own README and value maps (the demo), the template uses them: the value maps join the spec, the team's README is untouched", () => {
    const emulator = newEmulator({ workbook: demoWorkbook() });
    const readme = sheets(emulator).getSheetByName('README')!;
    const before = readme.getDataRange().getValues();
    const r = ok(callServer<{ created: string[]; kept: string[]; state: SidebarState }>(emulator, 'insertTemplate', {}));
    expect(r.created).toEqual(['Mapspec guide', MAPPING]);
    expect(r.kept).toEqual(['your “README” left as it is (Mapspec\'s colour key is in “Mapspec guide”)', '“Value maps” used as the value maps']);
    expect(r.state.tabs.find((t) => t.name === 'Value maps')!.kind).toBe('value-map');
    expect(r.state.tabs.find((t) => t.name === 'README')!.kind).toBeNull();
    expect(readme.getDataRange().getValues()).toEqual(before);
  });

  test('a failure halfway leaves no template tabs behind', () => {
    const emulator = newEmulator();
    const before = sheets(emulator).getSheets().length;
    const r = run(emulator, 'insertTemplate', {
      args: [{}],
      onCall: (name) => {
        if (name === 'Range.setDataValidation') throw new Error('injected failure');
      },
    });
    expect(r.ok).toBe(false);
    expect(sheets(emulator).getSheets().length).toBe(before);
    expect(Object.keys(emulator.state.properties.document).filter((k) => k.startsWith('mapspec.layout'))).toEqual([]);
  });
});

describe('checks and colours', () => {
  test('managed IDs are filled without renumbering; findings name tab, row and column; colours follow the legend', () => {
    const { emulator, tab } = withTemplate([
      row({ id: 'M-007', status: 'New', srcPath: 'dob', srcType: 'date', dstPath: 'dateOfBirth', dstType: 'integer', unique: 'Yes' }),
      row({ status: 'Needs discussion', srcPath: 'sex', srcType: 'select_one', dstPath: 'gender', dstType: 'select_one', map: 'sex' }),
      row({ status: 'Agreed', srcPath: 'name', dstPath: 'firstName' }),
      row({ status: 'Deprecated', srcPath: 'old', dstPath: 'firstName' }),
    ]);
    const result = ok(callServer<CheckResult>(emulator, 'runChecks', {}));
    expect(tab.getRange(3, 1, 4, 1).getValues().map((v) => v[0])).toEqual(['M-007', 'M-008', 'M-009', 'M-010']);
    const findings = result.tabs.find((t) => t.name === MAPPING)!.findings;
    expect(findings.map((f) => [f.rule, f.row, f.column])).toEqual([
      ['type-change-without-rule', 3, 'J'],
      ['unknown-value-map', 4, 'P'],
    ]);
    expect(findings[1]).toMatchObject({ severity: 'error', sheetId: tab.getSheetId(), columnIndex: 16, message: expect.stringMatching(/^Mapping – Case registration, row 4, column P/) });
    expect(result.bySeverity).toEqual({ error: 1, warning: 1, info: 0 });

    const fills = tab.getRange(3, 1, 4, WIDTH).getBackgrounds();
    // Errors and warnings tint their cell (J3: date → integer with no rule); the rest of the row has its status colour.
    expect(fills[0]![9]).toBe(DEFAULT_COLOURS.error);
    expect(new Set(fills[0]!.filter((_, j) => j !== 9))).toEqual(new Set([DEFAULT_COLOURS.newRow]));
    expect(fills[1]![15]).toBe(DEFAULT_COLOURS.error);
    expect(new Set(fills[1]!.filter((_, j) => j !== 15))).toEqual(new Set([DEFAULT_COLOURS.needsDiscussion]));
    expect(new Set([...fills[2]!, ...fills[3]!])).toEqual(new Set(['#ffffff']));
    expect(tab.getRange(4, 16).getNote()).toBe(`${NOTE_MARK} (unknown-value-map): ${findings[1]!.message}`);
  });

  test('fixing the mistake and re-running is clean, and the error tint and note go away', () => {
    const { emulator, tab } = withTemplate([row({ status: 'Agreed', srcPath: 'sex', srcType: 'select_one', dstPath: 'gender', dstType: 'select_one', map: 'sex', unique: 'Yes' })]);
    ok(callServer<CheckResult>(emulator, 'runChecks', {}));
    expect(tab.getRange(3, 16).getBackground()).toBe(DEFAULT_COLOURS.error);
    sheets(emulator).getSheetByName('Value maps')!.getRange('A2:E2').setValues([['sex', 'female', 'Female', 'F', 'Female']]);
    const again = ok(callServer<CheckResult>(emulator, 'runChecks', {}));
    expect(again.total).toBe(0);
    expect(tab.getRange(3, 16).getBackground()).toBe('#ffffff');
    expect(tab.getRange(3, 16).getNote()).toBe('');
  });

  test('"Clear Mapspec colours" puts back the person\'s own fills and notes, and keeps fills they changed since', () => {
    const { emulator, tab } = withTemplate([
      row({ status: 'New', srcPath: 'a', dstPath: 'a', unique: 'Yes' }),
      row({ status: 'New', srcPath: 'b', dstPath: 'b', map: 'nope' }),
    ]);
    tab.getRange(3, 3).setBackground('#00ff00');
    tab.getRange(4, 16).setNote('ask the client');
    ok(callServer<CheckResult>(emulator, 'runChecks', {}));
    expect(tab.getRange(3, 3).getBackground()).toBe(DEFAULT_COLOURS.newRow);
    expect(tab.getRange(4, 16).getNote()).toMatch(/^ask the client\n\n⚑ Mapspec \(unknown-value-map\): /);
    tab.getRange(4, 1).setBackground('#123456'); // the person repaints a cell Mapspec had painted
    const cleared = ok(callServer<{ restoredCells: number }>(emulator, 'clearColours', {}));
    expect(cleared.restoredCells).toBe(2 * WIDTH - 1);
    expect(tab.getRange(3, 3).getBackground()).toBe('#00ff00');
    expect(tab.getRange(3, 4).getBackground()).toBe('#ffffff');
    expect(tab.getRange(4, 1).getBackground()).toBe('#123456');
    expect(tab.getRange(4, 16).getNote()).toBe('ask the client');
  });

  test('an edit recolours only the edited rows', () => {
    const { emulator, tab } = withTemplate([row({ status: 'Agreed', srcPath: 'a', dstPath: 'a', unique: 'Yes' }), row({ status: 'Agreed', srcPath: 'b', dstPath: 'b' })]);
    ok(callServer<CheckResult>(emulator, 'runChecks', {}));
    tab.getRange(3, 1, 2, WIDTH).setBackground('#ffffff');
    tab.getRange(3, 5).setBackground('#abcdef'); // row 3 is not edited: must stay as it is
    const edit = userEdit(emulator, { sheetId: tab.getSheetId(), row: 4, column: 2, values: [['Needs discussion']] }, { codePath: CODE_PATH });
    expect(edit.runs.map((r) => [r.functionName, r.ok, r.authMode])).toEqual([['onEdit', true, 'LIMITED']]);
    expect(new Set(tab.getRange(4, 1, 1, WIDTH).getBackgrounds()[0])).toEqual(new Set([DEFAULT_COLOURS.needsDiscussion]));
    expect(tab.getRange(3, 5).getBackground()).toBe('#abcdef');
    expect(tab.getRange(3, 4).getBackground()).toBe('#ffffff');
  });

  test('an edit outside registered tabs does nothing', () => {
    const { emulator } = withTemplate();
    const other = sheets(emulator).getSheets()[0]!;
    const before = JSON.stringify(emulator.state.properties.document);
    const edit = userEdit(emulator, { sheetId: other.getSheetId(), row: 1, column: 1, values: [['hello']] }, { codePath: CODE_PATH });
    expect(edit.runs[0]!.ok).toBe(true);
    expect(other.getRange('A1').getBackground()).toBe('#ffffff');
    expect(JSON.stringify(emulator.state.properties.document)).toBe(before);
  });

  test('checking and colouring take the same number of spreadsheet calls for 500 and 5,000 rows', () => {
    const counts = [500, 5000].map((n) => {
      const rows = Array.from({ length: n }, (_, i) =>
        row({ id: `M-${i + 1}`, status: i % 3 === 0 ? 'New' : i % 3 === 1 ? 'Needs discussion' : 'Agreed', srcPath: `src_${i}`, dstPath: i % 50 === 0 ? 'dup' : `dst_${i}`, unique: i === 0 ? 'Yes' : 'No' }),
      );
      const emulator = newEmulator();
      ok(callServer(emulator, 'insertTemplate', {}));
      const tab = sheets(emulator).getSheetByName(MAPPING)!;
      if (tab.getMaxRows() < n + 2) tab.insertRowsAfter(tab.getMaxRows(), n + 2 - tab.getMaxRows());
      tab.getRange(3, 1, n, WIDTH).setValues(rows);
      const first = run(emulator, 'runChecks', { args: [{}] });
      expect(first.ok).toBe(true);
      const second = run(emulator, 'runChecks', { args: [{}] });
      return [first.calls.count(...SPREADSHEET_SERVICE_PREFIXES), second.calls.count(...SPREADSHEET_SERVICE_PREFIXES)];
    });
    expect(counts[1]).toEqual(counts[0]);
  });

  test('two analysts running checks at once: the second is told to try again, nothing half-written', () => {
    const { emulator } = withTemplate([row({ status: 'New', srcPath: 'a', dstPath: 'a', unique: 'Yes' })]);
    const holder = emulator.execution();
    expect(holder.globals.LockService.getDocumentLock().tryLock(1000)).toBe(true);
    const busy = callServer(emulator, 'runChecks', {});
    expect(busy).toEqual({ ok: false, message: 'Mapspec is busy with another change in this spreadsheet. Try again in a moment.' });
    holder.end();
    expect(callServer(emulator, 'runChecks', {}).ok).toBe(true);
  });
});

describe('adopting existing tabs', () => {
  test('every data-element tab of the WHO data dictionary is adopted with its header row and ID, label, type and input-options columns', async () => {
    const emulator = new Emulator({ workbook: await readXlsx(WHO_PATH), scopes: newEmulator().state.scopes });
    const dataTabs = WHO_DATA_TABS;
    const ss = sheets(emulator);
    for (const name of dataTabs) {
      const sheetId = ss.getSheetByName(name)!.getSheetId();
      const d = ok(callServer<TabDetection>(emulator, 'detectTab', { sheetId }));
      expect([name, d.detection.kind, d.detection.headerRow]).toEqual([name, 'dictionary', 2]);
      const roleOf = (role: string) => d.detection.columns.find((c) => c.role === role)?.header.replace(/\s+/g, ' ').toLowerCase();
      expect([name, roleOf('id'), roleOf('label'), roleOf('type'), roleOf('choices')]).toEqual([name, '[anc] data element id', 'data element label', 'data type', 'input options']);
      const roles = d.detection.columns.filter((c) => c.role).map((c) => ({ column: c.column, role: c.role! }));
      const id = d.detection.columns.find((c) => c.role === 'id')!.column;
      const state = ok(callServer<SidebarState>(emulator, 'registerTab', { sheetId, kind: 'dictionary', headerRow: 2, roles, keyColumn: id, managedIds: false }));
      expect(state.tabs.find((t) => t.sheetId === sheetId)!.kind).toBe('dictionary');
    }
    for (const name of WHO_OTHER_TABS) {
      const d = ok(callServer<TabDetection>(emulator, 'detectTab', { sheetId: ss.getSheetByName(name)!.getSheetId() }));
      expect([name, d.detection.kind]).toEqual([name, 'none']);
    }
    const result = ok(callServer<CheckResult>(emulator, 'runChecks', {}));
    expect(result.tabs).toHaveLength(11);
    expect(result.bySeverity.error).toBeGreaterThan(0); // the file has real duplicate IDs
    expect(result.tabs.flatMap((t) => t.findings).find((f) => f.rule === 'duplicate-key')!.message).toMatch(/^ANC\.B6 Profile, row \d+, column [BC] \(\[ANC\] Data element ID\)/);
  });

  test('a registered tab keeps working after it is renamed and its columns move', () => {
    const { emulator, tab } = withTemplate([row({ status: 'Agreed', srcPath: 'a', dstPath: 'a', map: 'missing', unique: 'Yes' })]);
    tab.setName('Registration (renamed)');
    tab.insertColumnBefore(1);
    const result = ok(callServer<CheckResult>(emulator, 'runChecks', {}));
    const f = result.tabs.find((t) => t.name === 'Registration (renamed)')!.findings;
    expect(f.map((x) => [x.rule, x.column])).toEqual([['unknown-value-map', 'Q']]);
  });

  test('a registered tab that was deleted is dropped from the spec, and the next check says so once', () => {
    const { emulator } = withTemplate();
    const ss = sheets(emulator);
    ss.deleteSheet(ss.getSheetByName('Value maps')!);
    const result = ok(callServer<CheckResult>(emulator, 'runChecks', {}));
    expect(result.tabs.map((t) => t.name)).toEqual([MAPPING]);
    expect(result.notices).toEqual(['The tab "Value maps" was deleted, so Mapspec no longer checks or versions it.']);
    expect(ok(callServer<CheckResult>(emulator, 'runChecks', {})).notices).toEqual([]);
    const state = ok(callServer<SidebarState>(emulator, 'getSidebarState', {}));
    expect(state.tabs.map((t) => t.name)).not.toContain('Value maps');
  });

  test('adopting an existing tab with a band row, blank column A and Khmer, Thai and Arabic labels', () => {
    const emulator = newEmulator();
    const sheet = sheets(emulator).getSheets()[0]!;
    sheet.getRange('B2:H5').setValues([
      ['CommCare', '', '', 'DHIS2', '', '', ''],
      ['Question', 'Property', 'Type', 'Data element', 'UID', 'Value type', 'Notes'],
      ['ឈ្មោះ', 'name', 'text', 'ชื่อ', 'w75KJ2mc4zz', 'TEXT', '<img src=x onerror=alert(1)>'],
      ['العمر', 'age', 'int', 'Age', 'qrur9Dvnyt5', 'NUMBER', ''],
    ]);
    sheet.getRange('B2:D2').merge();
    sheet.getRange('E2:H2').merge();
    const d = ok(callServer<TabDetection>(emulator, 'detectTab', { sheetId: sheet.getSheetId() }));
    expect(d.detection.headerRow).toBe(3);
    expect(d.detection.columns.filter((c) => c.role).map((c) => [c.letter, c.role])).toEqual(
      expect.arrayContaining([
        ['C', 'source-path'],
        ['D', 'source-type'],
        ['F', 'destination-path'],
        ['G', 'destination-type'],
      ]),
    );
  });

  test('bad input gets a clear message and changes nothing', () => {
    const { emulator, tab } = withTemplate();
    const before = JSON.stringify(emulator.state.workbook);
    const cases: [string, unknown, RegExp][] = [
      ['registerTab', { sheetId: tab.getSheetId(), kind: 'mapping', headerRow: 2, roles: [{ column: 3, role: 'wizard' }], keyColumn: null, managedIds: false }, /"wizard" is not a role Mapspec knows/],
      ['registerTab', { sheetId: tab.getSheetId(), kind: 'mapping', headerRow: 2, roles: [{ column: 3, role: 'source-path' }, { column: 4, role: 'source-path' }], keyColumn: null, managedIds: false }, /chosen for two columns \(3 and 4\)/],
      ['registerTab', { sheetId: tab.getSheetId(), kind: 'mapping', headerRow: 40, roles: [], keyColumn: null, managedIds: false }, /row 40 is below the last row with content/],
      ['registerTab', { sheetId: tab.getSheetId(), kind: 'nonsense', headerRow: 2, roles: [], keyColumn: null, managedIds: false }, /could not read the request to registerTab \(kind\)/],
      ['detectTab', { sheetId: 4242 }, /That tab no longer exists/],
      ['unregisterTab', { sheetId: sheets(emulator).getSheets()[0]!.getSheetId() }, /not part of the spec/],
      ['selectCell', { sheetId: tab.getSheetId(), row: 0, column: 1 }, /could not read the request to selectCell \(row\)/],
    ];
    for (const [fn, payload, message] of cases) {
      const r = callServer(emulator, fn, payload);
      expect([fn, r.ok]).toEqual([fn, false]);
      if (!r.ok) expect(r.message).toMatch(message);
    }
    expect(JSON.stringify(emulator.state.workbook)).toBe(before);
  });

  test('an empty tab, formula errors, HTML and 50,000-character cells are reported as findings, not crashes', () => {
    const emulator = newEmulator();
    const empty = ok(callServer<TabDetection>(emulator, 'detectTab', { sheetId: sheets(emulator).getSheets()[0]!.getSheetId() }));
    expect(empty.detection.kind).toBe('none');
    expect(empty.detection.findings.map((f) => f.rule)).toEqual(['missing-header']);

    ok(callServer(emulator, 'insertTemplate', {}));
    const tab = sheets(emulator).getSheetByName(MAPPING)!;
    tab.getRange(3, 1, 3, WIDTH).setValues([
      row({ id: 'M-1', status: 'Agreed', srcPath: '<script>alert(1)</script>', dstPath: 'x'.repeat(50000), unique: 'Yes' }),
      row({ id: 'M-2', status: 'Agreed', srcPath: 'b', dstPath: 'b' }),
      row({ id: 'M-3', status: 'Agreed', srcPath: 'c', dstPath: 'c ' }),
    ]);
    tab.getRange(4, 9).setFormula('=1/0');
    const result = ok(callServer<CheckResult>(emulator, 'runChecks', {}));
    const findings = result.tabs.find((t) => t.name === MAPPING)!.findings;
    expect(findings.map((f) => [f.rule, f.row, f.column])).toEqual(
      expect.arrayContaining([
        ['formula-error', 4, 'I'],
        ['stray-whitespace', 5, 'I'],
      ]),
    );
    for (const f of findings) expect(f.message.length).toBeLessThan(1000);
  });

  test('selectCell lands on the finding\'s cell', () => {
    const { emulator, tab } = withTemplate();
    expect(ok(callServer<{ a1: string }>(emulator, 'selectCell', { sheetId: tab.getSheetId(), row: 7, column: 10 }))).toEqual({ a1: 'J7' });
    expect(emulator.state.workbook.active).toEqual({ sheetId: tab.getSheetId(), a1: 'J7' });
  });
});

describe('colour memory across edits and ID filling', () => {
  test('a row painted on edit before it had an ID is still restored after "Run checks" gives it one', () => {
    const { emulator, tab } = withTemplate();
    ok(callServer<CheckResult>(emulator, 'runChecks', {}));
    userEdit(emulator, { sheetId: tab.getSheetId(), row: 3, column: 2, values: [['New', 'Name', 'name']] }, { codePath: CODE_PATH });
    expect(tab.getRange(3, 3).getBackground()).toBe(DEFAULT_COLOURS.newRow);
    ok(callServer<CheckResult>(emulator, 'runChecks', {}));
    expect(tab.getRange(3, 1).getValue()).toBe('M-001');
    const cleared = ok(callServer<{ restoredCells: number }>(emulator, 'clearColours', {}));
    expect(cleared.restoredCells).toBe(WIDTH);
    expect(tab.getRange(3, 3).getBackground()).toBe('#ffffff');
  });

  test('the first recolour does not move the person to another tab', () => {
    const { emulator, tab } = withTemplate();
    sheets(emulator).setActiveSheet(tab);
    tab.getRange('C5').activate();
    userEdit(emulator, { sheetId: tab.getSheetId(), row: 5, column: 2, values: [['Needs discussion']] }, { codePath: CODE_PATH });
    expect(emulator.state.workbook.active).toEqual({ sheetId: tab.getSheetId(), a1: 'C5' });
    expect(sheets(emulator).getSheetByName('_mapspec_colours')!.isSheetHidden()).toBe(true);
  });
});

describe('settings', () => {
  test('colours, error tint and blank markers are saved, the README legend follows, and the next check paints with them', () => {
    const { emulator, tab } = withTemplate([row({ status: 'New', srcPath: 'a', dstPath: 'a', map: 'nope', unique: 'Yes' })]);
    ok(callServer<CheckResult>(emulator, 'runChecks', {}));
    const state = ok(callServer<SidebarState>(emulator, 'saveSettings', { colours: { newRow: '#d9ead3' }, errorTint: false, blankMarkers: ['', 'NA', '—'] }));
    expect(state.settings).toEqual({ blankMarkers: ['', 'NA', '—'], colours: { ...DEFAULT_COLOURS, newRow: '#d9ead3', errorTint: undefined }, errorTint: false, typeSynonyms: {}, statusSynonyms: {}, severityOverrides: {} });
    expect(state.legend.map((l) => l.label)).toEqual(['Needs discussion', 'New', 'Changed']);
    const readme = sheets(emulator).getSheetByName('README')!;
    const columnA = readme.getDataRange().getValues().map((v) => v[0]);
    const at = columnA.indexOf('Colour legend');
    expect(columnA.slice(at + 1)).toEqual(['Needs discussion', 'New', 'Changed']);
    expect(readme.getRange(at + 3, 1).getBackground()).toBe('#d9ead3');
    ok(callServer<CheckResult>(emulator, 'runChecks', {}));
    expect(new Set(tab.getRange(3, 1, 1, WIDTH).getBackgrounds()[0])).toEqual(new Set(['#d9ead3']));
    expect(tab.getRange(3, 16).getNote()).toBe('');
  });

  test('bad settings are refused with a message and nothing is saved', () => {
    const { emulator } = withTemplate();
    const before = JSON.stringify(emulator.state.properties.document);
    const r = callServer(emulator, 'saveSettings', { colours: { newRow: 'pink' } });
    expect(r).toMatchObject({ ok: false, message: expect.stringContaining('(colours.newRow)') });
    expect(JSON.stringify(emulator.state.properties.document)).toBe(before);
  });
});

describe('colours stay right when the sheet changes under them', () => {
  test('after a column is inserted before the table, rows keep their status colours and restore', () => {
    const { emulator, tab } = withTemplate([row({ id: 'M-001', status: 'New', srcPath: 'a', dstPath: 'a', unique: 'Yes' }), row({ id: 'M-002', status: 'Needs discussion', srcPath: 'b', dstPath: 'b' })]);
    tab.insertColumnBefore(1);
    const result = ok(callServer<CheckResult>(emulator, 'runChecks', {}));
    // The rows are painted across the sheet's used width (the new blank column A included).
    expect(result.paintedCells).toBe(2 * (WIDTH + 1));
    expect(tab.getRange(3, 2).getBackground()).toBe(DEFAULT_COLOURS.newRow);
    expect(tab.getRange(4, 3).getBackground()).toBe(DEFAULT_COLOURS.needsDiscussion);
    expect(ok(callServer<{ restoredCells: number }>(emulator, 'clearColours', {})).restoredCells).toBe(2 * (WIDTH + 1));
  });

  test('two rows with the same ID keep separate memories of their own fills', () => {
    const { emulator, tab } = withTemplate([row({ id: 'M-001', status: 'New', srcPath: 'a', dstPath: 'a', unique: 'Yes' }), row({ id: 'M-001', status: 'New', srcPath: 'b', dstPath: 'b' })]);
    tab.getRange(3, 3).setBackground('#00ff00');
    tab.getRange(4, 3).setBackground('#0000ff');
    ok(callServer<CheckResult>(emulator, 'runChecks', {}));
    ok(callServer(emulator, 'clearColours', {}));
    expect([tab.getRange(3, 3).getBackground(), tab.getRange(4, 3).getBackground(), tab.getRange(3, 1).getBackground()]).toEqual(['#00ff00', '#0000ff', '#ffffff']);
  });

  test('a failure while painting loses no memory: the next clear puts the person\'s fills back', () => {
    const emulator = newEmulator();
    ok(callServer(emulator, 'insertTemplate', { steps: ['One', 'Two'] }));
    const [one, two] = ['Mapping – One', 'Mapping – Two'].map((n) => sheets(emulator).getSheetByName(n)!);
    for (const tab of [one!, two!]) {
      tab.getRange(3, 1, 1, WIDTH).setValues([row({ id: `M-${tab.getName().length}`, status: 'New', srcPath: 'a', dstPath: 'a', unique: 'Yes' })]);
      tab.getRange(3, 3).setBackground('#00ff00');
    }
    let seen = 0;
    const failed = run(emulator, 'runChecks', {
      args: [{}],
      onCall: (name) => {
        if (name === 'Range.setBackgrounds' && ++seen === 2) throw new Error('injected failure while painting the second tab');
      },
    });
    expect(failed.ok).toBe(false);
    expect([one!.getRange(3, 3).getBackground(), two!.getRange(3, 3).getBackground()]).toEqual([DEFAULT_COLOURS.newRow, '#00ff00']);
    ok(callServer(emulator, 'clearColours', {}));
    expect([one!.getRange(3, 3).getBackground(), two!.getRange(3, 3).getBackground()]).toEqual(['#00ff00', '#00ff00']);
  });

  test('an edit keeps the tints of checks across rows, which only "Run checks" can re-evaluate', () => {
    const { emulator, tab } = withTemplate([row({ id: 'M-001', status: 'Agreed', srcPath: 'a', dstPath: 'same', unique: 'Yes' }), row({ id: 'M-002', status: 'Agreed', srcPath: 'b', dstPath: 'same' })]);
    ok(callServer<CheckResult>(emulator, 'runChecks', {}));
    expect(tab.getRange(4, 9).getBackground()).toBe(DEFAULT_COLOURS.error);
    userEdit(emulator, { sheetId: tab.getSheetId(), row: 4, column: 17, values: [['a question']] }, { codePath: CODE_PATH });
    expect(tab.getRange(4, 9).getBackground()).toBe(DEFAULT_COLOURS.error);
    expect(tab.getRange(4, 9).getNote()).toMatch(/duplicate-destination/);
  });

  test('filling missing IDs writes only the empty cells: existing IDs keep their exact text', () => {
    const { emulator, tab } = withTemplate([row({ status: 'Agreed', srcPath: 'a', dstPath: 'a', unique: 'Yes' }), row({ status: 'Agreed', srcPath: 'b', dstPath: 'b' })]);
    tab.getRange('A3').setNumberFormat('@');
    tab.getRange('A3').setValue('0012');
    ok(callServer<CheckResult>(emulator, 'runChecks', {}));
    expect(tab.getRange('A3').getValue()).toBe('0012');
    expect(tab.getRange('A4').getValue()).toBe('M-001');
  });

  test('a colour change rewrites only Mapspec\'s legend rows in the README; the person\'s own row stays', () => {
    const { emulator } = withTemplate();
    const readme = sheets(emulator).getSheetByName('README')!;
    const at = readme.getDataRange().getValues().map((v) => v[0]).indexOf('Colour legend') + 1;
    readme.getRange(at + 5, 1, 1, 2).setValues([['Grey', 'Out of scope for this phase']]);
    readme.getRange(at + 5, 1).setBackground('#cccccc');
    ok(callServer(emulator, 'saveSettings', { errorTint: false }));
    ok(callServer(emulator, 'saveSettings', { errorTint: true, colours: { newRow: '#d9ead3' } }));
    const labels = readme.getDataRange().getValues().map((v) => v[0]);
    expect(labels.slice(at, at + 4)).toEqual(['Needs discussion', 'New', 'Changed', 'Check failed']);
    const grey = labels.indexOf('Grey') + 1;
    expect(grey).toBeGreaterThan(at + 4);
    expect(readme.getRange(grey, 1).getBackground()).toBe('#cccccc');
  });

  test('a header over 80 characters with line breaks is found again right after adoption', () => {
    const emulator = newEmulator();
    const sheet = sheets(emulator).getSheets()[0]!;
    const long = 'Destination API name or path\n(the exact field name in DHIS2, including the program stage prefix where one applies)';
    sheet.getRange('A1:D2').setValues([
      ['Source path', 'Source type', long, 'Destination type'],
      ['dob', 'date', 'dateOfBirth', 'date'],
    ]);
    const roles = [{ column: 1, role: 'source-path' }, { column: 2, role: 'source-type' }, { column: 3, role: 'destination-path' }, { column: 4, role: 'destination-type' }];
    ok(callServer(emulator, 'registerTab', { sheetId: sheet.getSheetId(), kind: 'mapping', headerRow: 1, roles, keyColumn: null, managedIds: false }));
    const result = ok(callServer<CheckResult>(emulator, 'runChecks', {}));
    expect(result.tabs[0]!.findings.filter((f) => f.rule === 'missing-header' || f.rule === 'missing-required-role')).toEqual([]);
  });
});

test('type synonyms and severity overrides from settings change what the checks report', () => {
  const { emulator } = withTemplate([row({ id: 'M-001', status: 'Agreed', srcPath: 'a', srcType: 'Entier', dstPath: 'a', dstType: 'integer', unique: 'Yes', map: 'nope' })]);
  const before = ok(callServer<CheckResult>(emulator, 'runChecks', {}));
  expect(before.tabs[0]!.findings.map((f) => f.rule).sort()).toEqual(['unknown-type', 'unknown-value-map']);
  const state = ok(callServer<SidebarState>(emulator, 'saveSettings', { typeSynonyms: { Entier: 'integer' }, severityOverrides: { 'unknown-value-map': 'off' } }));
  expect(state.settings.typeSynonyms).toEqual({ Entier: 'integer' });
  const after = ok(callServer<CheckResult>(emulator, 'runChecks', {}));
  expect(after.total).toBe(0);
  expect(callServer(emulator, 'saveSettings', { severityOverrides: { 'unknown-value-map': 'loud' } }).ok).toBe(false);
});

test('the spec\'s own words: offered with a guess, adopted in one call, then known words that paint as their status', () => {
  const { emulator, tab } = withTemplate([
    row({ id: 'M-001', status: 'Added', srcPath: 'a', srcType: 'Freetext', dstPath: 'a', unique: 'Yes' }),
    row({ id: 'M-002', status: 'Added', srcPath: 'b', srcType: 'Freetext', dstPath: 'b' }),
    row({ id: 'M-003', status: 'Do not create concept', srcPath: 'c', srcType: 'Texte libre', dstPath: 'c' }),
    row({ id: 'M-004', status: 'Pending answer', srcPath: 'd', dstPath: 'd' }),
  ]);
  const before = ok(callServer<CheckResult>(emulator, 'runChecks', {}));
  expect(before.ownWords).toEqual([
    { kind: 'status', word: 'Added', rows: 2, tabs: [MAPPING], suggestion: 'Agreed' },
    { kind: 'status', word: 'Do not create concept', rows: 1, tabs: [MAPPING], suggestion: 'Deprecated' },
    { kind: 'status', word: 'Pending answer', rows: 1, tabs: [MAPPING], suggestion: 'Needs discussion' },
    { kind: 'type', word: 'Texte libre', rows: 1, tabs: [MAPPING], suggestion: null },
  ]);
  expect(before.statusValues).toEqual(['New', 'Needs discussion', 'Agreed', 'Deprecated']);
  // "Freetext" is a known Go.Data/Kobo word already; one finding per word and column, not per row.
  expect(before.tabs[0]!.findings.map((f) => [f.rule, f.rows ?? [f.row]])).toEqual([
    ['unknown-status', [3, 4]], ['unknown-status', [5]], ['unknown-type', [5]], ['unknown-status', [6]],
  ]);

  const after = ok(callServer<CheckResult>(emulator, 'adoptOwnWords', { statuses: { Added: 'Agreed', 'Do not create concept': 'Deprecated', 'Pending answer': 'needs discussion' }, types: { 'Texte libre': 'text' } }));
  expect(after.ownWords).toEqual([]);
  expect(after.total).toBe(0);
  // "Pending answer" now paints as Needs discussion; the next plain run remembers the words.
  expect(new Set(tab.getRange(6, 1, 1, WIDTH).getBackgrounds()[0])).toEqual(new Set([DEFAULT_COLOURS.needsDiscussion]));
  expect(ok(callServer<CheckResult>(emulator, 'runChecks', {})).total).toBe(0);
  const state = ok(callServer<SidebarState>(emulator, 'getSidebarState', {}));
  expect(state.settings.typeSynonyms).toEqual({ 'Texte libre': 'text' });
  expect(state.settings.statusSynonyms).toEqual({ Added: 'Agreed', 'Do not create concept': 'Deprecated', 'Pending answer': 'Needs discussion' });

  // A meaning that is not a status is refused, naming the word, and nothing is saved.
  const bad = callServer(emulator, 'adoptOwnWords', { statuses: { Parked: 'Maybe' }, types: {} });
  expect(bad.ok).toBe(false);
  expect(bad.ok ? '' : bad.message).toBe('The status word "Parked" must be treated as one of: New, Needs discussion, Agreed, Deprecated.');
  tab.getRange(6, 2).setValue('Parked');
  expect(ok(callServer<CheckResult>(emulator, 'runChecks', {})).ownWords.map((w) => w.word)).toEqual(['Parked']);
});

test('a wide value map (lists side by side, named in the band row) is adopted as detected and its lists are found', () => {
  const { emulator, tab } = withTemplate([row({ id: 'M-001', srcPath: 'sex', srcType: 'select_one', dstPath: 'gender', dstType: 'select_one', map: 'sex', unique: 'Yes' })]);
  const wide = sheets(emulator).insertSheet('Choices wide');
  wide.getRange(1, 1, 4, 4).setValues([['sex', '', 'outcome', ''], ['Source', 'Destination', 'Source', 'Destination'], ['m', 'M', 'alive', 'ALIVE'], ['f', '', 'dead', 'DEAD']]);
  sheets(emulator).deleteSheet(sheets(emulator).getSheetByName('Value maps')!);
  const d = ok(callServer<TabDetection>(emulator, 'detectTab', { sheetId: wide.getSheetId() }));
  expect([d.detection.kind, d.detection.headerRow, d.detection.bandRow, d.detection.columns.filter((c) => c.role !== null)]).toEqual(['value-map', 2, 1, []]);
  ok(callServer(emulator, 'registerTab', { sheetId: wide.getSheetId(), kind: 'value-map', headerRow: 2, roles: [], keyColumn: null, managedIds: false }));
  const result = ok(callServer<CheckResult>(emulator, 'runChecks', {}));
  expect(result.tabs.find((t) => t.name === MAPPING)!.findings).toEqual([]);
  expect(result.tabs.find((t) => t.name === 'Choices wide')!.findings.map((f) => [f.rule, `${f.column}${f.row}`])).toEqual([['value-map-unmapped-choice', 'B4']]);
  expect(tab.getRange(3, 16).getValue()).toBe('sex');
});

test('detectTab without a sheet id looks at the active tab (one call for "Use the active tab")', () => {
  const { emulator, tab } = withTemplate();
  sheets(emulator).setActiveSheet(tab);
  const d = ok(callServer<TabDetection>(emulator, 'detectTab', {}));
  expect([d.sheetId, d.name]).toEqual([tab.getSheetId(), MAPPING]);
});

test('colours from versions: rows added since the last version get the "new" colour, changed cells the "changed" colour', () => {
  const { emulator, tab } = withTemplate([
    row({ id: 'M-001', status: 'Agreed', srcPath: 'a', dstPath: 'a', unique: 'Yes' }),
    row({ id: 'M-002', status: 'Agreed', srcPath: 'b', dstPath: 'b' }),
  ]);
  ok(callServer(emulator, 'tagVersion', { note: 'first batch' }));
  tab.getRange('I3').setValue('a_renamed');
  tab.getRange(5, 1, 1, WIDTH).setValues([row({ id: 'M-003', status: 'Agreed', srcPath: 'c', dstPath: 'c' })]);
  ok(callServer<CheckResult>(emulator, 'runChecks', {}));
  expect(tab.getRange('I3').getBackground()).toBe(DEFAULT_COLOURS.changed);
  expect(tab.getRange('H3').getBackground()).toBe('#ffffff');
  expect(new Set(tab.getRange(4, 1, 1, WIDTH).getBackgrounds()[0])).toEqual(new Set(['#ffffff']));
  expect(new Set(tab.getRange(5, 1, 1, WIDTH).getBackgrounds()[0])).toEqual(new Set([DEFAULT_COLOURS.newRow]));
  // Tagging the changes as a version makes them the baseline: the tag itself clears those colours,
  // and brings back the checks' counts for the Checks panel (no run needed).
  const tagged = ok(callServer<{ checks: CheckResult | null }>(emulator, 'tagVersion', { note: 'second batch' }));
  expect([tab.getRange('I3').getBackground(), tab.getRange('A5').getBackground()]).toEqual(['#ffffff', '#ffffff']);
  expect(tagged.checks).toMatchObject({ total: expect.any(Number), rowsChecked: 3 });
  ok(callServer<CheckResult>(emulator, 'runChecks', {}));
  expect([tab.getRange('I3').getBackground(), tab.getRange('A5').getBackground()]).toEqual(['#ffffff', '#ffffff']);
});

test('a tag on tabs Mapspec never coloured colours nothing and writes no ID', () => {
  const { emulator, tab } = withTemplate([row({ id: '', status: 'Agreed', srcPath: 'a', dstPath: 'a' })]);
  const tagged = ok(callServer<{ checks: CheckResult | null }>(emulator, 'tagVersion', { note: 'first' }));
  expect(tagged.checks).toBeNull();
  expect(tab.getRange('A3').getValue()).toBe('');
  expect(new Set(tab.getRange(3, 1, 1, WIDTH).getBackgrounds()[0])).toEqual(new Set(['#ffffff']));
});
