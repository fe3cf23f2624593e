/**
 * The error texts Apps Script's Spreadsheet service throws, in one place so tests and code pin the
 * same words. Each was checked against reports of the real service (see the report in the tests).
 */
export const MSG = {
  rowsMismatch: (data: number, range: number) =>
    `The number of rows in the data does not match the number of rows in the range. The data has ${data} but the range has ${range}.`,
  columnsMismatch: (data: number, range: number) =>
    `The number of columns in the data does not match the number of columns in the range. The data has ${data} but the range has ${range}.`,
  cellTooLong: 'Your input contains more than the maximum of 50000 characters in a single cell.',
  tooManyCells: 'This action would increase the number of cells in the workbook above the limit of 10000000 cells.',
  startRowTooSmall: 'The starting row of the range is too small.',
  startColumnTooSmall: 'The starting column of the range is too small.',
  rowsAtLeastOne: 'The number of rows in the range must be at least 1.',
  columnsAtLeastOne: 'The number of columns in the range must be at least 1.',
  outsideSheet: 'The coordinates of the range are outside the dimensions of the sheet.',
  rangeNotFound: 'Range not found',
  cellOutOfRange: 'Cell reference out of range',
  sheetNameTaken: (name: string) => `A sheet with the name "${name}" already exists. Please enter another name.`,
  sheetNameTooLong: 'The sheet name cannot be greater than 100 characters.',
  removeLastVisible: "You can't remove all the visible sheets in a document.",
  hideLastVisible: "You can't hide all the sheets in a document.",
  deleteAllRows: 'Sorry, it is not possible to delete all non-frozen rows.',
  deleteAllColumns: 'Sorry, it is not possible to delete all non-frozen columns.',
  rowsOutOfBounds: 'Those rows are out of bounds.',
  columnsOutOfBounds: 'Those columns are out of bounds.',
  mergeOverlap: 'You must select all cells in a merged range to merge or unmerge them.',
  protectedCell:
    'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.',
  openById: 'Unexpected error while getting the method or property openById on object SpreadsheetApp.',
  openByUrl: 'Unexpected error while getting the method or property openByUrl on object SpreadsheetApp.',
  invalidUrl: 'Invalid argument: url',
  metadataLocation:
    'Adding developer metadata to arbitrary ranges is not currently supported. Developer metadata may only be added to the top-level spreadsheet, an individual sheet, or an entire row or column.',
  sheetDeleted: (id: number) => `Sheet with id ${id} not found`,
} as const;

/** Apps Script's names for argument types in "The parameters (...) don't match" errors. */
export function typeNames(args: readonly unknown[]): string {
  return args
    .map((a) => {
      if (a === null) return 'null';
      if (typeof a === 'number') return 'number';
      if (typeof a === 'string') return 'String';
      if (typeof a === 'boolean') return 'Boolean';
      if (Array.isArray(a)) return 'Object[]';
      if (a === undefined) return 'undefined';
      return '(class)';
    })
    .join(',');
}
