/** Errors the CLI reports as one Chinese line on stderr (exit code 2), never as a stack trace. */

export class FileError extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(reason);
    this.name = 'FileError';
  }
}

/** A usage problem (bad option value, output path equal to the input, …). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** One line, whatever the error: Chinese reason for ours, a short English detail for others. */
export function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/\s*\n\s*/gu, ' ').slice(0, 300);
}
