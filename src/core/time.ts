/**
 * One time zone and one readable form for every date-time people read (issue 18): the
 * spreadsheet's time zone (Sheets' File › Settings), never UTC or the browser's, written as
 * "7 Dec 2026, 14:05 GMT+7" in emails, the sidebar and the Changelog and Sign-offs tabs. Pure: Intl
 * is part of JavaScript (V8 in Apps Script, Node, the browser), with a UTC fallback for a zone it
 * does not know.
 */

const formats = new Map<string, Intl.DateTimeFormat | null>();

function formatFor(timeZone: string): Intl.DateTimeFormat | null {
  let f = formats.get(timeZone);
  if (f === undefined) {
    try {
      f = new Intl.DateTimeFormat('en-GB', { timeZone, day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' });
    } catch {
      f = null;
    }
    formats.set(timeZone, f);
  }
  return f;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2026-12-07T07:05:00Z" in Asia/Phnom_Penh → "7 Dec 2026, 14:05 GMT+7"; text that is no time stays as it is. */
export function readableTime(iso: string, timeZone: string): string {
  const d = new Date(iso);
  if (typeof iso !== 'string' || iso === '' || Number.isNaN(d.getTime())) return iso;
  const f = formatFor(timeZone || 'Etc/UTC');
  if (f) {
    const parts = Object.fromEntries(f.formatToParts(d).map((p) => [p.type, p.value]));
    return `${parts.day} ${parts.month} ${parts.year}, ${parts.hour}:${parts.minute} ${parts.timeZoneName}`;
  }
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}, ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`;
}

/** The calendar day only, in the zone: "7 Dec 2026". */
export function readableDay(iso: string, timeZone: string): string {
  const t = readableTime(iso, timeZone);
  return t === iso ? iso : t.slice(0, t.indexOf(','));
}
