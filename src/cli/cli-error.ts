/**
 * An error the command line reports as one plain line on stderr with its exit status — never a stack
 * trace: the people who read it are analysts and CI logs, not the code's authors.
 */
export const EXIT_OK = 0;
/** The spec has findings of severity error. */
export const EXIT_FINDINGS = 1;
/** Usage error, unreadable file, or the add-on could not run. */
export const EXIT_USAGE = 2;

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT_USAGE,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
