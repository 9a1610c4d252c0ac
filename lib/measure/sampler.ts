// Samples the RSS of a process tree from outside on a fixed interval, so the
// measured process runs no measuring code of its own.

import { TreeRssReader } from './tree-reader.ts';

export interface SamplerOptions {
  intervalMs?: number;
  /** Clock in ms; injectable for tests. */
  now?: () => number;
  /** Reads the tree's RSS; injectable for tests. */
  read?: (pid: number) => number | null;
}

const defaults = { intervalMs: 20, now: () => performance.now() };

export interface Sample {
  /** ms since the sampler started. */
  t_ms: number;
  rss_bytes: number;
}

export interface Sampler {
  /** Take one sample now (also called on every tick). */
  sample(): void;
  /** Stop and return the samples so far. */
  stop(): Sample[];
}

export function startSampler(pid: number, options: SamplerOptions = {}): Sampler {
  const { intervalMs, now } = { ...defaults, ...options };
  const reader = options.read ? null : new TreeRssReader(pid);
  const read = options.read ?? (() => reader!.read());
  const t0 = now();
  const samples: Sample[] = [];
  // No self-timing here: two cpuUsage() calls per sample would cost more than the read.
  // The runner measures its own CPU across each trial instead (TrialOutcome.runner_cpu_ms).
  const sample = () => {
    const bytes = read(pid);
    if (bytes !== null) samples.push({ t_ms: now() - t0, rss_bytes: bytes });
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    sample,
    stop() {
      clearInterval(timer);
      reader?.close();
      return samples;
    },
  };
}

/** Peak and time-weighted mean of the samples within [from, to] ms. */
export function summarizeSamples(samples: Sample[], from = -Infinity, to = Infinity): { peak: number | null; mean: number | null; count: number } {
  const inside = samples.filter((s) => s.t_ms >= from && s.t_ms <= to);
  if (inside.length === 0) return { peak: null, mean: null, count: 0 };
  let peak = 0;
  let weighted = 0;
  let span = 0;
  for (let i = 0; i < inside.length; i++) {
    const s = inside[i]!;
    peak = Math.max(peak, s.rss_bytes);
    const next = inside[i + 1];
    const dt = next ? next.t_ms - s.t_ms : 0;
    weighted += s.rss_bytes * dt;
    span += dt;
  }
  const mean = span > 0 ? weighted / span : inside.reduce((a, s) => a + s.rss_bytes, 0) / inside.length;
  return { peak, mean, count: inside.length };
}

/**
 * Thin a timeline to at most `max` points for storage, keeping each bucket's
 * maximum so the peak survives.
 */
export function decimate(samples: Sample[], max: number): Sample[] {
  if (samples.length <= max) return samples;
  const out: Sample[] = [];
  const size = samples.length / max;
  for (let b = 0; b < max; b++) {
    const bucket = samples.slice(Math.floor(b * size), Math.floor((b + 1) * size));
    if (bucket.length === 0) continue;
    out.push(bucket.reduce((m, s) => (s.rss_bytes > m.rss_bytes ? s : m)));
  }
  return out;
}
