import { afterEach, describe, expect, it, vi } from 'vitest';
import { decimate, startSampler, summarizeSamples, type Sample } from './sampler.ts';

const s = (t_ms: number, rss_bytes: number): Sample => ({ t_ms, rss_bytes });

describe('summarizeSamples', () => {
  const samples = [s(0, 100), s(10, 200), s(30, 400), s(40, 100)];

  it('summarizeSamples(samples) weights each sample by the time until the next', () => {
    // (100·10 + 200·20 + 400·10) / 40
    expect(summarizeSamples(samples)).toEqual({ peak: 400, mean: 225, count: 4 });
  });

  it('summarizeSamples(samples) does not let a burst of close samples outweigh a long steady spell', () => {
    const burst = [s(0, 1000), s(1, 1000), s(2, 1000), s(3, 1000), s(4, 0), s(100, 0)];
    // 4 ms at 1000 and 96 ms at 0: a plain average of the samples would say 666.
    expect(summarizeSamples(burst).mean).toBe(40);
  });

  it('summarizeSamples(samples, from, to) uses only the samples inside the window, ends included', () => {
    expect(summarizeSamples(samples, 10, 30)).toEqual({ peak: 400, mean: 200, count: 2 });
    expect(summarizeSamples(samples, 5, 35)).toEqual({ peak: 400, mean: 200, count: 2 });
    expect(summarizeSamples(samples, 30, Infinity)).toEqual({ peak: 400, mean: 400, count: 2 });
  });

  it('summarizeSamples(samples, from, to) with one sample in the window gives that sample', () => {
    expect(summarizeSamples(samples, 9, 11)).toEqual({ peak: 200, mean: 200, count: 1 });
  });

  it('summarizeSamples(samples, from, to) with no sample in the window gives nulls', () => {
    expect(summarizeSamples(samples, 11, 29)).toEqual({ peak: null, mean: null, count: 0 });
    expect(summarizeSamples([])).toEqual({ peak: null, mean: null, count: 0 });
  });

  it('summarizeSamples(samples) averages samples taken at the same instant plainly', () => {
    expect(summarizeSamples([s(5, 100), s(5, 300)])).toEqual({ peak: 300, mean: 200, count: 2 });
  });
});

describe('decimate', () => {
  const ramp = (n: number) => Array.from({ length: n }, (_, i) => s(i * 10, 1000 + (i % 7)));

  it('decimate(samples, max) returns short timelines unchanged', () => {
    const samples = ramp(5);
    expect(decimate(samples, 5)).toEqual(samples);
    expect(decimate(samples, 400)).toEqual(samples);
  });

  it('decimate(samples, max) keeps at most max samples, in time order', () => {
    const out = decimate(ramp(1000), 37);
    expect(out).toHaveLength(37);
    expect(out.map((x) => x.t_ms)).toEqual([...out.map((x) => x.t_ms)].sort((a, b) => a - b));
  });

  it('decimate(samples, max) keeps the peak, with its time', () => {
    const samples = ramp(1000);
    samples[537] = s(5370, 9999);
    const out = decimate(samples, 10);
    expect(out).toHaveLength(10);
    expect(out).toContainEqual(s(5370, 9999));
    expect(Math.max(...out.map((x) => x.rss_bytes))).toBe(9999);
  });

  it('decimate(samples, max) keeps the largest sample of each bucket', () => {
    const samples = [s(0, 1), s(1, 5), s(2, 3), s(3, 2), s(4, 8), s(5, 1)];
    expect(decimate(samples, 3)).toEqual([s(1, 5), s(2, 3), s(4, 8)]);
  });
});

describe('startSampler', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('startSampler(pid, { read, now }) samples at once and then on every interval, with times from its start', () => {
    vi.useFakeTimers();
    let clock = 1000;
    const reads: number[] = [];
    const sampler = startSampler(4242, {
      intervalMs: 10,
      now: () => clock,
      read: (pid) => {
        reads.push(pid);
        return 100 * reads.length;
      },
    });
    for (let i = 0; i < 3; i++) {
      clock += 10;
      vi.advanceTimersByTime(10);
    }
    expect(sampler.stop()).toEqual([s(0, 100), s(10, 200), s(20, 300), s(30, 400)]);
    expect(reads).toEqual([4242, 4242, 4242, 4242]);
  });

  it('startSampler(pid, { read }) skips the ticks where the process cannot be read', () => {
    vi.useFakeTimers();
    let clock = 0;
    const values = [100, null, 300];
    const sampler = startSampler(1, { intervalMs: 5, now: () => clock, read: () => values.shift() ?? null });
    clock = 5;
    vi.advanceTimersByTime(5);
    clock = 10;
    vi.advanceTimersByTime(5);
    expect(sampler.stop()).toEqual([s(0, 100), s(10, 300)]);
  });

  it('sampler.sample() takes one sample between ticks', () => {
    vi.useFakeTimers();
    let clock = 0;
    const sampler = startSampler(1, { intervalMs: 100, now: () => clock, read: () => 7 });
    clock = 3;
    sampler.sample();
    expect(sampler.stop()).toEqual([s(0, 7), s(3, 7)]);
  });

  it('sampler.stop() stops the ticks', () => {
    vi.useFakeTimers();
    let clock = 0;
    const sampler = startSampler(1, { intervalMs: 10, now: () => clock, read: () => 7 });
    const samples = sampler.stop();
    clock = 100;
    vi.advanceTimersByTime(100);
    expect(samples).toEqual([s(0, 7)]);
    expect(sampler.stop()).toEqual([s(0, 7)]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('startSampler(pid) reads the real process tree by default', () => {
    const sampler = startSampler(process.pid, { intervalMs: 1000 });
    const [first] = sampler.stop();
    expect(first!.t_ms).toBeGreaterThanOrEqual(0);
    expect(first!.rss_bytes).toBeGreaterThan(1024 * 1024);
  });

  it('startSampler(pid) of a process that does not exist records no samples', () => {
    const sampler = startSampler(2 ** 22 + 12345, { intervalMs: 1000 });
    expect(sampler.stop()).toEqual([]);
  });
});
