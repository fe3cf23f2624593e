// Issue 17: a README's checklist section read line for line and written back from the tab — byte for
// byte when nothing changed, one line when one tick or owner changed, the rest of the README as it
// was. Real inputs: the OpenFn checklist page (shipped in test/fixtures, and both seeds from
// ../shared/seeds when beside the repository) and integration repositories' READMEs (fetched into
// test/fixtures/local, see test/fixtures/README.md; skipped when absent).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { notesOf, readReadme, replaceSection, tasksOf, writeSection, type CurrentTask, type ReadmeChecklist } from '../../src/core/checklist/readme';
import { FIXTURES, ROOT } from '../support/paths';
import { README } from '../support/readme-sample';

const SEEDS = path.resolve(ROOT, '../shared/seeds');
const LOCAL = path.join(FIXTURES, 'local');
const withFile = (file: string) => (fs.existsSync(file) ? test : test.skip);
const read = (text: string): ReadmeChecklist => {
  const r = readReadme(text);
  if (!r) throw new Error('no checklist read');
  return r;
};
/** The README written back with the tab's tasks changed by `change` (nothing when omitted). */
const roundTrip = (text: string, change: (tasks: CurrentTask[]) => CurrentTask[] = (t) => t, notes?: Map<string, string>) => {
  const r = read(text);
  return replaceSection(text, r.source, writeSection(r.source, { tasks: change(tasksOf(r)), notes: notes ?? notesOf(r) }));
};
const changedLines = (a: string, b: string) => {
  const x = a.split('\n');
  const y = b.split('\n');
  return x.flatMap((line, i) => (line === y[i] ? [] : [[line, y[i]]]));
};


describe('a README written back from its checklist tab', () => {
  test('phases, sub-sections under a phase, free text as note rows, items, ticks and owners', () => {
    const r = read(README);
    expect(r.checklist.title).toBe('Implementation Checklist');
    expect(r.checklist.phases.map((p) => [p.title, p.level, p.items.length])).toEqual([
      ['(1) Functional Requirements', 3, 3], ['(2) System APIs', 3, 3], ['(3) Flow Triggers', 3, 1], ['(4) Administration', 3, 2],
    ]);
    expect(r.blocks[1]!.filter((b) => b.kind !== 'item')).toEqual([
      { kind: 'note', id: 'note-1', text: '_CommCare_' },
      { kind: 'note', id: 'note-2', text: '_DHIS2_' },
      { kind: 'note', id: 'note-3', text: 'Endpoints:\nhttps://play.example.org/api/tracker' },
    ]);
    expect(r.blocks[3]!.map((b) => (b.kind === 'item' ? b.item.id : b.kind === 'note' ? b.id : b.title))).toEqual(['Provisioning, Hosting, & Maintenance', '4.1', 'Support', '4.2']);
    const tasks = tasksOf(r);
    expect(tasks.find((t) => t.id === '1.3')).toMatchObject({ text: 'Mapping specs - first draft', owner: 'ana@example.org', checked: false });
    expect(tasks.find((t) => t.id === '4.1')).toMatchObject({ notes: '- a nested note under the item' });
    expect(tasks.filter((t) => t.checked)).toHaveLength(6);
    // The rest of the README is not the checklist.
    expect(r.before.endsWith('1. create `/tmp/state.json`\n')).toBe(true);
    expect(r.after.startsWith('## Outstanding questions')).toBe(true);
  });

  test('unchanged: byte for byte, LF or CRLF; one tick or one owner changed: that line only', () => {
    expect(roundTrip(README)).toBe(README);
    const crlf = README.replace(/\n/g, '\r\n');
    expect(roundTrip(crlf)).toBe(crlf);
    const ticked = roundTrip(README, (ts) => ts.map((t) => (t.id === '2.2' ? { ...t, checked: true } : t)))!;
    expect(changedLines(README, ticked)).toEqual([['- [ ] Access to the test server? ', '- [x] Access to the test server?']]);
    const owned = roundTrip(README, (ts) => ts.map((t) => (t.id === '2.3' ? { ...t, owner: 'sok@example.org' } : t)))!;
    expect(changedLines(README, owned)).toEqual([['* [x] **Tracker API** tested', '* [x] **Tracker API** tested (owner: sok@example.org)']]);
  });

  test('a task deleted in the tab loses its line; one added follows the last task of its phase; a new phase goes at the end', () => {
    const out = roundTrip(README, (ts) => [
      ...ts.filter((t) => t.id !== '1.2'),
      { id: 'x1', phase: '(3) Flow Triggers', text: 'Retry rule agreed', checked: false, owner: '', notes: '' },
      { id: 'x2', phase: '(5) Go-live', text: 'Jobs switched on', checked: true, owner: '', notes: 'After UAT' },
    ])!;
    const lines = out.split('\n');
    expect(out).not.toContain('User stories documented');
    expect(lines[lines.indexOf('- [x] Trigger confirmed?') + 1]).toBe('- [ ] Retry rule agreed');
    // The free text after the item stays where it was, below the new task.
    expect(lines[lines.indexOf('- [ ] Retry rule agreed') + 1]).toBe('CommCare --> DHIS2: `webhook` trigger (event-based).');
    expect(out).toContain('- [ ] Support POCs identified for ខ្មែរ and ไทย sites? \n\n### (5) Go-live\n\n- [x] Jobs switched on\n      After UAT\n\n## Outstanding questions');
  });

  test('a phase renamed in the tab renames its heading only (same level); its new tasks still follow its last one', () => {
    const r = read(README);
    const phases = r.checklist.phases.map((p) => p.title);
    phases[2] = '(3) Triggers';
    const tasks = [...tasksOf(r).map((t) => (t.phase === '(3) Flow Triggers' ? { ...t, phase: '(3) Triggers' } : t)), { id: 'n1', phase: '(3) Triggers', text: 'Schedule agreed', checked: false, owner: '', notes: '' }];
    const out = replaceSection(README, r.source, writeSection(r.source, { tasks, notes: notesOf(r), phases }))!;
    expect(changedLines(README, out).slice(0, 1)).toEqual([['### (3) Flow Triggers', '### (3) Triggers']]);
    expect(out).toContain('### (3) Triggers\n- [x] Trigger confirmed?\n- [ ] Schedule agreed\nCommCare --> DHIS2');
    // Phases counted differently (one added in the tab): headings are left as they are.
    expect(writeSection(r.source, { tasks: tasksOf(r), notes: notesOf(r), phases: [...phases, 'New'] })).not.toContain('### (3) Triggers');
  });

  test('a note row edited in the tab replaces its lines; one deleted removes them', () => {
    const r = read(README);
    const notes = notesOf(r);
    notes.set('note-3', 'Endpoints:\nhttps://play.example.org/api/tracker/v2');
    notes.delete('note-1');
    const out = replaceSection(README, r.source, writeSection(r.source, { tasks: tasksOf(r), notes }))!;
    expect(changedLines(README, out)[0]).toEqual(['_CommCare_', '- [x] API confirmed? [docs](https://example.org/api) & `language-commcare`']);
    expect(out).toContain('Endpoints:\nhttps://play.example.org/api/tracker/v2\n');
    expect(out.split('\n')).toHaveLength(README.split('\n').length - 1);
  });

  test('the section goes back into a README that changed elsewhere; a README without it gives null', () => {
    const r = read(README);
    const edited = README.replace('Jobs that send', 'Two jobs that send').replace('1. Which org units?', '1. Which org units?\n2. Who signs?');
    const out = replaceSection(edited, r.source, writeSection(r.source, { tasks: tasksOf(r).map((t) => ({ ...t, checked: true })), notes: notesOf(r) }))!;
    expect(out).toContain('Two jobs that send');
    expect(out).toContain('2. Who signs?');
    expect(out).toContain('- [x] Mapping specs - first draft (owner: ana@example.org)');
    expect(replaceSection('# Another README\n', r.source, 'x')).toBeNull();
  });
});

test('a French checklist keeps its French phase names, accents and typography, byte for byte', () => {
  const fr = [
    '## Liste de contrôle de la mise en œuvre',
    '',
    '### (1) Préparation de la mise en œuvre technique',
    "- [x] Points focaux identifiés pour chaque système (administrateurs, « référents » métier)",
    "- [ ] Accord de partage des données finalisé (résidence des données, conformité)",
    '',
    '### (2) Exigences fonctionnelles',
    '_Système source : CommCare_',
    '- [ ] Spécifications de correspondance validées — voir [le tableur](https://example.org/spec)',
    '',
  ].join('\n');
  const r = read(fr);
  expect(r.checklist.phases.map((p) => p.title)).toEqual(['(1) Préparation de la mise en œuvre technique', '(2) Exigences fonctionnelles']);
  expect(notesOf(r).get('note-1')).toBe('_Système source : CommCare_');
  expect(roundTrip(fr)).toBe(fr);
});

describe('bad input', () => {
  test('no task list: null (the caller says so)', () => {
    expect(readReadme('# Title\n\nJust prose.\n\n- a plain list\n')).toBeNull();
    expect(readReadme('')).toBeNull();
  });

  test('a task text with line breaks in the sheet is written on one line; an item with a lazy continuation keeps it as a note', () => {
    const out = roundTrip(README, (ts) => ts.map((t) => (t.id === '3.1' ? { ...t, text: 'Trigger\nconfirmed  \n with CommCare?' } : t)))!;
    expect(changedLines(README, out)).toEqual([['- [x] Trigger confirmed?', '- [x] Trigger confirmed with CommCare?']]);
    const lazy = read('## Flows\n- [x] Trigger confirmed?\nCommCare --> DHIS2 every hour\n- [ ] Retry agreed\n');
    expect([tasksOf(lazy).length, [...notesOf(lazy).values()]]).toEqual([2, ['CommCare --> DHIS2 every hour']]);
  });

  test('2,000 items, nested lists and fenced code round-trip; "- [ ]" inside a fence is no item', () => {
    const many = ['## Checklist', ...Array.from({ length: 2000 }, (_, i) => `- [${i % 3 ? ' ' : 'x'}] Task ${i + 1}`), ''].join('\n');
    expect(tasksOf(read(many))).toHaveLength(2000);
    expect(roundTrip(many)).toBe(many);
    const nested = '## Phase\n- [ ] Parent\n  - [x] Child task\n    - plain sub-bullet\n```\n- [ ] not a task\n```\n';
    expect(tasksOf(read(nested)).map((t) => [t.text, t.checked, t.notes])).toEqual([['Parent', false, ''], ['Child task', true, '- plain sub-bullet']]);
    expect(roundTrip(nested)).toBe(nested);
  });
});

describe('real READMEs and the checklist pages', () => {
  const page = (file: string) => fs.readFileSync(file, 'utf8');

  test('the OpenFn checklist page (shipped copy): 54 items in six phases, "Rollout & Support" a sub-section of the sixth; byte for byte', () => {
    const text = page(path.join(FIXTURES, 'checklist-seed.md'));
    const r = read(text);
    expect(r.checklist.phases.map((p) => p.items.length)).toEqual([6, 7, 13, 8, 7, 13]);
    expect(r.blocks[5]!.some((b) => b.kind === 'sub-section' && b.title === 'Rollout & Support')).toBe(true);
    expect(roundTrip(text)).toBe(text);
    const one = roundTrip(text, (ts) => ts.map((t, i) => (i === 10 ? { ...t, checked: true } : t)))!;
    expect(changedLines(text, one)).toHaveLength(1);
  });

  withFile(path.join(SEEDS, '000_5b83975ea9844a15.txt'))('the English seed page round-trips byte for byte', () => {
    const text = page(path.join(SEEDS, '000_5b83975ea9844a15.txt'));
    expect(roundTrip(text)).toBe(text);
  });

  withFile(path.join(SEEDS, '001_2fea1abfb46533ba.txt'))('the French page, copied as text: "•" items under its phase lines; a tick writes "[x]" on that line only', () => {
    const text = page(path.join(SEEDS, '001_2fea1abfb46533ba.txt'));
    const r = read(text);
    expect(r.checklist.phases.map((p) => `${p.title} (${p.items.length})`)).toEqual([
      '(1) Preparing for the Technical Implementation (2)', '(2) Functional Requirements (0)', '(3) System APIs (6)', '(4) Data Flows (6)', '(5) Security (3)', '(6) Administration (5)',
    ]);
    expect(roundTrip(text)).toBe(text);
    const ticked = roundTrip(text, (ts) => ts.map((t) => (t.id === '3.2' ? { ...t, checked: true } : t)))!;
    expect(changedLines(text, ticked)).toEqual([['  • API documentation secured', '  • [x] API documentation secured']]);
    expect(tasksOf(read(ticked)).find((t) => t.id === '3.2')).toMatchObject({ text: 'API documentation secured', checked: true });
  });

  withFile(path.join(LOCAL, 'readme-openfn-primero-progres.md'))('OpenFn/primero-progres: 27 items and 21 ticks in six phases, the endpoints and triggers kept; byte for byte', () => {
    const text = page(path.join(LOCAL, 'readme-openfn-primero-progres.md'));
    const r = read(text);
    expect(tasksOf(r)).toHaveLength(27);
    expect(tasksOf(r).filter((t) => t.checked)).toHaveLength(21);
    expect(r.checklist.phases.map((p) => p.title)).toEqual(['(1) Functional Requirements', '(2) System APIs', '(3) Data Flows', '(4) Flow Triggers', '(5) Sharing & Security', '(6) Administration']);
    expect(r.blocks[5]!.filter((b) => b.kind === 'sub-section').map((b) => (b as { title: string }).title)).toEqual(['Provisioning, Hosting, & Maintenance', 'Support']);
    expect([...notesOf(r).values()].join('\n')).toContain('https://antirrio.azure-api.net/primero-uat/ReceiveIncomingReferral');
    expect(roundTrip(text)).toBe(text);
    const one = roundTrip(text, (ts) => ts.map((t) => (t.id === '6.6' ? { ...t, checked: true } : t)))!;
    expect(changedLines(text, one)).toHaveLength(1);
  });

  withFile(path.join(LOCAL, 'readme-openfn-unicef-cambodia.md'))('OpenFn/unicef-cambodia: a "## Checklist" at the end of a long README is the section; the rest untouched', () => {
    const text = page(path.join(LOCAL, 'readme-openfn-unicef-cambodia.md'));
    const r = read(text);
    expect(r.checklist.phases.map((p) => [p.title, p.items.length])).toEqual([['Checklist', 3]]);
    expect(r.before.length).toBeGreaterThan(7000);
    expect(roundTrip(text)).toBe(text);
  });

  withFile(path.join(LOCAL, 'openfn-unicef-cambodia-integration-checklist.md'))('OpenFn/unicef-cambodia integration-checklist.md: six phases under a title; byte for byte', () => {
    const text = page(path.join(LOCAL, 'openfn-unicef-cambodia-integration-checklist.md'));
    expect(read(text).checklist.phases).toHaveLength(6);
    expect(roundTrip(text)).toBe(text);
  });
});
