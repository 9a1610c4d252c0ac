// Progress of a long run, on stderr: a live bar on a terminal, plain lines
// (one every few seconds and one per failure) in CI logs and pipes.

import cliProgress from 'cli-progress';

export interface Progress {
  start(total: number, title: string): void;
  /** One trial finished. */
  tick(label: string): void;
  /** A line that must be seen (a failure, a skipped peer). */
  log(line: string): void;
  stop(): void;
}

export interface ProgressOptions {
  stream?: NodeJS.WriteStream;
  /** Plain-line mode: at most one line per this many ms. */
  lineEveryMs?: number;
  now?: () => number;
}

export function createProgress(options: ProgressOptions = {}): Progress {
  const stream = options.stream ?? process.stderr;
  return stream.isTTY ? barProgress(stream) : lineProgress({ stream, lineEveryMs: options.lineEveryMs ?? 5000, now: options.now ?? Date.now });
}

function barProgress(stream: NodeJS.WriteStream): Progress {
  const bar = new cliProgress.SingleBar(
    { stream, format: '{title} |{bar}| {value}/{total} trials · eta {eta_formatted} · {label}', hideCursor: true, clearOnComplete: false },
    cliProgress.Presets.shades_classic,
  );
  let title = '';
  return {
    start(total, t) {
      title = t;
      bar.start(total, 0, { title, label: '' });
    },
    tick(label) {
      bar.increment(1, { title, label });
    },
    log(line) {
      // Print above the bar without tearing it.
      stream.write(`\r\x1b[2K${line}\n`);
      bar.render?.();
    },
    stop() {
      bar.stop();
    },
  };
}

function lineProgress({ stream, lineEveryMs, now }: { stream: NodeJS.WritableStream; lineEveryMs: number; now: () => number }): Progress {
  let total = 0;
  let done = 0;
  let title = '';
  let last = -Infinity;
  let t0 = 0;
  const line = (label: string) => {
    const elapsed = (now() - t0) / 1000;
    const eta = done > 0 ? (elapsed / done) * (total - done) : NaN;
    stream.write(`${title}: ${done}/${total} trials, ${elapsed.toFixed(0)} s${Number.isFinite(eta) ? `, ~${eta.toFixed(0)} s left` : ''} (${label})\n`);
  };
  return {
    start(n, t) {
      // A later start (calibration's added rounds) counts afresh, as the bar does.
      total = n;
      done = 0;
      last = -Infinity;
      title = t;
      t0 = now();
      stream.write(`${title}: ${total} trials\n`);
    },
    tick(label) {
      done += 1;
      if (done === total || now() - last >= lineEveryMs) {
        last = now();
        line(label);
      }
    },
    log(l) {
      stream.write(`${l}\n`);
    },
    stop() {},
  };
}

/** Progress that prints nothing (tests, library use). */
export const silentProgress: Progress = { start() {}, tick() {}, log() {}, stop() {} };
