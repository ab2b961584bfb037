/**
 * The .xlsx the preview works on, kept in memory between calls. The file on
 * disk may change meanwhile (a CLI --in-place run, a save in Excel), so each
 * save replaces it only if it is still what was read (writeFileAtomic's
 * `expected`); otherwise nothing is written and the page is told to reload,
 * and reloading the page reads the file afresh.
 */
import { stat } from 'node:fs/promises';
import { FencengError } from '../app/errors.js';
import { writeFileAtomic } from '../ports/atomic-write.js';
import { readStamped, sameContent, currentStamp, type FileStamp } from '../ports/file-stamp.js';
import type { WorkbookPort } from '../ports/port.js';
import { XlsxWorkbook } from '../ports/xlsx.js';

export class WorkbookFile {
  /** Set when memory may hold a change the file does not (a save failed). */
  private unsaved = false;

  private constructor(
    readonly path: string,
    private workbook: XlsxWorkbook,
    private stamp: FileStamp,
  ) {}

  static async open(path: string): Promise<WorkbookFile> {
    const { bytes, stamp } = await readStamped(path);
    return new WorkbookFile(path, await XlsxWorkbook.open(bytes), stamp);
  }

  /** A port that always reaches the current in-memory workbook, across reloads. */
  readonly port: WorkbookPort = {
    sheetNames: () => this.workbook.sheetNames(),
    read: (sheet) => this.workbook.read(sheet),
    apply: (patch) => this.workbook.apply(patch),
  };

  /** Writes memory to the file, unless someone else changed the file since it was read or last saved. */
  async save(): Promise<void> {
    try {
      this.stamp = await writeFileAtomic(this.path, this.workbook.toBuffer(), { expected: this.stamp });
      this.unsaved = false;
    } catch (e) {
      this.unsaved = true;
      throw e;
    }
  }

  /**
   * Before a call: is memory still the file? When not, a page load
   * (`reload: true`) reads the file again; any other call is refused.
   */
  async ensureCurrent(reload: boolean): Promise<void> {
    if (!this.unsaved && !(await this.changedOnDisk())) return;
    if (!reload) {
      throw new FencengError(
        'file-changed',
        `工作簿文件已在别处被修改（或上次保存失败），此操作未执行、未写入任何内容。请刷新本页面，重新读取文件后再做一次：${this.path} / ` +
          `The workbook file was changed elsewhere (or the last save failed); this was not done and nothing was written. Reload this page to read the file again, then redo it: ${this.path}`,
      );
    }
    const { bytes, stamp } = await readStamped(this.path).catch((e: Error) => {
      throw new FencengError('unreadable-file', `无法重新读取工作簿 ${this.path}：${e.message} / Cannot read the workbook again ${this.path}: ${e.message}`);
    });
    this.workbook = await XlsxWorkbook.open(bytes);
    this.stamp = stamp;
    this.unsaved = false;
  }

  private async changedOnDisk(): Promise<boolean> {
    const s = await stat(this.path).catch(() => undefined);
    if (!s) return true;
    // Cheap check first; hash only when size or time moved (a touch is not a change).
    if (s.size === this.stamp.size && s.mtimeMs === this.stamp.mtimeMs) return false;
    const now = await currentStamp(this.path);
    if (!sameContent(this.stamp, now)) return true;
    this.stamp = now!;
    return false;
  }
}
