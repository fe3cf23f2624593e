/**
 * MailApp: sends nothing; records each message in state.mail.sent and counts recipients against
 * the sender's daily quota (state.mail.used, state.mail.dailyQuota).
 *
 * Limits (quotas page): recipients per day 100 (consumer) / 1,500 (Workspace), counted per
 * recipient; 50 recipients per message; body 200 KB (consumer) / 400 KB (Workspace). Which account
 * type is emulated follows dailyQuota (1,500 or more: Workspace).
 *
 * The quota day: the emulator's state keeps one count per Pacific calendar day, so it resets at
 * midnight America/Los_Angeles. Note the current quotas page says quotas "reset 24 hours after the
 * first request" (a rolling window); the Pacific-midnight day is the emulator's documented model.
 *
 * Error texts, as collected from live failures (Romain Vialard's ErrorHandler library lists them
 * with their translations; also many public reports): "Service invoked too many times for one
 * day: email.", "Limit Exceeded: Email Recipients Per Message.", "Limit Exceeded: Email Body
 * Size.", "Invalid email: <address>", "Failed to send email: no recipient", "Argument too large:
 * subject". The 250-character subject limit itself is not documented by Google (our assumption).
 */
import { randomBytes } from 'node:crypto';
import type { ExecutionContext, MethodPolicy } from '../context';
import { SCOPES, instrument } from '../context';
import type { SentMail } from '../state';
import { pacificDay, requireArgs, utf8Bytes } from './util';

export const MAIL_RECIPIENTS_PER_MESSAGE = 50;
export const MAIL_SUBJECT_MAX_CHARS = 250;
export const MAIL_QUOTA_ERROR = 'Service invoked too many times for one day: email.';

// Sending mail needs authorization: refused in NONE and in simple triggers (LIMITED), and needs
// the script.send_mail scope (getRemainingDailyQuota too: it belongs to the same service).
const POLICY: MethodPolicy = { minAuth: 'FULL', scopes: [SCOPES.sendMail] };

/** The user whose mail and quota an execution uses: the effective user (a trigger's owner). */
function sender(ctx: ExecutionContext): string {
  return ctx.options.effectiveUser ?? ctx.user;
}

function usedToday(ctx: ExecutionContext, user: string): number {
  const used = ctx.state.mail.used[user];
  return used && used.day === pacificDay(ctx.now()) ? used.recipients : 0;
}

export function createMailApp(ctx: ExecutionContext): GoogleAppsScript.Mail.MailApp {
  const app = {
    getRemainingDailyQuota(): number {
      return Math.max(0, ctx.state.mail.dailyQuota - usedToday(ctx, sender(ctx)));
    },

    sendEmail(...args: unknown[]): void {
      requireArgs(ctx, 'MailApp.sendEmail', args, 1);
      const message = normalize(ctx, args);
      const from = sender(ctx);

      const to = parseAddresses(ctx, message.to);
      const cc = parseAddresses(ctx, message.cc);
      const bcc = parseAddresses(ctx, message.bcc);
      const count = to.length + cc.length + bcc.length;
      if (count === 0) throw ctx.error('Failed to send email: no recipient');
      if (count > MAIL_RECIPIENTS_PER_MESSAGE) throw ctx.error('Limit Exceeded: Email Recipients Per Message.');

      const subject = message.subject === undefined ? '' : String(message.subject);
      if (subject.length > MAIL_SUBJECT_MAX_CHARS) throw ctx.error('Argument too large: subject');
      const body = message.body === undefined ? '' : String(message.body);
      const htmlBody = message.htmlBody === undefined ? undefined : String(message.htmlBody);
      const bodyLimit = (ctx.state.mail.dailyQuota >= 1500 ? 400 : 200) * 1024;
      if (utf8Bytes(body) > bodyLimit || (htmlBody !== undefined && utf8Bytes(htmlBody) > bodyLimit)) {
        throw ctx.error('Limit Exceeded: Email Body Size.');
      }
      if (message.attachments !== undefined || message.inlineImages !== undefined) {
        throw ctx.error('not emulated: MailApp.sendEmail attachments and inlineImages');
      }

      const used = usedToday(ctx, from);
      if (used + count > ctx.state.mail.dailyQuota) throw ctx.error(MAIL_QUOTA_ERROR);
      ctx.state.mail.used[from] = { day: pacificDay(ctx.now()), recipients: used + count };

      const sent: SentMail = { id: randomBytes(8).toString('hex'), at: ctx.now(), from, to, cc, bcc, subject, body };
      if (htmlBody !== undefined) sent.htmlBody = htmlBody;
      if (message.replyTo !== undefined && message.replyTo !== '') sent.replyTo = String(message.replyTo);
      if (message.name !== undefined) sent.name = String(message.name);
      if (message.noReply) sent.noReply = true;
      ctx.state.mail.sent.push(sent);
    },
  };
  return instrument(ctx, 'MailApp', app, {}, POLICY) as unknown as GoogleAppsScript.Mail.MailApp;
}

type Message = Omit<GoogleAppsScript.Mail.MailAdvancedParameters, 'attachments' | 'inlineImages'> & {
  attachments?: unknown;
  inlineImages?: unknown;
};

/** The four sendEmail signatures, reduced to one message object. */
function normalize(ctx: ExecutionContext, args: unknown[]): Message {
  const [a, b, c, d] = args;
  if (typeof a === 'object' && a !== null && !Array.isArray(a)) return { ...(a as Message) };
  if (args.length >= 4 && typeof d === 'string') {
    // sendEmail(to, replyTo, subject, body)
    return { to: String(a), replyTo: String(b), subject: String(c), body: d };
  }
  requireArgs(ctx, 'MailApp.sendEmail', args, 3);
  const options = typeof d === 'object' && d !== null ? (d as Message) : {};
  return { ...options, to: String(a), subject: String(b), body: String(c) };
}

/** A simple syntactic check: Apps Script refuses addresses without a local part and a dotted domain. */
const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:".]+$/;

/** "a@x.org, Name <b@y.org>" -> ["a@x.org", "b@y.org"]; throws "Invalid email: ..." on a bad one. */
function parseAddresses(ctx: ExecutionContext, list: unknown): string[] {
  if (list === undefined || list === null) return [];
  const out: string[] = [];
  for (const raw of String(list).split(',')) {
    const item = raw.trim();
    if (item === '') continue;
    const angled = /<([^<>]*)>\s*$/.exec(item);
    const address = (angled ? angled[1] : item).trim();
    if (!EMAIL.test(address)) throw ctx.error(`Invalid email: ${item}`);
    out.push(address);
  }
  return out;
}
