// Utilities: Java signed bytes from digests and base64, gzip round trips of non-Latin text,
// SimpleDateFormat, sleep on the emulated clock, CSV, formatString, blobs.
import { Emulator } from '../../src/emulator/emulator';

const utils = (options = {}) => new Emulator().execution(options).globals.Utilities;

test('computeDigest returns signed bytes like Java: SHA-256 of "abc" starts -70, 120, 22, -65', () => {
  const u = utils();
  const sha = u.computeDigest(u.DigestAlgorithm.SHA_256, 'abc');
  expect(sha).toEqual([-70, 120, 22, -65, -113, 1, -49, -22, 65, 65, 64, -34, 93, -82, 34, 35, -80, 3, 97, -93, -106, 23, 122, -100, -76, 16, -1, 97, -14, 0, 21, -83]);
  expect(sha.every((b) => b >= -128 && b <= 127)).toBe(true);
  expect(u.computeDigest(u.DigestAlgorithm.MD5, '')).toEqual([-44, 29, -116, -39, -113, 0, -78, 4, -23, -128, 9, -104, -20, -8, 66, 126]);
  // Byte[] input, signed or unsigned, digests the same bytes.
  expect(u.computeDigest(u.DigestAlgorithm.SHA_256, [97, 98, 99])).toEqual(sha);
  // US-ASCII turns non-ASCII characters into '?' before hashing.
  expect(u.computeDigest(u.DigestAlgorithm.SHA_1, 'é', u.Charset.US_ASCII)).toEqual(u.computeDigest(u.DigestAlgorithm.SHA_1, '?'));
  expect(() => u.computeDigest(u.DigestAlgorithm.MD2, 'x')).toThrow('not emulated: Utilities.computeDigest with MD2');
  const hmac = u.computeHmacSha256Signature('The quick brown fox jumps over the lazy dog', 'key');
  expect(hmac.slice(0, 4)).toEqual([-9, -68, -125, -12]);
  expect(u.computeHmacSignature(u.MacAlgorithm.HMAC_SHA_256, 'The quick brown fox jumps over the lazy dog', 'key')).toEqual(hmac);
});

test('gzip / ungzip round-trip Khmer, Thai and Arabic text', () => {
  const u = utils();
  const text = 'ភាសាខ្មែរ — ภาษาไทย — العربية — Mapspec ✓';
  const blob = u.newBlob(text, 'text/plain', 'notes.txt');
  const gz = u.gzip(blob);
  expect(gz.getContentType()).toBe('application/x-gzip');
  expect(gz.getBytes().slice(0, 2)).toEqual([31, -117]);
  const named = u.gzip(blob, 'notes.txt.gz');
  expect(named.getName()).toBe('notes.txt.gz');
  const back = u.ungzip(named);
  expect(back.getDataAsString()).toBe(text);
  expect(back.getName()).toBe('notes.txt');
  expect(u.ungzip(u.gzip(u.newBlob(text))).getDataAsString('UTF-8')).toBe(text);
});

test('base64: standard and web-safe (padding kept), decoding to signed bytes, strict about bad input', () => {
  const u = utils();
  expect(u.base64Encode('Hello, World!')).toBe('SGVsbG8sIFdvcmxkIQ==');
  expect(u.base64Encode([-1, -2, -3])).toBe('//79');
  expect(u.base64EncodeWebSafe([-1, -2, -3])).toBe('__79');
  expect(u.base64EncodeWebSafe('a')).toBe('YQ==');
  expect(u.base64Decode('//79')).toEqual([-1, -2, -3]);
  expect(u.base64DecodeWebSafe('__79')).toEqual([-1, -2, -3]);
  expect(u.newBlob(u.base64Decode(u.base64Encode('ภาษาไทย'))).getDataAsString()).toBe('ภาษาไทย');
  expect(() => u.base64Decode('YQ')).toThrow('Could not decode string.');
  expect(() => u.base64Decode('%%%%')).toThrow('Could not decode string.');
});

test('formatDate follows Java SimpleDateFormat in the given time zone', () => {
  const u = utils();
  const d = new Date(Date.UTC(2024, 2, 5, 14, 7, 9, 45)); // Tue 5 Mar 2024 14:07:09.045 UTC
  expect(u.formatDate(d, 'America/New_York', 'yyyy-MM-dd HH:mm:ss.SSS')).toBe('2024-03-05 09:07:09.045');
  expect(u.formatDate(d, 'America/New_York', 'EEE, MMM d, yyyy h:mm a z')).toBe('Tue, Mar 5, 2024 9:07 AM EST');
  expect(u.formatDate(d, 'America/New_York', 'EEEE d MMMM yy')).toBe('Tuesday 5 March 24');
  expect(u.formatDate(d, 'America/New_York', 'XXX Z X')).toBe('-05:00 -0500 -05');
  expect(u.formatDate(d, 'Asia/Kolkata', "yyyy-MM-dd'T'HH:mm:ssXXX")).toBe('2024-03-05T19:37:09+05:30');
  expect(u.formatDate(d, 'Etc/UTC', "HH:mm X 'o''clock' z")).toBe("14:07 Z o'clock UTC");
  expect(u.formatDate(d, 'GMT+2', 'HH:mm z')).toBe('16:07 GMT+02:00');
  // Java falls back to GMT for an unknown zone id.
  expect(u.formatDate(d, 'Not/AZone', 'HH:mm z')).toBe('14:07 GMT');
  // Summer time.
  expect(u.formatDate(new Date(Date.UTC(2024, 6, 1, 12)), 'America/Los_Angeles', 'HH:mm z Z')).toBe('05:00 PDT -0700');
  // Week-based year: 29 Dec 2024 is in week 1 of 2025 (US rules).
  expect(u.formatDate(new Date(Date.UTC(2024, 11, 29, 12)), 'Etc/UTC', 'YYYY w D')).toBe('2025 1 364');
  expect(() => u.formatDate(d, 'Etc/UTC', 'yyyy-qq')).toThrow("Illegal pattern character 'q'");
  expect(() => u.formatDate('2024-03-05' as unknown as Date, 'Etc/UTC', 'yyyy')).toThrow(
    "The parameters (String,String,String) don't match the method signature for Utilities.formatDate.",
  );
});

test('sleep advances the emulated clock (max 300000 ms) and counts toward the execution time limit', () => {
  const emulator = new Emulator();
  const ex = emulator.execution();
  const t0 = emulator.clock.now();
  ex.globals.Utilities.sleep(250000);
  expect(emulator.clock.now() - t0).toBeGreaterThanOrEqual(250000);
  expect(emulator.clock.now() - t0).toBeLessThan(251000);
  expect(() => ex.globals.Utilities.sleep(300001)).toThrow('Invalid argument: milliseconds');
  ex.globals.Utilities.sleep(120000); // now past the 6-minute limit
  expect(() => ex.globals.Utilities.getUuid()).toThrow('Exceeded maximum execution time');
});

test('parseCsv handles quotes, embedded delimiters and newlines, custom delimiters', () => {
  const u = utils();
  expect(u.parseCsv('a,b\n"c, d","e ""quoted"""\r\n"multi\nline",\n')).toEqual([
    ['a', 'b'],
    ['c, d', 'e "quoted"'],
    ['multi\nline', ''],
  ]);
  expect(u.parseCsv('x;y', ';')).toEqual([['x', 'y']]);
});

test('formatString formats like Java String.format', () => {
  const u = utils();
  expect(u.formatString('%s has %d rows (%.1f%%)', 'Sheet1', 42, 12.345)).toBe('Sheet1 has 42 rows (12.3%)');
  expect(u.formatString('[%5s|%-5s|%05d]', 'ab', 'cd', 42)).toBe('[   ab|cd   |00042]');
});

test('blobs: signed bytes, strings in a charset, names and content types, copies', () => {
  const u = utils();
  const blob = u.newBlob('é');
  expect(blob.getBytes()).toEqual([-61, -87]);
  expect(blob.getContentType()).toBe('text/plain');
  expect(u.newBlob([1, 2]).getContentType()).toBeNull();
  const copy = blob.copyBlob().setName('x.csv').setContentTypeFromExtension();
  expect(copy.getContentType()).toBe('text/csv');
  expect(blob.getName()).toBeNull();
  blob.setDataFromString('ab', 'US-ASCII');
  expect(blob.getDataAsString()).toBe('ab');
  expect(u.getUuid()).toMatch(/^[0-9a-f-]{36}$/);
});

test('Utilities works in AuthMode.NONE; calls are counted; unimplemented methods say "not emulated"', () => {
  const ex = new Emulator().execution({ authMode: 'NONE' });
  const u = ex.globals.Utilities;
  u.computeDigest(u.DigestAlgorithm.SHA_256, 'abc');
  u.base64Encode('x');
  expect(ex.ctx.calls.toJSON()).toEqual({ 'Utilities.base64Encode': 1, 'Utilities.computeDigest': 1 });
  expect(() => u.parseDate('2024-01-01', 'Etc/UTC', 'yyyy-MM-dd')).toThrow('not emulated: Utilities.parseDate');
  expect(() => u.zip([])).toThrow('not emulated: Utilities.zip');
});
