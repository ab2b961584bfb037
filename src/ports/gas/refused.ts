/**
 * The adapter refused a patch before writing anything (a value Sheets cannot
 * hold, a tab it cannot hide, the cell limit): trying again changes nothing.
 */
export class WriteRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WriteRefused';
  }
}
