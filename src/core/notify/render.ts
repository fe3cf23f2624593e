/**
 * An email from a queued message: a subject naming the spec, the event and its row totals, an HTML
 * body with a table of changed rows (an added or removed row on one line, a changed row with its
 * changed cells under it, old → new) and links to the spreadsheet and each changed range, and a
 * plain-text alternative. The rows shown plus "and N more" always add up to the totals. Every value a person wrote goes through escapeHtml. Bodies
 * stay under Apps Script's limit (200 KB per body for consumer accounts, 400 KB for Workspace: we
 * keep under the smaller, with margin); a table that would not fit ends with "and N more" and a link.
 */
import { escapeHtml } from '../escape';
import { readableTime } from '../time';
import type { ChangeRow, MapspecEvent, RowTotals } from '../events';
import { clip, utf8Length } from './bytes';
import { rowCount, rowWeight, totalsText } from './change-rows';
import type { QueuedMessage } from './types';

/** Apps Script refuses a body over 200 KB (consumer accounts); this leaves room for the mail headers. */
export const BODY_MAX_BYTES = 180 * 1024;
/** MailApp refuses longer subjects ("Argument too large: subject"). */
export const SUBJECT_MAX_CHARS = 250;

export type RenderedEmail = { subject: string; html: string; text: string };


/** The spreadsheet's URL pointing at one tab and range: Sheets opens it with the range selected. */
export function rangeLink(url: string, sheetId: number, a1: string | null): string {
  return a1 ? `${url}#gid=${sheetId}&range=${encodeURIComponent(a1).replace(/%3A/g, ':')}` : `${url}#gid=${sheetId}`;
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
function eventIntro(e: MapspecEvent, timeZone: string): string[] {
  const who = (email: string) => email || 'someone Google does not name';
  switch (e.kind) {
    case 'version-tagged':
      return [
        `${who(e.author)} tagged version ${e.label} on ${readableTime(e.at, timeZone)}.`,
        ...(e.note ? [`Note: ${e.note}`] : []),
        `${e.counts.unchanged} row${e.counts.unchanged === 1 ? '' : 's'} unchanged.`,
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

const CELL = 'style="border:1px solid #ccc;padding:4px;text-align:left;vertical-align:top"';
const CHANGE_WORD: Record<ChangeRow['change'], string> = { added: 'Added', removed: 'Removed', changed: 'Changed', note: '' };

/** A row's or cell's link: only the digest's rows say where they are (a1); an event's have none. */
function linkOf(url: string, r: { a1: string | null }, sheetId: number): string | null {
  return r.a1 ? rangeLink(url, sheetId, r.a1) : null;
}

function htmlRow(r: ChangeRow, url: string, withBy: boolean): string {
  const link = linkOf(url, r, r.sheetId);
  const key = link ? `<a href="${escapeHtml(link)}">${escapeHtml(r.rowKey || '(open)')}</a>` : escapeHtml(r.rowKey);
  let what: string;
  if (r.change === 'changed') {
    const items = r.cells.map((c) => {
      const cl = linkOf(url, c, r.sheetId);
      const col = cl ? `<a href="${escapeHtml(cl)}">${escapeHtml(c.column)}</a>` : escapeHtml(c.column);
      return `<li>${col}: ${escapeHtml(c.before || '(blank)')} → ${escapeHtml(c.after || '(blank)')}${withBy && c.by ? ` <span style="color:#666">(${escapeHtml(c.by)})</span>` : ''}</li>`;
    });
    what = `Changed:<ul style="margin:2px 0;padding-left:18px">${items.join('')}</ul>`;
  } else what = r.change === 'note' ? escapeHtml(r.summary) : `${CHANGE_WORD[r.change]}: ${escapeHtml(r.summary)}`;
  const cells = [escapeHtml(r.tab), key, what];
  if (withBy) cells.push(escapeHtml(r.by));
  return `<tr>${cells.map((c) => `<td ${CELL}>${c}</td>`).join('')}</tr>\n`;
}

function textRow(r: ChangeRow, url: string, withBy: boolean): string {
  const by = (who: string) => (withBy && who ? ` (by ${who})` : '');
  const link = (x: { a1: string | null }) => {
    const l = linkOf(url, x, r.sheetId);
    return l ? `\n      ${l}` : '';
  };
  const head = `- ${r.tab} · ${r.rowKey || '—'} · `;
  if (r.change !== 'changed') return `${head}${r.change === 'note' ? r.summary : `${CHANGE_WORD[r.change].toLowerCase()}: ${r.summary}`}${by(r.by)}${link(r)}\n`;
  return `${head}changed:\n${r.cells.map((c) => `    ${c.column}: ${c.before || '(blank)'} → ${c.after || '(blank)'}${by(c.by)}${link(c)}\n`).join('')}`;
}

/**
 * Head + table + tail in both forms, adding whole rows while both bodies stay under `maxBytes`; the
 * rows left out (and those the sender or queue already left out) become "and N more rows", so what
 * is shown plus N is always the totals' row count.
 */
function compose(head: string[], rows: readonly ChangeRow[], totals: RowTotals, url: string, specName: string, withBy: boolean, maxBytes: number): { html: string; text: string } {
  const total = rowCount(totals);
  const link = (label: string) => `<a href="${escapeHtml(url)}">${escapeHtml(label)}</a>`;
  const htmlHead =
    `<div style="font-family:Arial,sans-serif;font-size:14px">\n` +
    head.map((p) => `<p>${escapeHtml(p)}</p>\n`).join('') +
    `<p>Spreadsheet: ${link(specName)}</p>\n`;
  const textHead = `${head.join('\n\n')}\n\nSpreadsheet: ${url}\n\n`;
  const tableOpen = rows.length
    ? `<table style="border-collapse:collapse"><thead><tr>${['Tab', 'Row', 'What changed', ...(withBy ? ['By'] : [])].map((c) => `<th ${CELL}>${c}</th>`).join('')}</tr></thead><tbody>\n`
    : '';
  const tableClose = rows.length ? '</tbody></table>\n' : '';
  const moreText = (more: number) => `and ${more} more row${more === 1 ? '' : 's'}`;
  const footHtml = (more: number) => (more > 0 ? `<p>${moreText(more)} — ${link('open the spreadsheet')} to see them all.</p>\n` : '') + '<p style="color:#666">Sent by Mapspec.</p></div>';
  const footText = (more: number) => (more > 0 ? `${moreText(more)} — open the spreadsheet to see them all: ${url}\n` : '') + '\nSent by Mapspec.\n';

  // Budget against the longest possible footer, so the footer always fits.
  const reserveHtml = utf8Length(footHtml(total)) + utf8Length(htmlHead + tableOpen + tableClose);
  const reserveText = utf8Length(footText(total)) + utf8Length(textHead);
  let html = '';
  let text = '';
  let htmlBytes = reserveHtml;
  let textBytes = reserveText;
  let shown = 0;
  let listed = 0;
  for (const r of rows) {
    const h = htmlRow(r, url, withBy);
    const t = textRow(r, url, withBy);
    const hb = utf8Length(h);
    const tb = utf8Length(t);
    if (htmlBytes + hb > maxBytes || textBytes + tb > maxBytes) break;
    html += h;
    text += t;
    htmlBytes += hb;
    textBytes += tb;
    shown += rowWeight(r);
    listed++;
  }
  const more = Math.max(0, total - shown);
  return {
    html: htmlHead + (listed ? tableOpen + html + tableClose : '') + footHtml(more),
    text: textHead + text + footText(more),
  };
}

export function renderEmail(message: QueuedMessage, maxBytes = BODY_MAX_BYTES): RenderedEmail {
  const n = message.notification;
  const spec = message.specName || 'Untitled spreadsheet';
  // Every time in the spreadsheet's own zone, as a person reads it (never raw ISO or UTC).
  const tz = message.timeZone ?? 'Etc/UTC';
  if (n.kind === 'digest') {
    const head = [
      `Changes to ${spec} since ${readableTime(n.since, tz)}, not yet tagged as a version: ${totalsText(n.totals)}.`,
      n.editors.length ? `Edited by: ${n.editors.join(', ')}.` : 'The edit log names no editor for these changes (pastes, imports and script edits are not logged).',
    ];
    const body = compose(head, n.rows, n.totals, message.url, spec, true, maxBytes);
    return { subject: subjectOf(spec, `${totalsText(n.totals)} since ${readableTime(n.since, tz)}`), ...body };
  }
  const e = n.event;
  if (e.kind === 'version-tagged' || e.kind === 'review-requested') {
    // The first line says the whole: the table below and its "and N more" add up to it.
    const since = e.kind === 'version-tagged' ? 'since the version before' : e.base ? `since ${e.base}, the last approved version` : 'in all (no version has been approved yet)';
    const head = [`${totalsText(e.totals)} ${since}.`, ...eventIntro(e, tz)];
    const body = compose(head, e.changes, e.totals, message.url, spec, false, maxBytes);
    return { subject: subjectOf(spec, `${eventTitle(e)} (${totalsText(e.totals)})`), ...body };
  }
  const body = compose(eventIntro(e, tz), [], { added: 0, changed: 0, removed: 0 }, message.url, spec, false, maxBytes);
  return { subject: subjectOf(spec, eventTitle(e)), ...body };
}
