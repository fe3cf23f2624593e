// Paths the tests share: the repository root and the built add-on, as `clasp push` uploads it.
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');
export const BUILD_DIR = path.join(ROOT, 'build');
export const CODE_PATH = path.join(BUILD_DIR, 'Code.js');
// The real spreadsheets tests run on, kept in the repository so `npm test` works on any clone.
export const FIXTURES = path.join(ROOT, 'test/fixtures');
