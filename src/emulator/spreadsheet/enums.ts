/**
 * SpreadsheetApp's enums as plain strings (each member's value is its name, which is also what a
 * real enum prints as), so scripts can compare and pass them as usual.
 */
function names<const K extends string>(...keys: K[]): { readonly [k in K]: k } {
  return Object.freeze(Object.fromEntries(keys.map((k) => [k, k]))) as { readonly [k in K]: k };
}

export const ENUMS = {
  DataValidationCriteria: names(
    'DATE_AFTER', 'DATE_BEFORE', 'DATE_BETWEEN', 'DATE_EQUAL_TO', 'DATE_IS_VALID_DATE', 'DATE_NOT_BETWEEN',
    'DATE_ON_OR_AFTER', 'DATE_ON_OR_BEFORE', 'NUMBER_BETWEEN', 'NUMBER_EQUAL_TO', 'NUMBER_GREATER_THAN',
    'NUMBER_GREATER_THAN_OR_EQUAL_TO', 'NUMBER_LESS_THAN', 'NUMBER_LESS_THAN_OR_EQUAL_TO', 'NUMBER_NOT_BETWEEN',
    'NUMBER_NOT_EQUAL_TO', 'TEXT_CONTAINS', 'TEXT_DOES_NOT_CONTAIN', 'TEXT_EQUAL_TO', 'TEXT_IS_VALID_EMAIL',
    'TEXT_IS_VALID_URL', 'VALUE_IN_LIST', 'VALUE_IN_RANGE', 'CUSTOM_FORMULA', 'CHECKBOX',
  ),
  ProtectionType: names('RANGE', 'SHEET'),
  DeveloperMetadataVisibility: names('DOCUMENT', 'PROJECT'),
  DeveloperMetadataLocationType: names('SPREADSHEET', 'SHEET', 'ROW', 'COLUMN'),
  WrapStrategy: names('WRAP', 'OVERFLOW', 'CLIP'),
  BorderStyle: names('DOTTED', 'DASHED', 'SOLID', 'SOLID_MEDIUM', 'SOLID_THICK', 'DOUBLE'),
  Dimension: names('COLUMNS', 'ROWS'),
  Direction: names('UP', 'DOWN', 'PREVIOUS', 'NEXT'),
  SheetType: names('GRID', 'OBJECT', 'DATASOURCE'),
  CopyPasteType: names('PASTE_NORMAL', 'PASTE_NO_BORDERS', 'PASTE_FORMAT', 'PASTE_FORMULA', 'PASTE_DATA_VALIDATION', 'PASTE_VALUES', 'PASTE_CONDITIONAL_FORMATTING', 'PASTE_COLUMN_WIDTHS'),
  TextDirection: names('LEFT_TO_RIGHT', 'RIGHT_TO_LEFT'),
  RecalculationInterval: names('ON_CHANGE', 'MINUTE', 'HOUR'),
} as const;
