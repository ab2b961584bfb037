/**
 * A one-line progress bar on stderr, drawn only on a terminal so that
 * piped output and CI logs stay clean.
 */
export function progressBar(label: string, stream: NodeJS.WriteStream = process.stderr): { update(done: number, total: number): void; done(): void } {
  const live = stream.isTTY === true;
  let last = -1;
  return {
    update(done, total) {
      if (!live || total === 0) return;
      const pct = Math.floor((done / total) * 100);
      if (pct === last) return;
      last = pct;
      const width = 30;
      const filled = Math.round((pct / 100) * width);
      stream.write(`\r${label} [${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${String(pct).padStart(3)}% ${done}/${total}`);
    },
    done() {
      if (live && last >= 0) stream.write('\n');
    },
  };
}
