// Paths the tests share: the repository root and the built add-on, as `clasp push` uploads it.
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');
export const BUILD_DIR = path.join(ROOT, 'build');
export const CODE_PATH = path.join(BUILD_DIR, 'Code.js');
export const FIXTURES = path.join(ROOT, '../shared/fixtures');
