/** Sizes and cuts of text for the notification stores and bodies, which Apps Script limits in bytes. */

/**
 * The one UTF-8 length of the core (versions/text.ts): a lone surrogate counts 3 bytes, as the
 * U+FFFD it becomes when encoded.
 */
export { utf8Length } from '../versions/text';

/** Text cut to `max` characters with an ellipsis, so one huge cell cannot crowd out the rest. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
