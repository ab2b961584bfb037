import { count } from '../core/base/locale.js';

/** Where progress goes: a terminal gets a live bar, anything else (CI, a log, a scheduled task) plain lines. */
export interface StatusStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface Progress {
  /** A new stage begins; `detail` (counts) is shown with it. */
  stage(label: string, detail?: string): void;
  /** Counted work inside the current stage. */
  update(done: number, total: number): void;
  /** The last stage ended. */
  done(): void;
}

/** Quarters of counted work written as lines when no bar can be drawn: enough to show life, few enough for a log. */
const LOG_STEPS = 4;

/**
 * Progress on stderr in every environment: on a terminal one redrawn bar
 * line per stage, elsewhere one line per stage and a line per quarter of
 * its counted work, so a 100k-member run is never minutes of silence.
 */
export function progress(stream: StatusStream | undefined): Progress {
  if (!stream) return { stage() {}, update() {}, done() {} };
  const live = stream.isTTY === true;
  let label = '';
  let lastPct = -1;
  let lastStep = -1;
  let open = false;
  const endLine = () => {
    if (open) stream.write('\n');
    open = false;
  };
  return {
    stage(next, detail) {
      endLine();
      label = next;
      lastPct = -1;
      lastStep = -1;
      stream.write(`${live ? '' : '[fenceng] '}${next}${detail ? `：${detail}` : ''}\n`);
    },
    update(done, total) {
      if (total <= 0) return;
      const pct = Math.min(100, Math.floor((done / total) * 100));
      if (live) {
        if (pct === lastPct) return;
        lastPct = pct;
        const width = 30;
        const filled = Math.round((pct / 100) * width);
        stream.write(`\r${label} [${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${String(pct).padStart(3)}% ${count(done)}/${count(total)}`);
        open = true;
        return;
      }
      const step = Math.floor((done / total) * LOG_STEPS);
      if (step === lastStep || (step === 0 && done < total)) return;
      lastStep = step;
      stream.write(`[fenceng] ${label} ${count(done)}/${count(total)} (${pct}%)\n`);
    },
    done: endLine,
  };
}
