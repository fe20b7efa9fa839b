/**
 * A progress bar on stderr when it is a terminal; silent otherwise (pipes, CI, tests), so
 * machine-readable output on stdout stays clean.
 */
export type TProgressBar = {
  update(label: string, fraction: number): void;
  done(): void;
};

const WIDTH = 28;
const REDRAW_MS = 80;

export function progressBar(stream: NodeJS.WriteStream = process.stderr): TProgressBar {
  if (!stream.isTTY) return { update: () => {}, done: () => {} };
  let last = 0;
  let drawn = false;
  const started = Date.now();
  return {
    update(label, fraction) {
      const now = Date.now();
      if (now - last < REDRAW_MS && fraction < 1) return;
      last = now;
      const f = Math.max(0, Math.min(1, fraction));
      const filled = Math.round(f * WIDTH);
      const seconds = ((now - started) / 1000).toFixed(1);
      stream.write(
        `\r${label.padEnd(9)} [${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${String(Math.round(f * 100)).padStart(3)}% ${seconds}s`,
      );
      drawn = true;
    },
    done() {
      if (drawn) stream.write('\r\x1b[2K');
      drawn = false;
    },
  };
}
