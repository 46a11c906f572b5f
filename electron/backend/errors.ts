// Errors meant for the planner: a stable code for programs, a German message for people.
export class AppError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'AppError';
    this.code = code;
  }
}

export const notFound = (what: string) => new AppError('not-found', `${what} wurde nicht gefunden. Eventuell wurde es inzwischen gelöscht.`);
export const invalid = (message: string) => new AppError('invalid', message);
