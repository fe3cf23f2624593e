// Session: active and effective users, when the active user's email is hidden, the userinfo.email
// scope, auth modes, time zone, locale and the temporary user key.
import { Emulator } from '../../src/emulator/emulator';
import { SCOPES } from '../../src/emulator/context';

test('the active and effective user are the signed-in user by default', () => {
  const { globals } = new Emulator({ user: 'ana@example.org' }).execution();
  expect(globals.Session.getActiveUser().getEmail()).toBe('ana@example.org');
  expect(globals.Session.getEffectiveUser().getEmail()).toBe('ana@example.org');
  expect(String(globals.Session.getActiveUser())).toBe('ana@example.org');
});

test('without the userinfo.email scope getActiveUser is refused with the real message', () => {
  const { globals } = new Emulator({ scopes: [SCOPES.spreadsheetsCurrentOnly, SCOPES.containerUi] }).execution();
  let error: Error | undefined;
  try {
    globals.Session.getActiveUser();
  } catch (e) {
    error = e as Error;
  }
  expect(error?.name).toBe('Exception');
  expect(error?.message).toBe(
    'You do not have permission to call Session.getActiveUser. Required permissions: https://www.googleapis.com/auth/userinfo.email',
  );
  // The scope-free parts of Session still work.
  expect(globals.Session.getScriptTimeZone()).toBe(new Emulator().state.workbook.timeZone);
});

test('AuthMode.NONE refuses Session; in LIMITED another consumer user\'s email is hidden ("")', () => {
  const emulator = new Emulator({ user: 'owner@example.org' });
  expect(() => emulator.execution({ authMode: 'NONE' }).globals.Session.getActiveUser()).toThrow(
    'You do not have permission to call Session.getActiveUser',
  );
  expect(() => emulator.execution({ authMode: 'NONE' }).globals.Session.getActiveUserLocale()).toThrow(
    'You do not have permission to call Session.getActiveUserLocale',
  );
  const guest = emulator.execution({ authMode: 'LIMITED', user: 'guest@gmail.com' }).globals.Session;
  expect(guest.getActiveUser().getEmail()).toBe('');
  // Same Workspace domain as the owner: visible.
  const colleague = emulator.execution({ authMode: 'LIMITED', user: 'colleague@example.org' }).globals.Session;
  expect(colleague.getActiveUser().getEmail()).toBe('colleague@example.org');
});

test('for an installable trigger the effective user is the owner; the active user shows only within the owner\'s domain', () => {
  const emulator = new Emulator({ user: 'owner@example.org' });
  const sameDomain = emulator.execution({ user: 'editor@example.org', effectiveUser: 'owner@example.org' }).globals.Session;
  expect(sameDomain.getEffectiveUser().getEmail()).toBe('owner@example.org');
  expect(sameDomain.getActiveUser().getEmail()).toBe('editor@example.org');
  const outsider = emulator.execution({ user: 'someone@gmail.com', effectiveUser: 'owner@example.org' }).globals.Session;
  expect(outsider.getActiveUser().getEmail()).toBe('');
  expect(outsider.getEffectiveUser().getEmail()).toBe('owner@example.org');
});

test('time zone, locale and a stable opaque temporary key per user', () => {
  const emulator = new Emulator({ user: 'ana@example.org' });
  emulator.state.workbook.timeZone = 'Europe/Paris';
  const a = emulator.execution().globals.Session;
  expect(a.getScriptTimeZone()).toBe('Europe/Paris');
  expect(a.getActiveUserLocale()).toBe('en');
  const key = a.getTemporaryActiveUserKey();
  expect(key).toMatch(/^[A-Za-z0-9_-]{20,}$/);
  expect(key).not.toContain('ana');
  expect(emulator.execution().globals.Session.getTemporaryActiveUserKey()).toBe(key);
  expect(emulator.execution({ user: 'ben@example.org' }).globals.Session.getTemporaryActiveUserKey()).not.toBe(key);
});
