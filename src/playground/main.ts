/**
 * `npm start [-- file.xlsx]`: builds the add-on, then serves the local playground at
 * http://127.0.0.1:8080 (PORT overrides) on the demo workbook or the given .xlsx. The document is
 * saved to .mapspec/playground.json (or .mapspec/<xlsx name>.json; PLAYGROUND_STATE overrides) after
 * every change, and loaded from there on the next start.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { build } from '../tools/build';
import { startPlayground } from './server';

const ROOT = path.resolve(__dirname, '../..');

async function main(): Promise<void> {
  const args = process.argv.slice(2).filter((a) => a !== '--');
  const xlsxArg = args.find((a) => /\.xlsx$/i.test(a));
  const unknown = args.filter((a) => a !== xlsxArg);
  if (unknown.length > 0) {
    console.error(`usage: npm start [-- path/to/file.xlsx]\nunexpected argument: ${unknown[0]}`);
    process.exit(2);
  }
  const xlsxPath = xlsxArg ? path.resolve(xlsxArg) : undefined;
  if (xlsxPath && !fs.existsSync(xlsxPath)) {
    console.error(`${xlsxPath} does not exist`);
    process.exit(2);
  }
  const statePath = path.resolve(
    process.env.PLAYGROUND_STATE || path.join(ROOT, '.mapspec', xlsxPath ? `${path.basename(xlsxPath).replace(/\.xlsx$/i, '')}.json` : 'playground.json'),
  );

  // Exactly what `clasp push` would upload: the playground runs the built Code.js and Sidebar.html.
  await build();

  const port = process.env.PORT ? Number(process.env.PORT) : 8080;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`PORT=${process.env.PORT} is not a port number`);
    process.exit(2);
  }
  const existed = fs.existsSync(statePath);
  const server = await startPlayground({ port, statePath, xlsxPath, log: (m) => console.log(m) });
  const relative = path.relative(process.cwd(), statePath);
  const rel = relative && !relative.startsWith('..') ? relative : statePath;
  if (existed) {
    console.log(`Loaded the saved document from ${rel}${xlsxPath ? ` (not re-reading ${path.basename(xlsxPath)})` : ''}.`);
    console.log(`To start over, use "Reset" in the page, or delete ${rel} and restart.`);
  } else {
    console.log(`Started from ${xlsxPath ? path.basename(xlsxPath) : 'the demo workbook'}; saving every change to ${rel}.`);
  }
  console.log(`Open ${server.url} in your browser. Ctrl+C stops the server.`);
  const stop = (): void => {
    void server.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
