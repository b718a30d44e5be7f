/**
 * An error the user can fix: a bad file, column, flag or config key. The CLI prints its
 * message and exits with code 2; anything else that escapes is reported as a bug.
 */
export class InputError extends Error {
  override readonly name = 'InputError';
  constructor(
    message: string,
    /** What the user can do about it, printed on its own line. */
    readonly hint?: string,
  ) {
    super(message);
  }
}

export function isInputError(error: unknown): error is InputError {
  return error instanceof InputError;
}
