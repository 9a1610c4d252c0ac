// Where io_heavy's CPU goes, from the io_steps side table (io-steps.ts,
// workloads.py io_steps): each step's CPU with its 95 % interval over the
// rounds, its share of the steps' CPU, how many cores it kept busy, and the
// whole task beside them; and the sentence that leads the report's file-work
// section, from these rows and the workload's CPU share (cpu-share.ts).

import type { Table } from '../../lib/report/doc.ts';
import { columns } from '../../lib/report/columns.ts';
import { count } from '../../lib/report/format.ts';
import { geoMeanInterval, type Interval } from '../../lib/stats/interval.ts';
import { estimate } from '../../lib/verdicts/wording.ts';
import type { Context } from './context.ts';
import { keepsBusy, sharesOf } from './cpu-share.ts';
import { IO_STEPS, type IoStep, type IoStepRow } from './io-steps.ts';

/** What each step does, per runtime, in the table. */
const WHAT: Record<IoStep, { node: string; python: string }> = {
  encode: { node: 'each MiB string to UTF-8 bytes (`Buffer.from`, what `handle.write(string)` does first)', python: 'each MiB str to bytes (`data.encode()`)' },
  write: { node: 'the bytes into the file, a MiB a write (`FileHandle.write`, through libuv’s pool): copies into the page cache', python: 'the bytes into the file (`f.write`): copies into the page cache' },
  read: { node: 'the file back in 64 KiB chunks (`createReadStream`): copies out of the page cache', python: 'the file back 8 KiB at a time, as the text layer reads it: copies out of the page cache' },
  decode: { node: 'each chunk from UTF-8 to a string (`StringDecoder`, as the stream’s encoding does)', python: 'each chunk from UTF-8 to str (the incremental decoder the text layer uses)' },
  join: { node: 'find the line break in each piece and join the pieces of the one line (`readline`): a copy of the whole text', python: 'find the line break in each piece and join the pieces of the one line: a copy of the whole text' },
  task: { node: 'the whole io_heavy task as written, for comparison', python: 'the whole io_heavy task as written, for comparison' },
};

const READ_SIDE: readonly IoStep[] = ['read', 'decode', 'join'];
const cpuOf = (r: IoStepRow) => Number(r.user_ms) + Number(r.sys_ms);
const RUNTIMES = ['node', 'python'] as const;

export interface StepStats {
  step: IoStep;
  cpu: Interval;
  /** Of the steps' summed CPU, per round (none for 'task'). */
  share: Interval | null;
  busy: Interval;
  system: number;
}

/** Per runtime: each step's statistics over the rounds, and the MiB of the task; undefined where the runtime has no rows. */
export function stepStats(rows: readonly IoStepRow[], runtime: 'node' | 'python'): { mb: number; rounds: number; steps: StepStats[] } | undefined {
  const own = rows.filter((r) => r.runtime === runtime);
  if (own.length === 0) return undefined;
  const rounds = [...new Set(own.map((r) => Number(r.round)))];
  const totals = new Map(rounds.map((k) => [k, own.filter((r) => Number(r.round) === k && r.step !== 'task').reduce((s, r) => s + cpuOf(r), 0)]));
  const steps = IO_STEPS.flatMap((step) => {
    const of = own.filter((r) => r.step === step);
    if (of.length === 0) return [];
    const cpu = of.reduce((s, r) => s + cpuOf(r), 0);
    return [{
      step,
      cpu: geoMeanInterval(of.map(cpuOf)),
      share: step === 'task' ? null : geoMeanInterval(of.map((r) => cpuOf(r) / totals.get(Number(r.round))!)),
      busy: geoMeanInterval(of.map((r) => cpuOf(r) / Number(r.wall_ms))),
      system: cpu > 0 ? of.reduce((s, r) => s + Number(r.sys_ms), 0) / cpu : NaN,
    }];
  });
  return { mb: Number(own[0]!.mb), rounds: rounds.length, steps };
}

/** The share of the steps' CPU that `steps` take together (the read side: read + decode + join), per round, with its interval. */
function sideShare(rows: readonly IoStepRow[], runtime: 'node' | 'python', steps: readonly IoStep[] = READ_SIDE): Interval {
  const own = rows.filter((r) => r.runtime === runtime && r.step !== 'task');
  const rounds = [...new Set(own.map((r) => Number(r.round)))];
  return geoMeanInterval(rounds.map((k) => {
    const of = own.filter((r) => Number(r.round) === k);
    const total = of.reduce((s, r) => s + cpuOf(r), 0);
    return of.filter((r) => steps.includes(r.step)).reduce((s, r) => s + cpuOf(r), 0) / total;
  }));
}

const MS = { digits: 1, suffix: ' ms' } as const;
const CORES = { digits: 2 } as const;
const label = (runtime: 'node' | 'python') => (runtime === 'node' ? 'Node' : 'Python');

export function ioStepsTable(ctx: Context): Table | undefined {
  const rows = RUNTIMES.flatMap((runtime) => {
    const stats = stepStats(ctx.ioSteps.rows, runtime);
    return stats
      ? stats.steps.map((s) => ({
          runtime: label(runtime),
          step: s.step === 'task' ? 'whole task' : s.step,
          what: WHAT[s.step][runtime],
          cpu: estimate(s.cpu, MS),
          share: s.share ? estimate(s.share, 'percent') : '–',
          busy: estimate(s.busy, CORES),
          system: Number.isFinite(s.system) ? `${Math.round(s.system * 100)} %` : '–',
        }))
      : [];
  });
  if (rows.length === 0) return undefined;
  const some = RUNTIMES.map((r) => stepStats(ctx.ioSteps.rows, r)).find(Boolean)!;
  return {
    id: 'io-steps',
    title: `Where io_heavy’s CPU goes: one task of ${count(some.mb)} MiB, step by step`,
    caption: `The \`io_steps\` side table: one io task cut into the steps it does in one go, each run on its own on the API the task uses, then the whole task as written; ${some.rounds} rounds, each on a fresh file in the OS temp dir (CPython 3.14 and Node, one task, no pool). CPU: user + system time of the process during the step, geometric mean of the rounds with its 95 % interval. Share: the step’s part of the steps’ summed CPU, per round. Cores busy: CPU ÷ wall during the step. System: the kernel’s part of the step’s CPU (copies into and out of the page cache, page faults). Each step holds its whole output for the next where the task streams, so the steps together take more CPU than the task.`,
    columns: columns({ runtime: 'Runtime', step: 'Step', what: 'What it does', cpu: 'CPU >', share: 'Share of the steps’ CPU >', busy: 'Cores busy >', system: 'System >' }),
    rows,
  };
}

const GERUND: Record<IoStep, string> = { encode: 'encoding', write: 'writing', read: 'reading', decode: 'decoding', join: 'joining', task: 'the task' };

/** The sentence that leads the file-work section (one short sentence): what kind of work io_heavy was, and where its CPU goes. */
export function ioFinding(ctx: Context): string | undefined {
  const shares = sharesOf(ctx.rows, 'io', ctx.cores).filter((s) => s.share);
  if (shares.length === 0) return undefined;
  const cpu = shares.every((s) => s.measured === 'cpu-bound');
  const head = `${cpu ? 'The article’s file work is CPU work here, not waiting on a disk' : 'The article’s file work, measured'}: one task ${keepsBusy(shares)}`;
  const where = RUNTIMES.flatMap((runtime) => (stepStats(ctx.ioSteps.rows, runtime) ? [{ runtime, side: estimate(sideShare(ctx.ioSteps.rows, runtime), 'percent') }] : []));
  const steps = where.length ? `; reading it back, decoding it and joining its one line take ${where.map((w, i) => `${w.side}${i === 0 ? ' of its steps’ CPU' : ''} in ${label(w.runtime)}`).join(' and ')}` : '';
  return `${head}${steps}.`;
}

/** Each runtime's largest step and its write side, for the section's text: "the largest step is decoding 64 % (…) in Node and …; encoding and writing take 7 % (…) in Node and …". */
export function topSteps(ctx: Context): string {
  const ran = RUNTIMES.filter((runtime) => stepStats(ctx.ioSteps.rows, runtime));
  if (ran.length === 0) return '';
  const top = ran.map((runtime) => {
    const t = stepStats(ctx.ioSteps.rows, runtime)!.steps.filter((s) => s.share).sort((a, b) => b.share!.value - a.share!.value)[0]!;
    return `${GERUND[t.step]} ${estimate(t.share!, 'percent')} in ${label(runtime)}`;
  });
  const written = ran.map((runtime) => `${estimate(sideShare(ctx.ioSteps.rows, runtime, ['encode', 'write']), 'percent')} in ${label(runtime)}`);
  return ` Timed step by step (the table below), the largest step is ${top.join(' and ')} of the steps’ CPU; encoding and writing into the page cache take ${written.join(' and ')}.`;
}
