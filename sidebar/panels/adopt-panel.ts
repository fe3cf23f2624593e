/**
 * The Adopt panel: makes one tab part of the spec. It asks the server what it detects (detectTab),
 * shows the header row, the group-label row, the kind and how sure Mapspec is in words, the header
 * findings, and one role dropdown per column (low-confidence guesses marked), plus the key column,
 * "Mapspec fills missing IDs" and the kind. Confirm saves the layout (registerTab) and goes back to
 * the tab list; Cancel just goes back. A tab already in the spec starts from its saved choices.
 */
import type { RegisteredKind, RoleOption, TabDetection } from '../../src/core/api';
import type { DetectedColumn } from '../../src/core/mapping/header-detect';
import { isSideable, sidedRole, splitRole, type BaseRole, type Role } from '../../src/core/mapping/roles';
import { server } from '../client';
import { h, icon, replace, uid } from '../dom';
import { findingList } from '../findings-view';
import { confidenceSentence, KIND_NOUN, truncate } from '../format';
import { setState } from '../store';
import { setStatus, work } from '../status';
import { views } from '../views';

/** Below this a column's role is shown as a guess to check (the tab's "high" level starts here too). */
const SURE = 0.75;
const KINDS: { kind: RegisteredKind; label: string }[] = [
  { kind: 'mapping', label: 'Mapping spec' },
  { kind: 'dictionary', label: 'Data dictionary' },
  { kind: 'value-map', label: 'Value map' },
];

let root: HTMLElement;
/** Each call to showAdopt; a late detectTab answer for an earlier tab is dropped. */
let generation = 0;

export function initAdoptPanel(container: HTMLElement): void {
  root = container;
  root.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && !(e.target instanceof HTMLSelectElement)) {
      e.preventDefault();
      cancel();
    }
  });
}

let currentSheetId: number | null = null;

function cancel(): void {
  const sheetId = currentSheetId;
  generation += 1;
  views.showTabs(sheetId === null ? {} : { focusSheetId: sheetId });
  setStatus('');
}

/** Shows the panel for a tab and asks the server what it detects there. */
export async function openAdopt(sheetId: number | null, kind: RegisteredKind | null): Promise<void> {
  const mine = ++generation;
  currentSheetId = sheetId;
  replace(
    root,
    h('h2', { id: 'adopt-heading', tabindex: -1 }, 'Use a tab in the spec'),
    h('p', { class: 'muted' }, 'Reading the header row and columns…'),
    h('div', { class: 'actions' }, h('button', { type: 'button', class: 'secondary', onclick: cancel }, 'Cancel')),
  );
  root.querySelector<HTMLElement>('#adopt-heading')?.focus();
  // With no sheet id the server looks at the sheet's active tab: one call for "Use the active tab".
  const detection = await work('Detecting the header row and columns…', () => server.detectTab(sheetId === null ? {} : { sheetId }));
  if (mine !== generation || root.hidden) return;
  if (!detection) {
    // The status line has the server's message; offer the way back.
    replace(
      root,
      h('h2', { id: 'adopt-heading', tabindex: -1 }, 'Use a tab in the spec'),
      h('p', { class: 'muted' }, 'Mapspec could not read this tab.'),
      h('div', { class: 'actions' }, h('button', { type: 'button', class: 'secondary', onclick: cancel }, 'Back to the tabs')),
    );
    return;
  }
  currentSheetId = detection.sheetId;
  render(detection, kind);
  root.querySelector<HTMLElement>('#adopt-heading')?.focus();
}

type Choice = { column: DetectedColumn; select: HTMLSelectElement };

function render(d: TabDetection, askedKind: RegisteredKind | null): void {
  const det = d.detection;
  const reg = d.registered;
  const roleOf = new Map<number, string>();
  if (reg) for (const r of reg.roles) roleOf.set(r.column, r.role);
  else for (const c of det.columns) if (c.role) roleOf.set(c.column, c.role);
  const idColumn = (reg ? reg.roles.find((r) => r.role === 'id')?.column : det.columns.find((c) => c.role === 'id')?.column) ?? null;
  const kind: RegisteredKind = askedKind ?? reg?.kind ?? (det.kind === 'none' ? 'mapping' : det.kind);

  // --- what was detected
  const facts = h(
    'dl',
    { class: 'facts' },
    h('dt', {}, 'Header row'),
    h('dd', {}, det.headerRow === null ? 'not found' : String(det.headerRow)),
    h('dt', {}, 'Group labels'),
    h('dd', {}, det.bandRow === null ? 'none' : `row ${det.bandRow}`),
  );
  if (det.sides.source || det.sides.destination) {
    facts.append(h('dt', {}, 'Systems'), h('dd', { dir: 'auto' }, `${det.sides.source ?? '?'} → ${det.sides.destination ?? '?'}`));
  }
  const sureness = h('p', { class: `sureness level-${det.level}` }, icon(det.kind === 'none' || det.level === 'none' ? '?' : det.level === 'high' ? '✓' : '~'), ' ', confidenceSentence(det.kind, det.level));
  const already = reg ? h('p', { class: 'muted small' }, `This tab is already in the spec as a ${KIND_NOUN[reg.kind]}; your saved choices are shown.`) : null;

  // --- the form
  const kindName = uid('kind');
  const kindRadios = KINDS.map(({ kind: k, label }) => {
    const input = h('input', { type: 'radio', name: kindName, value: k, checked: k === kind }) as HTMLInputElement;
    return { input, label: h('label', { class: 'radio' }, input, ` ${label}`) };
  });
  const headerId = uid('header-row');
  const headerRow = h('input', {
    id: headerId,
    type: 'number',
    min: 1,
    max: 1000,
    step: 1,
    inputmode: 'numeric',
    required: true,
    value: String(reg?.headerRow ?? det.headerRow ?? 1),
    class: 'row-input',
  }) as HTMLInputElement;

  const unsureNoteId = uid('unsure');
  const choices: Choice[] = det.columns.map((column) => ({ column, select: roleSelect(d.roleOptions, roleOf.get(column.column) ?? '', column) }));
  const roleLabel = new Map<string, string>(d.roleOptions.map((o) => [o.role, o.label]));
  const keyId = uid('key');
  const keySelect = h(
    'select',
    { id: keyId },
    h('option', { value: '' }, 'None'),
    ...det.columns.map((c) => h('option', { value: String(c.column), selected: c.column === (reg ? reg.keyColumn : idColumn) }, `${c.letter} · ${truncate(c.header || '(blank)', 40)}`)),
  ) as HTMLSelectElement;
  const managedId = uid('managed');
  // Off by default for an adopted tab: it keeps its own ID scheme unless the person asks Mapspec to fill gaps.
  const managed = h('input', { id: managedId, type: 'checkbox', checked: reg ? reg.managedIds : false }) as HTMLInputElement;

  // Row identity matters for mapping and dictionary rows; a value map's rows are its list entries.
  const idFields = h(
    'div',
    { class: 'id-fields' },
    h('div', { class: 'field' }, h('label', { for: keyId }, 'Key column (a unique ID per row)'), keySelect),
    h('div', { class: 'field check' }, managed, h('label', { for: managedId }, 'Mapspec fills missing IDs')),
    h('p', { class: 'muted small' }, 'New rows get the next free ID; existing IDs are never renumbered.'),
  );
  const showIdFields = () => (idFields.hidden = (kindRadios.find((r) => r.input.checked)?.input.value ?? kind) === 'value-map');
  for (const r of kindRadios) r.input.addEventListener('change', showIdFields);
  showIdFields();

  const anyUnsure = det.columns.some((c) => c.role !== null && c.confidence < SURE && !reg);
  const table = det.columns.length
    ? h(
        'table',
        { class: 'roles' },
        h('caption', { class: 'visually-hidden' }, 'Column roles'),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Col'), h('th', { scope: 'col' }, 'Column'), h('th', { scope: 'col' }, 'Role'))),
        h('tbody', {}, ...withBandRows(choices, det.sides, (c) => roleRow(c, !reg && c.column.role !== null && c.column.confidence < SURE, unsureNoteId, roleLabel))),
      )
    : h('p', { class: 'empty' }, 'No columns with a name were found. Check the header row number, or add column names to the sheet.');

  const form = h(
    'form',
    { class: 'adopt-form', novalidate: true },
    h('fieldset', { class: 'kinds' }, h('legend', {}, 'This tab is a'), ...kindRadios.map((r) => r.label)),
    h('div', { class: 'field inline' }, h('label', { for: headerId }, 'Column names are in row'), headerRow),
    h('h3', {}, 'Column roles'),
    anyUnsure ? h('p', { id: unsureNoteId, class: 'muted small' }, icon('?', 'unsure-mark'), ' Mapspec is not sure about these; check them.') : null,
    table,
    idFields,
    h(
      'div',
      { class: 'actions sticky-actions' },
      h('button', { type: 'submit', class: 'primary' }, 'Confirm'),
      h('button', { type: 'button', class: 'secondary', onclick: cancel }, 'Cancel'),
    ),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const chosenKind = (kindRadios.find((r) => r.input.checked)?.input.value ?? kind) as RegisteredKind;
    void confirm(d, chosenKind, headerRow, choices, keySelect, managed.checked);
  });

  replace(
    root,
    h('h2', { id: 'adopt-heading', tabindex: -1 }, 'Use ', h('span', { dir: 'auto', class: 'tab-title' }, `“${d.name}”`), ' in the spec'),
    sureness,
    already,
    facts,
    det.findings.length ? h('div', { class: 'detect-findings' }, h('h3', {}, 'Found while reading the header'), findingList(det.findings, true)) : null,
    form,
  );
}

function roleSelect(options: RoleOption[], selected: string, column: DetectedColumn): HTMLSelectElement {
  const select = h(
    'select',
    {
      class: 'role-select',
      'aria-label': `Role of column ${column.letter}${column.header.trim() ? ` (${truncate(column.header.replace(/\s+/g, ' ').trim(), 60)})` : ''}`,
      'data-column': column.column,
    },
    h('option', { value: '' }, '— not used —'),
    ...options.map((o) => h('option', { value: o.role, selected: o.role === selected }, o.label)),
  ) as HTMLSelectElement;
  return select;
}

type GroupSide = 'source' | 'destination' | 'neither';

/**
 * A column's role moved to a group's side: sided roles follow it; under "neither" they are not used,
 * and the select remembers its role, so moving the group to a side again gives it back.
 */
function roleOnSide(role: string, side: GroupSide, select: HTMLSelectElement): string {
  // The core's split of a role into its generic role and side: "destination-label" → label, destination.
  const [base, own] = role === '' ? [(select.dataset.sidedBase ?? '') as BaseRole, null] : splitRole(role as Role);
  if (!isSideable(base)) return role;
  if (side === 'neither') {
    if (own === null) return role;
    select.dataset.sidedBase = base;
    return '';
  }
  const next = sidedRole(base, side);
  return [...select.options].some((o) => o.value === next) ? next : role;
}

/**
 * The rows, with a group-label row (SOURCE, DESTINATION, OpenMRS, CIEL…) wherever the band above the
 * columns changes. Each group says which system it is — the source, the destination, or neither (a
 * terminology, concept mappings, notes) — and changing it moves its columns' roles to that side;
 * another group on that side becomes "neither".
 */
function withBandRows(choices: Choice[], sides: { source: string | null; destination: string | null }, row: (c: Choice) => HTMLTableRowElement): HTMLTableRowElement[] {
  const rows: HTMLTableRowElement[] = [];
  const groups: { band: string; side: HTMLSelectElement; members: Choice[] }[] = [];
  let band: string | null = null;
  for (const c of choices) {
    const next = c.column.band;
    if (next !== band && next !== null) {
      const initial: GroupSide = sides.source === next ? 'source' : sides.destination === next ? 'destination' : 'neither';
      const select = h(
        'select',
        { class: 'group-side', 'aria-label': `What the group ${truncate(next, 60)} is` },
        ...(['source', 'destination', 'neither'] as const).map((v) => h('option', { value: v, selected: v === initial }, GROUP_SIDE_LABEL[v])),
      ) as HTMLSelectElement;
      const group = { band: next, side: select, members: [] as Choice[] };
      groups.push(group);
      rows.push(h('tr', { class: 'band-row' }, h('th', { colspan: 3, scope: 'colgroup', dir: 'auto', title: truncate(next, 300) }, h('span', { class: 'group-name' }, truncate(next, 40)), ' ', select)));
      select.addEventListener('change', () => {
        const side = select.value as GroupSide;
        // One group per side: the one that held it becomes "neither".
        for (const g of groups) {
          if (g === group || side === 'neither' || g.side.value !== side) continue;
          g.side.value = 'neither';
          for (const m of g.members) m.select.value = roleOnSide(m.select.value, 'neither', m.select);
        }
        for (const m of group.members) m.select.value = roleOnSide(m.select.value, side, m.select);
        setStatus(`${truncate(next, 60)} is now: ${GROUP_SIDE_LABEL[side]}. Its columns' roles follow.`, 'info');
      });
    }
    if (next !== null) groups[groups.length - 1]?.members.push(c);
    band = next;
    rows.push(row(c));
  }
  return rows;
}

const GROUP_SIDE_LABEL: Record<GroupSide, string> = { source: 'Source system', destination: 'Destination system', neither: 'Neither (reference, notes)' };

function roleRow(c: Choice, unsure: boolean, unsureNoteId: string, roleLabel: Map<string, string>): HTMLTableRowElement {
  const col = c.column;
  const header = col.header.trim();
  const alternatives = col.alternatives.length ? `Could also be: ${col.alternatives.map((a) => roleLabel.get(a.role) ?? a.role).join(', ')}` : '';
  if (unsure) c.select.setAttribute('aria-describedby', unsureNoteId);
  return h(
    'tr',
    { class: unsure ? 'unsure' : null },
    h('td', { class: 'letter' }, col.letter),
    h(
      'td',
      { class: 'header-cell' },
      h(
        'span',
        { class: `header-text${header ? '' : ' blank'}`, dir: 'auto', title: header ? truncate(header, 500) : 'This column has no name' },
        header ? truncate(header.replace(/\s+/g, ' '), 120) : '(blank)',
      ),
    ),
    h('td', { class: 'role-cell' }, c.select, unsure ? h('span', { class: 'unsure-mark', title: alternatives || 'Mapspec is not sure' }, '?') : null),
  );
}

async function confirm(
  d: TabDetection,
  kind: RegisteredKind,
  headerInput: HTMLInputElement,
  choices: Choice[],
  keySelect: HTMLSelectElement,
  managedIds: boolean,
): Promise<void> {
  const headerRow = Number(headerInput.value);
  if (!Number.isInteger(headerRow) || headerRow < 1 || headerRow > 1000) {
    setStatus('The header row is a row number from 1 to 1000.', 'error');
    headerInput.focus();
    return;
  }
  // A role can belong to one column only: say which, rather than let the server refuse.
  const seen = new Map<string, Choice>();
  for (const c of choices) {
    const role = c.select.value;
    if (!role) continue;
    const first = seen.get(role);
    if (first) {
      const label = c.select.selectedOptions[0]?.textContent ?? role;
      setStatus(`Columns ${first.column.letter} and ${c.column.letter} are both “${label}”. Choose one, and set the other to “— not used —”.`, 'error');
      c.select.focus();
      return;
    }
    seen.set(role, c);
  }
  const roles = choices.filter((c) => c.select.value !== '').map((c) => ({ column: c.column.column, role: c.select.value }));
  const keyColumn = keySelect.value === '' ? null : Number(keySelect.value);
  const state = await work(`Saving the layout of ${d.name}…`, () =>
    server.registerTab({ sheetId: d.sheetId, kind, headerRow, roles, keyColumn, managedIds }),
  );
  if (!state) return;
  setState(state);
  views.showTabs({ focusSheetId: d.sheetId });
  setStatus(`“${d.name}” is now part of the spec as a ${KIND_NOUN[kind]}. Run the checks to see what needs attention.`, 'success');
}
