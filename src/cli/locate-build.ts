/**
 * Finds the built add-on (build/Code.js and its appsscript.json) relative to the command line's own
 * file, so it works both from the sources (`npm run mapspec`: src/cli/*.ts under tsx) and from the
 * bundle (`npx mapspec`: build/cli.js, which sits next to Code.js) — whatever the working directory.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CliError } from './cli-error';

export type BuiltAddon = {
  dir: string;
  codePath: string;
  /** The manifest's OAuth scopes: the emulator grants exactly these, as Google does. */
  scopes: string[];
};

/** Where Code.js may be, nearest first: beside the bundle, then the repository's build/ from src/cli. */
export function buildDirCandidates(here: string = __dirname): string[] {
  return [here, path.resolve(here, '../../build')];
}

export function locateBuild(here: string = __dirname): BuiltAddon {
  const dir = buildDirCandidates(here).find((d) => fs.existsSync(path.join(d, 'Code.js')));
  if (!dir) {
    const expected = path.resolve(here, path.basename(here) === 'build' ? '.' : '../../build');
    throw new CliError(`the built add-on ${path.join(expected, 'Code.js')} is missing: run \`npm run build\` first`);
  }
  const manifestPath = path.join(dir, 'appsscript.json');
  let scopes: unknown;
  try {
    scopes = (JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as { oauthScopes?: unknown }).oauthScopes;
  } catch (e) {
    throw new CliError(`cannot read ${manifestPath}: ${(e as Error).message}; run \`npm run build\` again`);
  }
  if (!Array.isArray(scopes) || !scopes.every((s) => typeof s === 'string')) {
    throw new CliError(`${manifestPath} has no oauthScopes list; run \`npm run build\` again`);
  }
  return { dir, codePath: path.join(dir, 'Code.js'), scopes };
}
