/** A progress bar on stderr, shown only when stderr is a TTY (quiet when piped). */
export interface Progress {
  update(done: number, total: number): void;
  done(): void;
}

export function createProgress(enabled: boolean, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!enabled || !stream.isTTY) return { update() {}, done() {} };
  let last = 0;
  let drawn = false;
  return {
    update(done, total) {
      const now = Date.now();
      if (now - last < 80 && done < total) return;
      last = now;
      const width = Math.max(10, Math.min(40, (stream.columns ?? 80) - 30));
      const filled = total ? Math.round((done / total) * width) : width;
      stream.write(`\r  [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} files`);
      drawn = true;
    },
    done() {
      if (drawn) stream.write('\r\x1b[K');
    },
  };
}
