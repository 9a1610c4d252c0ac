// Why did node-serial cost more per number at 300 000 numbers than at 100 000,
// and does its fix cost the same at both? Each configuration runs in its own
// fresh process (no heap or JIT state shared), reads a number file as a trial
// does, and reports the CPU of the work alone (process.cpuUsage around it, all
// threads: V8's GC helpers included; `main` is the main thread alone, from
// /proc/thread-self/schedstat), in µs per number, with V8's GC counts and pauses.
//
//   node --import tsx experiments/factorizer/serial-cost.bench.ts [--runs 5] [--attempts 6]
//        [--variants old,new] [--sets reader-x10,reader-x30] [--trace]
//
// A set may be `name:count` (the first count numbers of that set). Every child
// also reports, through V8's %GetOptimizationStatus (--allow-natives-syntax,
// which changes nothing else), whether factorizeNaive still had its optimized
// code at the end ("deoptimized" counts the runs that lost it), and the summary
// splits a configuration's CPU by that. --trace runs each child with V8's
// --trace-deopt, --trace-osr and --trace-pretenuring and counts, per process,
// factorizeNaive's deopts, whether its allocation site was pretenured, and how
// many calls entered factorizeNaive's OSR code; that output slows the traced
// processes, so take CPU figures from runs without it.
//
// What it found (Node 20.20.2, V8 11.3): with every result kept, the `[]` in
// factorizeNaive sees its arrays survive; at a GC after the young generation has
// grown to full size (only the larger sets get there), V8 may pretenure that
// allocation site and deoptimize factorizeNaive's optimized code, which depended
// on it. The OSR code compiled for its loop is not deoptimized, and in some runs
// every later call starts unoptimized and jumps into the OSR code at the loop
// (275 000–285 000 OSR entries in 300 000 calls) without V8 compiling the
// function again: 15–25 % more CPU per number. Whether it happens depends on GC
// timing, so runs of one configuration are bimodal. It was never seen at 100 000
// numbers, nor with each small batch's result cloned back (node-serial now);
// keeping plain batch results, bigger batches, or results kept off the heap
// until the end still let it happen.
//
// The host is shared and noisy: a run during which other processes (or steal
// time) took more than a quarter of a core, or whose speed probe ran 1.3× slower
// than the fastest probe seen, is discarded and rerun (up to --attempts times;
// the least disturbed is kept), as the runner does with trials. Configurations
// are rotated between rounds.
//
// Inputs are generated as numberSets() does with the full profile's parameters,
// into a temporary directory (never into data/).

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PerformanceObserver, constants } from 'node:perf_hooks';
import v8 from 'node:v8';
import { readHostCpu } from '../../lib/measure/proc.ts';
import { speedProbeMs } from '../../lib/measure/speed-probe.ts';
import experiment, { dynamicBatches, factorizeInSequence, numberSets, readNumbers, serialBatches } from './experiment.ts';
import { factorizeBatch, factorizeNaive } from './tasks.ts';

interface Variant {
  description: string;
  /** Extra node flags for the child. */
  flags?: string[];
  /** Where the numbers come from: the set's file, read and parsed as a trial does (default), or generated in the process. */
  input?: 'file' | 'generate';
  run(nums: number[]): unknown;
}

const fullParams = experiment.profiles.full.params;
const perWorker = Number(fullParams.batches_per_worker);
/** Each batch's result kept as the bytes a worker would post (off the JS heap), all deserialized at the end. */
const serializedInSequence = (batches: number[][]) => batches.map((b) => v8.serialize(factorizeBatch(b))).flatMap((buf) => v8.deserialize(buf) as number[][]);

const variants: Record<string, Variant> = {
  old: {
    description: 'the old node-serial: factorizeBatch(nums), one map over the whole list, every result kept',
    run: (nums) => factorizeBatch(nums),
  },
  new: {
    description: 'the new node-serial: factorizeInSequence(serialBatches(nums)), a two-worker pool’s batches, each result structured-cloned back as a worker’s is',
    run: (nums) => factorizeInSequence(serialBatches(nums, fullParams)),
  },
  batches: {
    description: 'factorizeBatch over the same batches, one after another, results kept as built and concatenated (no clone)',
    run: (nums) => serialBatches(nums, fullParams).flatMap((b) => factorizeBatch(b)),
  },
  'new-w1': {
    description: 'the new loop over a one-worker pool’s batches (16, twice the size)',
    run: (nums) => factorizeInSequence(dynamicBatches(nums, 1, perWorker)),
  },
  serialized: {
    description: 'the same batches, each result serialized (v8.serialize, off the JS heap) as a worker posts it, all deserialized at the end',
    run: (nums) => serializedInSequence(serialBatches(nums, fullParams)),
  },
  dropped: {
    description: 'one loop over the whole list, each number’s factors dropped at once (nothing kept alive)',
    run: (nums) => {
      let count = 0;
      for (const n of nums) count += factorizeNaive(n).length;
      return count;
    },
  },
  'old-generated': {
    description: 'the old loop on numbers generated in the process instead of read and parsed from the file',
    input: 'generate',
    run: (nums) => factorizeBatch(nums),
  },
  'old-nopretenure': {
    description: 'the old loop with V8’s allocation-site pretenuring off (--no-allocation-site-pretenuring)',
    flags: ['--no-allocation-site-pretenuring'],
    run: (nums) => factorizeBatch(nums),
  },
};

const RESULT = 'SERIAL_COST_RESULT ';

// ---- child: one configuration, one fresh process ---------------------------------

/** This thread's time on a CPU and waiting for one, in ns (the kernel's schedstat): the main thread alone, without V8's GC helper threads. */
function mainThreadNs(): { run: number; wait: number } {
  const [run, wait] = readFileSync('/proc/thread-self/schedstat', 'latin1').trim().split(/\s+/).map(Number);
  return { run: run!, wait: wait! };
}

function child(): void {
  const { variant: name, set, file, count } = JSON.parse(process.env.SERIAL_COST_SPEC!) as { variant: string; set: string; file: string; count: number };
  const variant = variants[name]!;
  const read = variant.input === 'generate' ? numberSets(fullParams).find((s) => s.name === set)!.generate() : readNumbers(file);
  const nums = read.length > count ? read.slice(0, count) : read;
  const gc = { minor: 0, major: 0, minor_ms: 0, major_ms: 0 };
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      const kind = (e as { detail?: { kind?: number } }).detail?.kind;
      if (kind === constants.NODE_PERFORMANCE_GC_MAJOR) {
        gc.major++;
        gc.major_ms += e.duration;
      } else if (kind === constants.NODE_PERFORMANCE_GC_MINOR) {
        gc.minor++;
        gc.minor_ms += e.duration;
      }
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  const probe_before_ms = speedProbeMs();
  const main0 = mainThreadNs();
  const heap0 = v8.getHeapStatistics().used_heap_size;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const out = variant.run(nums);
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const main1 = mainThreadNs();
  const heap1 = v8.getHeapStatistics().used_heap_size;
  const probe_after_ms = speedProbeMs();
  // Is factorizeNaive's regular optimized code still in place? (V8's status bit 64: TurboFan code.)
  // Read through --allow-natives-syntax, which changes nothing else.
  const status = new Function('f', 'return %GetOptimizationStatus(f)') as (f: unknown) => number;
  const optimized = (status(factorizeNaive) & 64) !== 0 ? 1 : 0;
  // GC entries arrive asynchronously: let them land before reporting.
  setTimeout(() => {
    observer.disconnect();
    const total = process.cpuUsage();
    // V8's --trace-* output goes to stdout too: the result is the line after this marker.
    process.stdout.write(
      '\n' +
        RESULT +
        JSON.stringify({
          cpu_us_per_number: (cpu.user + cpu.system) / nums.length,
          main_cpu_us_per_number: (main1.run - main0.run) / 1000 / nums.length,
          main_wait_us_per_number: (main1.wait - main0.wait) / 1000 / nums.length,
          wall_us_per_number: (wall * 1000) / nums.length,
          heap_growth_mb: (heap1 - heap0) / 2 ** 20,
          ...gc,
          probe_ms: Math.max(probe_before_ms, probe_after_ms),
          process_cpu_ms: (total.user + total.system) / 1000,
          kept: Array.isArray(out) ? out.length : 0,
          optimized,
        }) +
        '\n',
    );
  }, 50);
}

// ---- parent: spawn every configuration, rotated, and take medians ---------------------

/** V8 tracing for --trace: pretenuring decisions, deopts, and every on-stack-replacement entry. */
const traceFlags = ['--trace-deopt', '--trace-osr', '--trace-pretenuring', '--trace-pretenuring-statistics'];

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

type Result = Record<string, number>;

function parent(): void {
  const runs = Number(arg('runs', '5'));
  const attempts = Number(arg('attempts', '6'));
  const trace = process.argv.includes('--trace');
  const names = arg('variants', 'old,new').split(',');
  const sets = arg('sets', 'reader-x10,reader-x30').split(',');
  const dir = mkdtempSync(path.join(tmpdir(), 'serial-cost-'));
  try {
    const files = new Map<string, { file: string; size: number }>();
    for (const set of numberSets(fullParams)) {
      if (!sets.some((s) => s.split(':')[0] === set.name)) continue;
      const file = path.join(dir, `numbers-${set.name}.txt`);
      writeFileSync(file, set.generate().join('\n') + '\n');
      files.set(set.name, { file, size: set.numbers });
    }
    const configs = names.flatMap((variant) =>
      sets.map((s) => {
        const [set, count] = s.split(':');
        const input = files.get(set!);
        if (!input) throw new Error(`no number set ${set} in the full profile`);
        if (!variants[variant]) throw new Error(`no variant ${variant} (have ${Object.keys(variants).join(', ')})`);
        return { key: `${variant} ${s}`, variant, set: set!, file: input.file, count: count ? Number(count) : input.size };
      }),
    );
    const self = fileURLToPath(import.meta.url);
    let fastestProbe = Infinity;
    const once = (c: (typeof configs)[number]): { result: Result; other_cores: number } => {
      const host0 = readHostCpu();
      const t0 = performance.now();
      const p = spawnSync(process.execPath, [...(trace ? traceFlags : []), ...(variants[c.variant]!.flags ?? []), '--allow-natives-syntax', '--import', 'tsx', self, '--child'], {
        env: { ...process.env, SERIAL_COST_SPEC: JSON.stringify(c) },
        encoding: 'utf8',
        maxBuffer: 1 << 28,
      });
      const wall = performance.now() - t0;
      const host1 = readHostCpu();
      if (p.status !== 0) throw new Error(`${c.key} failed:\n${p.stderr}`);
      const line = p.stdout.split('\n').find((l) => l.startsWith(RESULT));
      if (!line) throw new Error(`${c.key}: no result line in its output`);
      const result = JSON.parse(line.slice(RESULT.length)) as Result;
      result.deopts = (p.stdout.match(/marking dependent code .*factorizeNaive/g) ?? []).length;
      result.tenured = / => tenure\b/.test(p.stdout) ? 1 : 0;
      result.osr_entries = (p.stdout.match(/OSR - entry\. function: factorizeNaive/g) ?? []).length;
      // CPU the host spent outside this child (and this loop), in cores, averaged over the child's life.
      const other = Math.max(0, host1.busy_ms - host0.busy_ms - result.process_cpu_ms!) + (host1.steal_ms - host0.steal_ms);
      return { result, other_cores: other / wall };
    };
    const results = new Map<string, Result[]>(configs.map((c) => [c.key, []]));
    let discarded = 0;
    for (let r = 0; r < runs; r++) {
      // Rotate the order each round, so a slow spell of the host does not land on one configuration.
      for (let i = 0; i < configs.length; i++) {
        const c = configs[(i + r) % configs.length]!;
        let best: { result: Result; other_cores: number } | null = null;
        for (let a = 1; a <= attempts; a++) {
          const run = once(c);
          fastestProbe = Math.min(fastestProbe, run.result.probe_ms!);
          const disturbed = run.other_cores > 0.25 || run.result.probe_ms! > 1.3 * fastestProbe;
          if (!best || run.other_cores < best.other_cores) best = run;
          if (!disturbed) break;
          if (a < attempts) discarded++;
        }
        const { result, other_cores } = best!;
        result.other_cores = other_cores;
        results.get(c.key)!.push(result);
        const note = trace ? `, factorizeNaive deopts ${result.deopts}, pretenured ${result.tenured ? 'yes' : 'no'}, OSR entries ${result.osr_entries}` : '';
        console.error(
          `  ${c.key}: cpu ${result.cpu_us_per_number!.toFixed(2)} µs/n (main thread ${result.main_cpu_us_per_number!.toFixed(2)}), wall ${result.wall_us_per_number!.toFixed(2)}, others ${other_cores.toFixed(2)} cores, ` +
            `minor GCs ${result.minor} (${result.minor_ms!.toFixed(0)} ms), major ${result.major} (${result.major_ms!.toFixed(0)} ms), ` +
            `factorizeNaive ${result.optimized ? 'optimized' : 'NOT optimized'} at the end${note}`,
        );
      }
    }
    console.log(`\nmedian of ${runs} fresh processes each (node ${process.version}; ${discarded} disturbed runs discarded and rerun)`);
    console.log('cpu = user + system of the whole process during the work alone; GC ms are V8 pause times on the main thread');
    console.log(['config'.padEnd(32), 'cpu µs/n', '(min–max)'.padEnd(13), 'main µs/n', 'wall µs/n', 'minor GCs', 'minor ms', 'major GCs', 'major ms', 'heap +MB', 'deoptimized', ...(trace ? ['pretenured', 'OSR-entered'] : [])].join(' '));
    for (const c of configs) {
      const rs = results.get(c.key)!;
      const col = (k: string) => median(rs.map((x) => x[k]!));
      const cpus = rs.map((x) => x.cpu_us_per_number!);
      console.log(
        [
          c.key.padEnd(32),
          col('cpu_us_per_number').toFixed(2).padStart(8),
          `(${Math.min(...cpus).toFixed(2)}–${Math.max(...cpus).toFixed(2)})`.padEnd(13),
          col('main_cpu_us_per_number').toFixed(2).padStart(9),
          col('wall_us_per_number').toFixed(2).padStart(9),
          String(col('minor')).padStart(9),
          col('minor_ms').toFixed(0).padStart(8),
          String(col('major')).padStart(9),
          col('major_ms').toFixed(0).padStart(8),
          col('heap_growth_mb').toFixed(1).padStart(8),
          // Runs that ended with factorizeNaive's optimized code gone.
          `${rs.filter((x) => !x.optimized).length}/${rs.length}`.padStart(11),
          // Runs in which most calls entered factorizeNaive through its OSR code (over a tenth of the calls).
          ...(trace ? [`${rs.filter((x) => x.tenured).length}/${rs.length}`.padStart(10), `${rs.filter((x) => x.osr_entries! > c.count / 10).length}/${rs.length}`.padStart(11)] : []),
        ].join(' '),
      );
    }
    for (const c of configs) {
      const rs = results.get(c.key)!;
      const lost = rs.filter((x) => !x.optimized);
      if (lost.length === 0 || lost.length === rs.length) continue;
      const kept = rs.filter((x) => x.optimized);
      const cpu = (xs: Result[]) => median(xs.map((x) => x.cpu_us_per_number!)).toFixed(2);
      console.log(`${c.key}: cpu µs/n ${cpu(kept)} in the ${kept.length} runs that kept factorizeNaive optimized, ${cpu(lost)} in the ${lost.length} that lost it`);
    }
    console.log('deoptimized: runs that ended with factorizeNaive’s optimized code gone (V8’s %GetOptimizationStatus)');
    for (const name of names) console.log(`  ${name}: ${variants[name]!.description}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv.includes('--child')) child();
else parent();
