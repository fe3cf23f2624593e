/**
 * The Spec panel's Systems section (issue 12): the systems' metadata and the sample records the spec
 * is checked against — each with its side, what was read, who imported it and when, and Remove — and
 * an import form. The file is read HERE, in the browser, with the same core readers as the command
 * line (a DHIS2 metadata export or a Kobo form as JSON, an XLSForm as .xlsx, a field list as CSV or
 * JSON, a sample record as JSON), so only the compact form is sent (saveSystem: one call) and a sample's personal data stays
 * on the person's machine unless they tick "Keep example values". Listed on first opening (one
 * listSystems call). With something imported, two assists fill empty cells from it when asked (one
 * assistFromSystems call each) and list what they wrote, each cell a link to it.
 */
import type { ApiResults, AssistResult } from '../../src/core/api';
import type { MetadataChange, SystemMetadata } from '../../src/core/systems/metadata';
import { impliedSide, readMetadataText, readSampleText, readXlsFormBytes } from '../../src/core/systems/read-file';
import type { SampleRecord } from '../../src/core/systems/sample';
import type { SystemSummary } from '../../src/core/systems/stored';
import { server } from '../client';
import { h, replace, uid } from '../dom';
import { plural, runTime } from '../format';
import { setStatus, work } from '../status';
import { getState, onState } from '../store';

let root: HTMLElement;
let systems: SystemSummary[] | null = null;
let open = false;

export function initSystemsSection(container: HTMLElement): void {
  root = container;
  render();
  // A tab registered (or renamed) after the form was drawn is offered at once; ticks are kept.
  onState(() => {
    if (tabChoice) tabChoice.refresh();
  });
}

function render(): void {
  const details = h('details', { class: 'block systems', open }, h('summary', {}, systems ? `Systems (${systems.length})` : 'Systems'), body());
  details.addEventListener('toggle', () => {
    open = details.open;
    if (open && systems === null) void load();
  });
  replace(root, details);
}

async function load(): Promise<void> {
  const r = await work('Reading the imported systems…', () => server.listSystems({}), { disable: false });
  if (!r) return;
  systems = r.systems;
  render();
}

function body(): HTMLElement {
  const intro = h('p', { class: 'muted small' }, "Check the spec against what the systems really are: a system's metadata (its fields, types and option sets) and a sample record (what it really sends).");
  const list =
    systems === null
      ? h('p', { class: 'muted small' }, 'Reading…')
      : systems.length === 0
        ? h('p', { class: 'empty' }, 'No system imported yet.')
        : h('ul', { class: 'system-list' }, ...systems.map(systemRow));
  return h('div', {}, intro, list, systems && systems.length > 0 ? assists() : '', importForm());
}

/** What the last assist wrote, listed until the next one (each cell a button that selects it). */
let lastAssist: AssistResult | null = null;

const ASSISTS = {
  'fill-samples': { button: 'Fill empty samples', working: 'Filling empty samples from the sample records…', none: 'No empty sample cell of a live row has a path the sample records carry.' },
  'suggest-destinations': { button: 'Suggest destination fields', working: 'Suggesting destination fields…', none: "No live row without a destination is clearly named like one of the destination's fields." },
} as const;

/** The assists: fill only empty cells, only when asked; the sheet's undo takes a fill back. */
function assists(): HTMLElement {
  const run = async (action: AssistResult['action']) => {
    const r = await work(ASSISTS[action].working, () => server.assistFromSystems({ action }));
    if (!r) return;
    lastAssist = r;
    render();
    if (r.total === 0) setStatus([ASSISTS[action].none, ...r.notes].join(' '), 'info');
    else setStatus(`Filled ${plural(r.total, 'empty cell')}. Undo (Ctrl+Z) in the sheet takes them back.`, 'success');
  };
  const buttons = (Object.keys(ASSISTS) as AssistResult['action'][]).map((a) => h('button', { type: 'button', class: 'secondary', 'data-focus': `assist-${a}`, onclick: () => void run(a) }, ASSISTS[a].button));
  return h(
    'div',
    { class: 'assists' },
    h('h3', {}, 'Fill from the systems'),
    h('p', { class: 'muted small' }, 'Fills only empty cells of live rows, never one you wrote; check what it filled.'),
    h('div', { class: 'actions' }, ...buttons),
    lastAssist ? assistResult(lastAssist) : '',
  );
}

function assistResult(r: AssistResult): HTMLElement {
  if (r.total === 0) return h('p', { class: 'muted small', 'aria-live': 'polite' }, ASSISTS[r.action].none, ...r.notes.map((n) => ` ${n}`));
  const go = async (sheetId: number, row: number, column: number) => {
    await work('Going to the cell…', () => server.selectCell({ sheetId, row, column }), { disable: false });
  };
  return h(
    'div',
    { class: 'assist-result', 'aria-live': 'polite' },
    ...r.tabs.map((t) =>
      h(
        'details',
        { open: true },
        h('summary', {}, `${t.name} · ${t.columnTitle}: ${plural(t.cells.length, 'cell')} filled`),
        h(
          'ul',
          { class: 'assist-cells' },
          ...t.cells.slice(0, 100).map((c) =>
            h('li', {}, h('button', { type: 'button', class: 'link', 'aria-label': `Go to ${t.name} ${t.column}${c.row}`, onclick: () => void go(t.sheetId, c.row, t.columnIndex) }, `${t.column}${c.row}`), ' ', h('code', { dir: 'auto' }, c.value), h('span', { class: 'muted small', dir: 'auto' }, ` from ${c.from}`)),
          ),
          t.cells.length > 100 ? h('li', { class: 'muted small' }, `and ${t.cells.length - 100} more`) : '',
        ),
      ),
    ),
    ...r.notes.map((n) => h('p', { class: 'muted small' }, n)),
  );
}

function systemRow(s: SystemSummary): HTMLLIElement {
  const remove = async () => {
    const r = await work(`Forgetting ${s.name}…`, () => server.removeSystem({ id: s.id }));
    if (!r) return;
    systems = r.systems;
    render();
    setStatus(`${s.name} is no longer checked against.`, 'success');
  };
  return h(
    'li',
    { class: 'system' },
    h('strong', { dir: 'auto' }, s.name),
    h('span', { class: 'muted small' }, ` ${s.kind === 'metadata' ? 'metadata' : 'sample'} · the ${s.side}${s.tabs ? ` of ${s.tabs.join(', ')}` : ''}`),
    h('div', { class: 'small', dir: 'auto' }, s.summary),
    h('div', { class: 'muted small' }, `Imported ${runTime(s.importedAt)}${s.importedBy ? ` by ${s.importedBy}` : ''} `, h('button', { type: 'button', class: 'link', 'aria-label': `Remove ${s.name}`, onclick: () => void remove() }, 'Remove')),
  );
}

type Read = { name: string; metadata?: SystemMetadata; sample?: SampleRecord; side: 'source' | 'destination' };

/** Inflates a zip part with the browser's own DecompressionStream (no library in the sidebar). */
async function inflate(deflated: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([deflated as BlobPart]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** Reads the chosen file with the core readers (read-file.ts); throws a message for the person. */
async function readFile(file: File, kind: 'metadata' | 'sample', keepValues: boolean): Promise<Read> {
  const name = file.name;
  if (kind === 'sample') return { name, sample: readSampleText(await file.text(), name, keepValues), side: 'source' };
  const metadata = /\.xlsx$/i.test(name) ? await readXlsFormBytes(new Uint8Array(await file.arrayBuffer()), name, inflate) : readMetadataText(await file.text(), name);
  return { name, metadata, side: impliedSide(metadata) };
}

function changeText(c: MetadataChange | null): string {
  if (!c) return '';
  const parts = [c.added.length ? `${plural(c.added.length, 'field')} added` : '', c.removed.length ? `${plural(c.removed.length, 'field')} removed` : '', c.typeChanged.length ? `${plural(c.typeChanged.length, 'type')} changed` : ''].filter(Boolean);
  return parts.length ? ` Since the last import: ${parts.join(', ')}.` : ' Nothing changed since the last import.';
}

/** The spec's tabs a person can tie an import to; none ticked means every tab of the spec. */
let tabChoice: { element: HTMLElement; refresh: () => void; chosen: () => string[] | null } | null = null;

function tabChooser(): NonNullable<typeof tabChoice> {
  const ticked = new Set<string>();
  const element = h('fieldset', { class: 'field tab-choice' });
  const refresh = () => {
    const names = (getState()?.tabs ?? []).filter((t) => t.kind !== null).map((t) => t.name);
    for (const n of [...ticked]) if (!names.includes(n)) ticked.delete(n);
    const boxes = names.map((name) => {
      const id = uid('system-tab');
      const box = h('input', { type: 'checkbox', id, value: name, checked: ticked.has(name) }) as HTMLInputElement;
      box.addEventListener('change', () => (box.checked ? ticked.add(name) : ticked.delete(name)));
      return h('div', { class: 'check' }, box, h('label', { for: id, dir: 'auto' }, name));
    });
    replace(
      element,
      h('legend', {}, 'For which tabs'),
      names.length === 0 ? h('p', { class: 'muted small' }, 'Every tab of the spec (none is set up yet).') : h('p', { class: 'muted small' }, 'None ticked: every tab of the spec.'),
      ...boxes,
    );
  };
  refresh();
  return { element, refresh, chosen: () => (ticked.size ? [...ticked] : null) };
}

function importForm(): HTMLElement {
  const kindId = uid('system-kind');
  const fileId = uid('system-file');
  const sideId = uid('system-side');
  const keepId = uid('system-keep');
  const kind = h('select', { id: kindId, 'data-focus': 'system-kind' }, h('option', { value: 'metadata' }, "A system's metadata"), h('option', { value: 'sample' }, 'A sample record')) as HTMLSelectElement;
  const file = h('input', { type: 'file', id: fileId, accept: '.json,.csv,.xlsx,application/json,text/csv', 'data-focus': 'system-file' }) as HTMLInputElement;
  const side = h('select', { id: sideId, 'data-focus': 'system-side' }, h('option', { value: 'destination' }, 'the destination'), h('option', { value: 'source' }, 'the source')) as HTMLSelectElement;
  const keep = h('input', { type: 'checkbox', id: keepId }) as HTMLInputElement;
  const keepRow = h('div', { class: 'field check', hidden: true }, keep, h('label', { for: keepId }, 'Keep example values (they may be personal data)'));
  const found = h('p', { class: 'muted small', 'aria-live': 'polite' });
  const button = h('button', { type: 'submit', class: 'primary', disabled: true }, 'Import');
  let read: Read | null = null;
  const tabs = (tabChoice = tabChooser());

  const readChosen = async () => {
    read = null;
    button.disabled = true;
    replace(found);
    const f = file.files?.[0];
    if (!f) return;
    try {
      read = await readFile(f, kind.value as 'metadata' | 'sample', keep.checked);
      side.value = read.side;
      replace(found, `Found: ${read.metadata ? read.metadata.summary : read.sample!.summary}${read.sample?.truncated ? ` (${read.sample.truncated})` : ''}.`);
      button.disabled = false;
    } catch (e) {
      setStatus(String((e as Error).message), 'error');
    }
  };
  kind.addEventListener('change', () => {
    keepRow.hidden = kind.value !== 'sample';
    void readChosen();
  });
  keep.addEventListener('change', () => void readChosen());
  file.addEventListener('change', () => void readChosen());

  const form = h(
    'form',
    { class: 'system-import', novalidate: true },
    h('h3', {}, 'Import'),
    h('div', { class: 'field' }, h('label', { for: kindId }, 'What it is'), kind),
    h('div', { class: 'field' }, h('label', { for: fileId }, 'File (JSON, CSV or XLSForm .xlsx)'), file),
    keepRow,
    found,
    h('div', { class: 'field' }, h('label', { for: sideId }, 'It describes'), side),
    tabs.element,
    button,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (!read) return;
    const chosen = read;
    const payload = { name: chosen.name, side: side.value as 'source' | 'destination', tabs: tabs.chosen(), ...(chosen.metadata ? { metadata: chosen.metadata } : { sample: chosen.sample! }) };
    void (async () => {
      const r: ApiResults['saveSystem'] | undefined = await work(`Importing ${chosen.name}…`, () => server.saveSystem(payload));
      if (!r) return;
      systems = r.systems;
      open = true;
      render();
      setStatus(`${r.replaced ? 'Replaced' : 'Imported'} ${chosen.name} as the ${payload.side}${payload.tabs ? ` of ${payload.tabs.join(', ')}` : ''}. Run the checks to see the spec against it.${changeText(r.change)}`, 'success');
    })();
  });
  return form;
}
