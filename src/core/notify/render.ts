/**
 * An email from a queued message: a subject naming the spec and the event, an HTML body with a
 * table of changes (tab, row key, column, old → new) and links to the spreadsheet and each changed
 * range, and a plain-text alternative. Every value a person wrote goes through escapeHtml. Bodies
 * stay under Apps Script's limit (200 KB per body for consumer accounts, 400 KB for Workspace: we
 * keep under the smaller, with margin); a table that would not fit ends with "and N more" and a link.
 */
import { escapeHtml } from '../escape';
import type { ChangeLine, MapspecEvent } from '../events';
import { clip, utf8Length } from './bytes';
import type { DigestLine, QueuedMessage } from './types';

/** Apps Script refuses a body over 200 KB (consumer accounts); this leaves room for the mail headers. */
export const BODY_MAX_BYTES = 180 * 1024;
/** MailApp refuses longer subjects ("Argument too large: subject"). */
export const SUBJECT_MAX_CHARS = 250;

export type RenderedEmail = { subject: string; html: string; text: string };

type Row = { tab: string; rowKey: string; column: string; before: string; after: string; by: string; link: string | null };

/** The spreadsheet's URL pointing at one tab and range: Sheets opens it with the range selected. */
export function rangeLink(url: string, sheetId: number, a1: string | null): string {
  return a1 ? `${url}#gid=${sheetId}&range=${encodeURIComponent(a1).replace(/%3A/g, ':')}` : `${url}#gid=${sheetId}`;
}

/** "2026-11-22T15:41:39.617Z" → "2026-11-22 15:41 UTC" (other text as it is). */
export function shortTime(iso: string): string {
  const m = /^(\d{4}-\d\d-\d\d)T(\d\d:\d\d)(?::\d\d(?:\.\d+)?)?Z$/.exec(iso);
  return m ? `${m[1]} ${m[2]} UTC` : iso;
}

function subjectOf(spec: string, event: string): string {
  return clip(`[Mapspec] ${clip(spec, 80)}: ${event}`.replace(/[\r\n]+/g, ' '), SUBJECT_MAX_CHARS);
}

function eventTitle(e: MapspecEvent): string {
  switch (e.kind) {
    case 'version-tagged':
      return `version ${e.label} tagged`;
    case 'review-requested':
      return `review requested for version ${e.label}`;
    case 'review-decided':
      return e.decision === 'approved' ? `version ${e.label} approved by ${e.approver}` : `changes requested on version ${e.label} by ${e.approver}`;
    case 'review-withdrawn':
      return `review of version ${e.label} withdrawn`;
  }
}

/** Paragraphs (plain text; escaped when put in HTML) introducing the event. */
function eventIntro(e: MapspecEvent): string[] {
  const who = (email: string) => email || 'someone Google does not name';
  switch (e.kind) {
    case 'version-tagged':
      return [
        `${who(e.author)} tagged version ${e.label} on ${e.at}.`,
        ...(e.note ? [`Note: ${e.note}`] : []),
        `Rows added ${e.counts.added}, changed ${e.counts.changed}, removed ${e.counts.removed}, unchanged ${e.counts.unchanged}.`,
      ];
    case 'review-requested':
      return [
        `${who(e.requester)} asks you to review version ${e.label} (${e.policy === 'all' ? 'every approver must approve' : 'one approval is enough'}${e.due ? `, due ${e.due}` : ''}).`,
        ...(e.message ? [`Message: ${e.message}`] : []),
        'To review: open the spreadsheet, then Extensions › Mapspec › Versions, where the request waits for you.',
      ];
    case 'review-decided':
      return [
        `${who(e.approver)} ${e.decision === 'approved' ? 'approved' : 'requested changes on'} version ${e.label} (requested by ${who(e.requester)}).`,
        ...(e.comment ? [`Comment: ${e.comment}`] : []),
        `The request is now: ${e.status === 'in-review' ? 'in review' : e.status === 'approved' ? 'approved' : 'changes requested'}.`,
      ];
    case 'review-withdrawn':
      return [`${who(e.requester)} withdrew the review request for version ${e.label}.`, ...(e.reason ? [`Reason: ${e.reason}`] : [])];
  }
}

function changeRows(lines: readonly ChangeLine[]): Row[] {
  return lines.map((l) => ({ tab: l.tab, rowKey: l.rowKey, column: l.column, before: l.before, after: l.after, by: '', link: null }));
}

function digestRows(lines: readonly DigestLine[], url: string): Row[] {
  return lines.map((l) => ({ tab: l.tab, rowKey: l.rowKey, column: l.column, before: l.before, after: l.after, by: l.by, link: l.a1 ? rangeLink(url, l.sheetId, l.a1) : null }));
}

const CELL = 'style="border:1px solid #ccc;padding:4px;text-align:left;vertical-align:top"';

function htmlRow(r: Row, withBy: boolean): string {
  const where = r.link ? `<a href="${escapeHtml(r.link)}">${escapeHtml(r.column || '(open)')}</a>` : escapeHtml(r.column);
  const cells = [escapeHtml(r.tab), escapeHtml(r.rowKey), where, `${escapeHtml(r.before)} → ${escapeHtml(r.after)}`];
  if (withBy) cells.push(escapeHtml(r.by));
  return `<tr>${cells.map((c) => `<td ${CELL}>${c}</td>`).join('')}</tr>\n`;
}

function textRow(r: Row, withBy: boolean): string {
  const by = withBy && r.by ? ` (by ${r.by})` : '';
  const link = r.link ? `\n    ${r.link}` : '';
  return `- ${r.tab} · ${r.rowKey || '—'} · ${r.column}: ${r.before || '(blank)'} → ${r.after || '(blank)'}${by}${link}\n`;
}

/**
 * Head + table + tail in both forms, adding rows while both bodies stay under `maxBytes`; the rows
 * left out (and those the queue already left out: total - rows.length) become "and N more".
 */
function compose(head: string[], rows: Row[], total: number, url: string, specName: string, withBy: boolean, maxBytes: number): { html: string; text: string } {
  const link = (label: string) => `<a href="${escapeHtml(url)}">${escapeHtml(label)}</a>`;
  const htmlHead =
    `<div style="font-family:Arial,sans-serif;font-size:14px">\n` +
    head.map((p) => `<p>${escapeHtml(p)}</p>\n`).join('') +
    `<p>Spreadsheet: ${link(specName)}</p>\n`;
  const textHead = `${head.join('\n\n')}\n\nSpreadsheet: ${url}\n\n`;
  const tableOpen = rows.length
    ? `<table style="border-collapse:collapse"><thead><tr>${['Tab', 'Row key', 'Column', 'Old → new', ...(withBy ? ['By'] : [])].map((c) => `<th ${CELL}>${c}</th>`).join('')}</tr></thead><tbody>\n`
    : '';
  const tableClose = rows.length ? '</tbody></table>\n' : '';
  const footHtml = (more: number) => (more > 0 ? `<p>and ${more} more — ${link('open the spreadsheet')} to see them all.</p>\n` : '') + '<p style="color:#666">Sent by Mapspec.</p></div>';
  const footText = (more: number) => (more > 0 ? `and ${more} more — open the spreadsheet to see them all: ${url}\n` : '') + '\nSent by Mapspec.\n';

  // Budget against the longest possible footer, so the footer always fits.
  const reserveHtml = utf8Length(footHtml(total)) + utf8Length(htmlHead + tableOpen + tableClose);
  const reserveText = utf8Length(footText(total)) + utf8Length(textHead);
  let html = '';
  let text = '';
  let htmlBytes = reserveHtml;
  let textBytes = reserveText;
  let shown = 0;
  for (const r of rows) {
    const h = htmlRow(r, withBy);
    const t = textRow(r, withBy);
    const hb = utf8Length(h);
    const tb = utf8Length(t);
    if (htmlBytes + hb > maxBytes || textBytes + tb > maxBytes) break;
    html += h;
    text += t;
    htmlBytes += hb;
    textBytes += tb;
    shown++;
  }
  const more = total - shown;
  return {
    html: htmlHead + (shown ? tableOpen + html + tableClose : '') + footHtml(more),
    text: textHead + text + footText(more),
  };
}

export function renderEmail(message: QueuedMessage, maxBytes = BODY_MAX_BYTES): RenderedEmail {
  const n = message.notification;
  const spec = message.specName || 'Untitled spreadsheet';
  if (n.kind === 'digest') {
    const head = [
      `Changes to ${spec} since ${shortTime(n.since)} (${n.totalChanges} in all), not yet tagged as a version.`,
      n.editors.length ? `Edited by: ${n.editors.join(', ')}.` : 'The edit log names no editor for these changes (pastes, imports and script edits are not logged).',
    ];
    const body = compose(head, digestRows(n.lines, message.url), n.totalChanges, message.url, spec, true, maxBytes);
    return { subject: subjectOf(spec, `${n.totalChanges} change${n.totalChanges === 1 ? '' : 's'} since ${shortTime(n.since)}`), ...body };
  }
  const e = n.event;
  const lines = e.kind === 'version-tagged' || e.kind === 'review-requested' ? e.changes : [];
  const total = e.kind === 'version-tagged' || e.kind === 'review-requested' ? Math.max(e.totalChanges, lines.length) : 0;
  const body = compose(eventIntro(e), changeRows(lines), total, message.url, spec, false, maxBytes);
  return { subject: subjectOf(spec, eventTitle(e)), ...body };
}
