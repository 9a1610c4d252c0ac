// Measures the harness's own cost, for the numbers quoted in notes:
//   npm run bench:harness
// 1. wall_ms of a trial that does no work (5 repetitions through the real runner);
// 2. the sampler's CPU while it samples a live process tree every 10 ms, counted
//    for the whole sampling process (timer wake-ups included), not just the reads;
// 3. the speed probe in a fresh process and after a heavy allocating task, against
//    its warm reading (the runner calls a trial slow at 1.3×: JIT tiers must not).

import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readExperimentData } from '../data/experiment-data.ts';
import { loadExperiment } from '../experiment/load.ts';
import { resolvePaths, ROOT } from '../paths.ts';
import { runExperiment } from '../run/runner.ts';
import { startSampler } from '../measure/sampler.ts';
import { summarize } from '../stats/summarize.ts';

// Fresh process: how the probe reads before V8 has optimised it, and right after a task that filled the heap.
const PROBE_SCRIPT = `
import { speedProbeMs } from './lib/measure/speed-probe.ts';
const before = speedProbeMs();
const a = []; for (let i = 0; i < 20_000_000; i++) a.push(i);
let s = 0; for (const v of a) s += v;
const after = speedProbeMs();
const warm = Math.min(speedProbeMs(), speedProbeMs(), speedProbeMs());
console.log(JSON.stringify({ before, after, warm, s }));
`;

const tmp = mkdtempSync(path.join(os.tmpdir(), 'harness-'));
const paths = resolvePaths({ experimentsDir: path.join(import.meta.dirname, 'fixtures', 'experiments'), dataDir: tmp, inputsDir: path.join(tmp, 'inputs') });
try {
  await runExperiment({ paths, experimentId: 'cpu-burn', profile: 'smoke', strategies: ['empty'], overrides: { repetitions: '9' }, maxAttempts: 1 });
  const { rows } = readExperimentData(paths, await loadExperiment(paths.experimentsDir, 'cpu-burn'));
  const wall = summarize(rows.filter((r) => r.warmup === 0).map((r) => r.wall_ms!));
  console.log(`empty trial: wall_ms median ${wall.median.toFixed(3)}, max ${wall.max.toFixed(3)} (n = ${wall.n})`);

  // A tree like a pool's: a node process with 4 worker threads and 2 children.
  const script = `const {Worker}=require('worker_threads');const cp=require('child_process');
for(let i=0;i<4;i++)new Worker('setInterval(()=>{},1000)',{eval:true});
for(let i=0;i<2;i++)cp.spawn('sleep',['30']);setInterval(()=>{},1000);`;
  const child = spawn(process.execPath, ['-e', script], { stdio: 'ignore', detached: true });
  await new Promise((r) => setTimeout(r, 1000));
  const windowMs = 5000;
  const share = async (run: () => () => number) => {
    const c0 = process.cpuUsage();
    const stop = run();
    await new Promise((r) => setTimeout(r, windowMs));
    const count = stop();
    const c = process.cpuUsage(c0);
    return { percent: ((c.user + c.system) / 1000 / windowMs) * 100, count };
  };
  for (const intervalMs of [20, 10, 20, 10]) {
    const idle = await share(() => {
      const timer = setInterval(() => {}, intervalMs);
      return () => (clearInterval(timer), 0);
    });
    const sampling = await share(() => {
      const sampler = startSampler(child.pid!, { intervalMs });
      return () => sampler.stop().length;
    });
    console.log(`sampler, ${intervalMs} ms interval, ${sampling.count} samples in ${windowMs / 1000} s: ` +
      `${sampling.percent.toFixed(2)} % of a core for the whole sampling process (an empty timer alone: ${idle.percent.toFixed(2)} %)`);
  }
  process.kill(-child.pid!, 'SIGKILL');

  const ratios: number[] = [];
  for (let i = 0; i < 5; i++) {
    const out = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', PROBE_SCRIPT], { cwd: ROOT, encoding: 'utf8' });
    const { before, after, warm } = JSON.parse(out.stdout) as { before: number; after: number; warm: number };
    ratios.push(Math.max(before, after) / warm);
  }
  console.log(`speed probe, fresh process or after a heavy task ÷ warm, 5 processes: ${ratios.map((r) => r.toFixed(2)).join(', ')} (best ${Math.min(...ratios).toFixed(2)}; the runner's slow mark is 1.3)`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
