/** An error meant for the operator: its message is already bilingual and names what to fix. */
export class FencengError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'FencengError';
  }
}
