#!/usr/bin/env node
// The installed `mapspec` command (`npx mapspec check FILE.xlsx`): loads the bundled command line,
// build/cli.js, which `npm run build` writes next to the add-on it runs (build/Code.js).
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const cli = path.join(root, 'build', 'cli.js');
if (!fs.existsSync(cli)) {
  process.stderr.write(`mapspec: ${cli} is missing: run \`npm run build\` in ${root} first\n`);
  process.exitCode = 2;
} else {
  try {
    require(cli);
  } catch (e) {
    // exceljs (reading .xlsx) is loaded from node_modules, not bundled: say so rather than dump a stack.
    if (!e || e.code !== 'MODULE_NOT_FOUND') throw e;
    process.stderr.write(`mapspec: ${e.message.split('\n')[0]}: run \`npm install\` in ${root}\n`);
    process.exitCode = 2;
  }
}
