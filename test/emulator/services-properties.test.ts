// PropertiesService: the three stores, Apps Script's size limits with their real error texts,
// all-or-nothing writes, per-user stores, auth modes and call counting.
import { Emulator } from '../../src/emulator/emulator';
import { PROPERTY_QUOTA_ERROR, PROPERTY_STORE_MAX_BYTES, PROPERTY_VALUE_MAX_BYTES } from '../../src/emulator/services/properties';
import { thrown } from '../support/thrown';


test('values up to 9 KB are stored; a larger one throws "Argument too large: value" and changes nothing', () => {
  const { globals } = new Emulator().execution();
  const props = globals.PropertiesService.getScriptProperties();
  props.setProperty('ok', 'x'.repeat(PROPERTY_VALUE_MAX_BYTES));
  expect(props.getProperty('ok')).toHaveLength(9216);

  const err = thrown(() => props.setProperty('big', 'x'.repeat(PROPERTY_VALUE_MAX_BYTES + 1)));
  expect(err.name).toBe('Exception');
  expect(err.message).toBe('Argument too large: value');
  expect(props.getProperty('big')).toBeNull();
  // Measured in UTF-8 bytes: 4,609 two-byte characters are 9,218 bytes.
  expect(() => props.setProperty('accents', 'é'.repeat(4609))).toThrow('Argument too large: value');
});

test('a store holds at most 500 KB; the write that would pass it throws the quota error and leaves the store as it was', () => {
  const emulator = new Emulator();
  const props = emulator.execution().globals.PropertiesService.getDocumentProperties();
  let stored = 0;
  let error: { message: string } | null = null;
  for (let i = 0; i < 100 && !error; i++) {
    try {
      props.setProperty(`k${i}`, 'v'.repeat(9000));
      stored++;
    } catch (e) {
      error = e as Error;
    }
  }
  expect(error?.message).toBe(PROPERTY_QUOTA_ERROR);
  expect(PROPERTY_QUOTA_ERROR).toBe('You have exceeded the property storage quota. Please remove some properties and try again.');
  // 500 KB of keys and values: 56 entries of ~9 KB fit, the 57th does not.
  expect(stored).toBe(Math.floor(PROPERTY_STORE_MAX_BYTES / (9000 + 3)));
  const before = JSON.stringify(emulator.state.properties.document);
  expect(() => props.setProperty('one-more', 'v'.repeat(9000))).toThrow(PROPERTY_QUOTA_ERROR);
  expect(JSON.stringify(emulator.state.properties.document)).toBe(before);
  // Overwriting a value counts its new size, not both.
  props.setProperty('k0', 'small');
  props.setProperty('fits-now', 'v'.repeat(8000));
});

test('setProperties is atomic: one bad value or a batch over the quota writes nothing; deleteAllOthers replaces the store', () => {
  const emulator = new Emulator();
  const props = emulator.execution().globals.PropertiesService.getScriptProperties();
  props.setProperties({ a: '1', b: '2' });
  expect(() => props.setProperties({ c: '3', d: 'x'.repeat(9217) })).toThrow('Argument too large: value');
  expect(props.getProperty('c')).toBeNull();

  const batch: Record<string, string> = {};
  for (let i = 0; i < 60; i++) batch[`big${i}`] = 'y'.repeat(9000);
  expect(() => props.setProperties(batch)).toThrow(PROPERTY_QUOTA_ERROR);
  expect(props.getKeys().sort()).toEqual(['a', 'b']);

  props.setProperties({ z: '26' }, true);
  expect(props.getProperties()).toEqual({ z: '26' });
});

test('values are stored as strings; missing keys read as null; getProperties is a copy', () => {
  const { globals } = new Emulator().execution();
  const props = globals.PropertiesService.getScriptProperties();
  props.setProperty('n', 5 as unknown as string).setProperty('b', true as unknown as string);
  expect(props.getProperty('n')).toBe('5');
  expect(props.getProperty('b')).toBe('true');
  expect(props.getProperty('missing')).toBeNull();
  const copy = props.getProperties();
  copy.n = 'changed';
  expect(props.getProperty('n')).toBe('5');
  props.deleteProperty('n');
  expect(props.getKeys()).toEqual(['b']);
  props.deleteAllProperties();
  expect(props.getKeys()).toEqual([]);
});

test('calling without the required arguments throws Apps Script signature error', () => {
  const { globals } = new Emulator().execution();
  const props = globals.PropertiesService.getScriptProperties() as unknown as { getProperty(): void; setProperty(k: string): void };
  expect(() => props.getProperty()).toThrow("The parameters () don't match the method signature for PropertiesService.Properties.getProperty.");
  expect(() => props.setProperty('k')).toThrow("The parameters (String) don't match the method signature for PropertiesService.Properties.setProperty.");
});

test('user properties are per user; script and document properties are shared by all users and executions', () => {
  const emulator = new Emulator({ user: 'ana@example.org' });
  const ana = emulator.execution().globals.PropertiesService;
  ana.getUserProperties().setProperty('units', 'metric');
  ana.getScriptProperties().setProperty('shared', 'yes');

  const ben = emulator.execution({ user: 'ben@example.org' }).globals.PropertiesService;
  expect(ben.getUserProperties().getProperty('units')).toBeNull();
  expect(ben.getScriptProperties().getProperty('shared')).toBe('yes');
  ben.getUserProperties().setProperty('units', 'imperial');

  expect(emulator.execution().globals.PropertiesService.getUserProperties().getProperty('units')).toBe('metric');
  expect(emulator.state.properties.user).toEqual({ 'ana@example.org': { units: 'metric' }, 'ben@example.org': { units: 'imperial' } });
});

test('AuthMode.NONE refuses every store (the AuthMode reference: document properties do not work in NONE); LIMITED allows them', () => {
  const emulator = new Emulator();
  const none = emulator.execution({ authMode: 'NONE' }).globals.PropertiesService;
  expect(() => none.getDocumentProperties()).toThrow('You do not have permission to call PropertiesService.getDocumentProperties');
  expect(() => none.getUserProperties()).toThrow('You do not have permission to call PropertiesService.getUserProperties');
  const limited = emulator.execution({ authMode: 'LIMITED' }).globals.PropertiesService;
  limited.getDocumentProperties().setProperty('workflowStarted', 'true');
  expect(limited.getDocumentProperties().getProperty('workflowStarted')).toBe('true');
});

test('every call is counted per method, chained calls included', () => {
  const { globals, ctx } = new Emulator().execution();
  const props = globals.PropertiesService.getScriptProperties();
  props.setProperty('a', '1').setProperty('b', '2');
  props.getProperty('a');
  expect(ctx.calls.toJSON()).toEqual({
    'Properties.getProperty': 1,
    'Properties.setProperty': 2,
    'PropertiesService.getScriptProperties': 1,
  });
  expect(() => (props as unknown as { getPropertyNames(): void }).getPropertyNames()).toThrow('not emulated: Properties.getPropertyNames');
});

test('custom functions (CUSTOM_FUNCTION) may use properties, cache and locks but not mail; user properties are the owner\'s', () => {
  const emulator = new Emulator({ user: 'owner@example.org' });
  emulator.execution().globals.PropertiesService.getUserProperties().setProperty('rate', '1.5');
  const fn = emulator.execution({ authMode: 'CUSTOM_FUNCTION', user: 'editor@example.org' }).globals;
  expect(fn.PropertiesService.getUserProperties().getProperty('rate')).toBe('1.5');
  fn.CacheService.getScriptCache().put('k', 'v');
  expect(fn.LockService.getScriptLock().tryLock(0)).toBe(true);
  expect(() => fn.MailApp.getRemainingDailyQuota()).toThrow('You do not have permission to call MailApp.getRemainingDailyQuota');
});
