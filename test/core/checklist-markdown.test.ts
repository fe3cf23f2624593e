// GitHub task lists: import the checklist a repository keeps in its README, export it, import again.
import * as fs from 'fs';
import * as path from 'path';
import { checklistTemplate, parseTaskList, toTaskList, type Checklist } from '../../src/core/checklist';

const FIXTURE = path.join(__dirname, '..', 'fixtures', 'checklist-seed.md');
const SHARED_SEED = path.join(__dirname, '..', '..', '..', 'shared', 'seeds', '000_5b83975ea9844a15.txt');

/** Items and ticks only, as the acceptance compares them. */
function itemsAndTicks(c: Checklist) {
  return c.phases.map((p) => ({ phase: p.title, items: p.items.map((i) => [i.text, i.checked, i.notes]) }));
}

function roundTrip(md: string) {
  const first = parseTaskList(md);
  const exported = toTaskList(first);
  const second = parseTaskList(exported);
  expect(second).toEqual(first);
  expect(toTaskList(second)).toBe(exported);
  return first;
}

test('the seed (fixture copy) reads as the detailed template and survives import → export → import', () => {
  const md = fs.readFileSync(FIXTURE, 'utf8');
  const c = roundTrip(md);
  expect(c.title).toBe('Implementation Checklist');
  expect(itemsAndTicks(c)).toEqual(itemsAndTicks(checklistTemplate('detailed')));
  // The prose, admonitions and "Questions or feedback?" section are not phases.
  expect(c.phases.map((p) => p.title)).not.toContain('Questions or feedback?');
  expect(c.phases[1].items[2].notes).toBe('Read about mapping specs [here.](../design/design-quickstart.md#3-map-data-elements-to-be-exchanged).');
  expect(c.phases[1].items[4]).toMatchObject({ id: '2.5', signOffRequired: true });
});

(fs.existsSync(SHARED_SEED) ? test : test.skip)('the shared seed file round-trips too, and equals the fixture', () => {
  const md = fs.readFileSync(SHARED_SEED, 'utf8');
  expect(md).toBe(fs.readFileSync(FIXTURE, 'utf8'));
  roundTrip(md);
});

test('ticks survive the round trip, with the seed ticked here and there', () => {
  const md = fs.readFileSync(FIXTURE, 'utf8').replace('- [ ] Capacity assessment completed', '- [x] Capacity assessment completed').replace('- [ ] Github repository created', '- [X] Github repository created');
  const c = roundTrip(md);
  const ticked = c.phases.flatMap((p) => p.items.filter((i) => i.checked).map((i) => i.text));
  expect(ticked).toEqual(['Capacity assessment completed', 'Github repository created']);
});

test('continuation lines, links kept as text, other lines ignored, fences skipped, Khmer/Thai/Arabic kept', () => {
  const md = [
    '# ផែនការ',
    'Intro prose, ignored.',
    '## (1) រៀបចំ',
    '- [x] ចុះហត្ថលេខាលើកិច្ចព្រមព្រៀង',
    '  see [the agreement](https://example.org/a?b=1)',
    '',
    'A paragraph at the margin, ignored.',
    '* [ ] ตรวจสอบ API',
    '### مرحلة',
    '+ [ ] توقيع العميل sign-off',
    '```',
    '- [ ] not a task (in a fence)',
    '```',
    '- [ ]',
  ].join('\n');
  const c = roundTrip(md);
  expect(c.title).toBe('ផែនការ');
  expect(c.phases).toEqual([
    { title: '(1) រៀបចំ', level: 2, items: [
      { id: '1.1', text: 'ចុះហត្ថលេខាលើកិច្ចព្រមព្រៀង', notes: 'see [the agreement](https://example.org/a?b=1)', checked: true, signOffRequired: false },
      { id: '1.2', text: 'ตรวจสอบ API', notes: '', checked: false, signOffRequired: false },
    ] },
    { title: 'مرحلة', level: 3, items: [
      { id: '2.1', text: 'توقيع العميل sign-off', notes: '', checked: false, signOffRequired: true },
      { id: '2.2', text: '', notes: '', checked: false, signOffRequired: false },
    ] },
  ]);
});

test('the compact template exported and re-imported keeps its items (empty phase dropped)', () => {
  const c = parseTaskList(toTaskList(checklistTemplate('compact')));
  expect(c.phases.map((p) => p.items.length)).toEqual([2, 6, 6, 3, 5]);
  expect(c.phases[3].items.map((i) => i.signOffRequired)).toEqual([true, true, false]);
  expect(parseTaskList('')).toEqual({ title: null, phases: [] });
});
