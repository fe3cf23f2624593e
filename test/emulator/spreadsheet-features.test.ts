// Checkboxes, data validation rules, merges (with Sheets' overlap error), protections (editors,
// warning-only, refused edits) and developer metadata at spreadsheet, sheet, row and column level.
import { Emulator } from '../../src/emulator/emulator';
import { thrown } from '../support/thrown';


function setup(emu = new Emulator(), user?: string) {
  const ex = emu.execution({ authMode: 'FULL', user });
  const ss = ex.globals.SpreadsheetApp.getActiveSpreadsheet();
  return { emu, ex, app: ex.globals.SpreadsheetApp, ss, sheet: ss.getSheets()[0] };
}

test('insertCheckboxes sets FALSE; check/uncheck/isChecked; removeCheckboxes clears them', () => {
  const { app, sheet } = setup();
  const boxes = sheet.getRange('A1:A3');
  boxes.insertCheckboxes();
  expect(boxes.getValues()).toEqual([[false], [false], [false]]);
  expect(boxes.isChecked()).toBe(false);
  sheet.getRange('A2').check();
  expect(sheet.getRange('A2').isChecked()).toBe(true);
  expect(boxes.isChecked()).toBeNull();
  boxes.check();
  expect(boxes.isChecked()).toBe(true);
  expect(boxes.getDisplayValues()).toEqual([['TRUE'], ['TRUE'], ['TRUE']]);
  expect(sheet.getRange('A1').getDataValidation()!.getCriteriaType()).toBe(app.DataValidationCriteria.CHECKBOX);
  // Cells without a checkbox make isChecked null and are left alone by check().
  sheet.getRange('B1').setValue('text');
  sheet.getRange('A1:B1').uncheck();
  expect(sheet.getRange('B1').getValue()).toBe('text');
  expect(sheet.getRange('A1:B1').isChecked()).toBeNull();
  boxes.removeCheckboxes();
  expect(boxes.getValues()).toEqual([[''], [''], ['']]);
  expect(boxes.getDataValidations()).toEqual([[null], [null], [null]]);
  // Custom checked/unchecked values.
  sheet.getRange('C1').insertCheckboxes('yes', 'no');
  expect(sheet.getRange('C1').getValue()).toBe('no');
  sheet.getRange('C1').check();
  expect(sheet.getRange('C1').getValue()).toBe('yes');
});

test('data validation rules round-trip through the builder', () => {
  const { app, sheet } = setup();
  const list = app.newDataValidation().requireValueInList(['Draft', 'Approved'], true).setAllowInvalid(false).setHelpText('Pick one').build();
  expect(list.getCriteriaType()).toBe('VALUE_IN_LIST');
  expect(list.getCriteriaValues()).toEqual([['Draft', 'Approved'], true]);
  expect(list.getAllowInvalid()).toBe(false);
  expect(list.getHelpText()).toBe('Pick one');
  sheet.getRange('B2:B3').setDataValidation(list);
  const back = sheet.getRange('B3').getDataValidation()!;
  expect([back.getCriteriaType(), back.getCriteriaValues(), back.getHelpText()]).toEqual(['VALUE_IN_LIST', [['Draft', 'Approved'], true], 'Pick one']);

  const between = app.newDataValidation().requireNumberBetween(1, 10).setAllowInvalid(true).build();
  expect([between.getCriteriaType(), between.getCriteriaValues(), between.getAllowInvalid()]).toEqual(['NUMBER_BETWEEN', [1, 10], true]);
  const copy = between.copy().requireTextIsEmail().build();
  expect([copy.getCriteriaType(), copy.getAllowInvalid()]).toEqual(['TEXT_IS_VALID_EMAIL', true]);
  expect(app.newDataValidation().requireDate().build().getCriteriaType()).toBe('DATE_IS_VALID_DATE');

  sheet.getRange('D1:D5').setValues([['a'], ['b'], ['c'], ['d'], ['e']]);
  const inRange = app.newDataValidation().requireValueInRange(sheet.getRange('D1:D5')).build();
  sheet.getRange('E1').setDataValidation(inRange);
  const [source, dropdown] = sheet.getRange('E1').getDataValidation()!.getCriteriaValues() as [GoogleAppsScript.Spreadsheet.Range, boolean];
  expect([source.getA1Notation(), source.getSheet().getName(), dropdown]).toEqual(['D1:D5', 'Sheet1', true]);

  sheet.getRange('B2:C3').setDataValidations([[list, null], [null, between]]);
  expect(sheet.getRange('B2:C3').getDataValidations().map((r) => r.map((v) => v && v.getCriteriaType()))).toEqual([
    ['VALUE_IN_LIST', null],
    [null, 'NUMBER_BETWEEN'],
  ]);
  sheet.getRange('B2:C3').clearDataValidations();
  expect(sheet.getRange('B3').getDataValidation()).toBeNull();
});

test('merges: merge, mergeAcross, breakApart, and the overlap error', () => {
  const { sheet } = setup();
  sheet.getRange('A1:B2').setValues([['keep', 'lost'], ['lost', 'lost']]);
  sheet.getRange('A1:B2').merge();
  expect(sheet.getRange('A1:B2').getValues()).toEqual([['keep', ''], ['', '']]);
  expect(sheet.getRange('B2').isPartOfMerge()).toBe(true);
  expect(sheet.getRange('A1:D4').getMergedRanges().map((r) => r.getA1Notation())).toEqual(['A1:B2']);
  const overlap = 'You must select all cells in a merged range to merge or unmerge them.';
  expect(thrown(() => sheet.getRange('B2:C3').merge()).message).toBe(overlap);
  expect(thrown(() => sheet.getRange('A1:A2').breakApart()).message).toBe(overlap);
  // A range that contains the whole merge may re-merge or break it.
  sheet.getRange('A1:C2').merge();
  expect(sheet.getRange('A1').getMergedRanges()[0].getA1Notation()).toBe('A1:C2');
  sheet.getRange('A1:C2').breakApart();
  expect(sheet.getRange('A1:C2').isPartOfMerge()).toBe(false);
  sheet.getRange('A5:C6').mergeAcross();
  expect(sheet.getRange('A5:C6').getMergedRanges().map((r) => r.getA1Notation())).toEqual(['A5:C5', 'A6:C6']);
});

test('protections: sheet and range, description, warning-only, editors, and refused edits', () => {
  const emu = new Emulator({ user: 'owner@example.org' });
  emu.setActiveUser('colleague@example.org');
  emu.setActiveUser('owner@example.org');
  const { app, ss, sheet } = setup(emu);
  const p = sheet.getRange('A1:B2').protect().setDescription('Header');
  expect(p.getDescription()).toBe('Header');
  expect(p.getRange().getA1Notation()).toBe('A1:B2');
  expect(p.canEdit()).toBe(true);
  expect(p.getEditors().map((u) => u.getEmail()).sort()).toEqual(['colleague@example.org', 'owner@example.org']);
  p.removeEditors(['colleague@example.org']);
  expect(p.getEditors().map((u) => u.getEmail())).toEqual(['owner@example.org']);
  const whole = sheet.protect().setWarningOnly(true);
  expect(whole.isWarningOnly()).toBe(true);
  expect(sheet.protect().getDescription()).toBe(''); // the existing sheet protection comes back
  expect(sheet.getProtections(app.ProtectionType.RANGE)).toHaveLength(1);
  expect(sheet.getProtections(app.ProtectionType.SHEET)).toHaveLength(1);
  expect(ss.getProtections(app.ProtectionType.RANGE)[0].getDescription()).toBe('Header');

  // The colleague is no longer an editor of A1:B2: writing there is refused, elsewhere allowed.
  emu.setActiveUser('colleague@example.org');
  const other = setup(emu).sheet;
  expect(other.getRange('A1').canEdit()).toBe(false);
  expect(thrown(() => other.getRange('B2').setValue('x')).message).toBe(
    'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.',
  );
  other.getRange('C3').setValue('fine'); // warning-only sheet protection doesn't block
  expect(other.getRange('C3').getValue()).toBe('fine');

  emu.setActiveUser('owner@example.org');
  const again = setup(emu).sheet;
  again.getProtections(app.ProtectionType.RANGE)[0].remove();
  expect(again.getProtections(app.ProtectionType.RANGE)).toHaveLength(0);
});

test('developer metadata on the spreadsheet, a sheet, a row and a column; finder by key', () => {
  const { app, ss, sheet } = setup();
  ss.addDeveloperMetadata('mapspec.version', '3');
  sheet.addDeveloperMetadata('mapspec.role', 'mappings', app.DeveloperMetadataVisibility.PROJECT);
  sheet.getRange('5:5').addDeveloperMetadata('mapspec.row', 'r5');
  sheet.getRange('C:C').addDeveloperMetadata('mapspec.col');
  expect(thrown(() => sheet.getRange('A1:B2').addDeveloperMetadata('nope')).message).toBe(
    'Adding developer metadata to arbitrary ranges is not currently supported. Developer metadata may only be added to the top-level spreadsheet, an individual sheet, or an entire row or column.',
  );
  expect(ss.getDeveloperMetadata().map((m) => [m.getKey(), m.getValue()])).toEqual([['mapspec.version', '3']]);
  const role = sheet.getDeveloperMetadata()[0];
  expect([role.getKey(), role.getValue(), role.getVisibility(), role.getLocation().getLocationType()]).toEqual(['mapspec.role', 'mappings', 'PROJECT', 'SHEET']);
  const row = ss.createDeveloperMetadataFinder().withKey('mapspec.row').find();
  expect(row).toHaveLength(1);
  expect(row[0].getLocation().getRow()!.getA1Notation()).toBe('A5:Z5');
  expect(ss.createDeveloperMetadataFinder().withKey('mapspec.col').find()[0].getValue()).toBeNull();
  expect(ss.createDeveloperMetadataFinder().find()).toHaveLength(4);
  // Row metadata moves with its row, and goes with it.
  sheet.insertRowsBefore(1, 2);
  expect(ss.createDeveloperMetadataFinder().withKey('mapspec.row').find()[0].getLocation().getRow()!.getRow()).toBe(7);
  row[0].setValue('changed');
  expect(sheet.getRange('7:7').getDeveloperMetadata()[0].getValue()).toBe('changed');
  sheet.deleteRow(7);
  expect(ss.createDeveloperMetadataFinder().withKey('mapspec.row').find()).toHaveLength(0);
  role.remove();
  expect(sheet.getDeveloperMetadata()).toHaveLength(0);
});
