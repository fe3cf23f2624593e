/**
 * Errors meant for the person using the add-on: their message is shown as is (in the sidebar or an
 * alert), so it names the tab, row and column where there is one, and never carries a stack trace.
 */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}

export function isUserError(e: unknown): e is UserError {
  return typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'UserError';
}
