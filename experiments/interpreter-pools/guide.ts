// Interpreter-pools' rows of the decision guide: its five workloads (CPU, the
// article's file IO, file IO that waits on the disk, network IO, memory), each
// with its CPU share (cpu-share.ts) — lib files a row under the kind of work
// that share says it was, so the article's io_heavy, which keeps a core busy,
// reads as CPU work — and the fastest model at the heaviest load both sides ran
// with the run's pool, against running the tasks on one thread. From the clean
// rows. The load is named in each machine's own cell (the phrase), not in the
// row's `work`, since two machines may have run different loads (a Node-only
// scaled load is "med ×30" on one and "low ×60" on another). Where the
// interpreter pool ran but neither won nor was the best alternative named in
// the winner's row, the Python table gets a row of its own: the interpreter
// pool against the thread pool at the same load, so that it shows on every
// workload it was measured.

import type { Row } from '../../lib/data/schema.ts';
import type { ReportInput } from '../../lib/report/doc.ts';
import { plural } from '../../lib/report/format.ts';
import { claimText, entryFrom, idlePerWorker, medianOf, race, scalingOf, type GuideEntry, type RaceResult } from '../../lib/report/guide.ts';
import { buildContext } from './context.ts';
import { KINDS, workloadShare } from './cpu-share.ts';
import { loadLabel } from './labels.ts';
import { BASELINE } from './plan.ts';

const SIDES = {
  node: { baseline: 'node-event-loop', label: 'the event loop alone', candidates: ['node-worker-threads', 'node-child-processes'] },
  python: { baseline: 'python-threads', label: 'the thread pool', candidates: ['python-processes', 'python-interpreters'] },
} as const;

const INTERPRETERS = 'python-interpreters';

/** What a workload's tasks do, in the row's `work`. */
const WHAT: Record<string, string> = {
  io: ' (the article’s io_heavy: 1 MiB strings written into the page cache, read back as one line)',
  disk: ' (1 MiB writes, each durable on the device: O_DIRECT and O_DSYNC)',
};

// The article's comparison: the pool size most loads ran with, at the heaviest load both sides ran.
function heaviest(rows: readonly Row[], workload: string, baseline: string, candidates: readonly string[]) {
  const loadsAt = new Map<number, Set<string>>();
  for (const r of rows) if (r.workload === workload && r.strategy === baseline) loadsAt.set(Number(r.workers), (loadsAt.get(Number(r.workers)) ?? new Set()).add(String(r.load)));
  const ws = [...loadsAt].sort(([wa, a], [wb, b]) => b.size - a.size || wb - wa)[0]?.[0];
  if (ws === undefined) return undefined;
  const n = (load: string) => Number(rows.find((r) => r.workload === workload && r.load === load)?.n);
  for (const load of [...loadsAt.get(ws)!].sort((a, b) => n(b) - n(a))) {
    const won = race({ rows, at: (r) => r.workload === workload && r.load === load && r.workers === ws, baseline, candidates });
    if (won) return { won, load, workers: ws };
  }
  return undefined;
}

export default function guide(input: ReportInput): GuideEntry[] {
  const ctx = buildContext(input);
  const rows = ctx.rows;
  const out: GuideEntry[] = [];
  for (const runtime of ['node', 'python'] as const) {
    const side = SIDES[runtime];
    for (const [workload, { kind, claim }] of Object.entries(KINDS)) {
      const best = heaviest(rows, workload, side.baseline, side.candidates);
      if (!best) continue;
      const { won, load, workers } = best;
      const work = `${plural(workers, `${workload} task`)}${WHAT[workload] ?? ''} on ${plural(workers, 'worker')}, at the heaviest load run`;
      // The CPU share of the row: the runtime's baseline, one task on one worker (cpu-share.ts).
      const shareAt = workloadShare(rows, runtime, workload, null);
      const cpu = shareAt?.share
        ? { rows: rows.filter((r) => r.strategy === BASELINE[runtime] && r.workload === workload && r.load === shareAt.load && r.workers === 1 && r.tasks === 1), where: shareAt.share.where }
        : undefined;
      // One entry per race: the winner's fixed cost and sweep come from its own rows.
      const entryOf = (raced: RaceResult, what: string, who: string): GuideEntry => {
        // The sweep: workers = tasks at the strategy's most-swept load; speed-up = tasks × one task's wall ÷ wall.
        const of = (l: string | undefined) => rows.filter((r) => r.workload === workload && r.load === l && r.strategy === raced.strategy);
        const swept = [...new Set(rows.filter((r) => r.workload === workload && r.strategy === raced.strategy).map((r) => String(r.load)))];
        const sweepLoad = swept.sort((a, b) => new Set(of(b).map((r) => r.workers)).size - new Set(of(a).map((r) => r.workers)).size)[0];
        const sweep = of(sweepLoad);
        // One task on one worker of the same strategy, as the report's corrected speed-up; the runtime's baseline where it is missing.
        const oneOf = (strategy: string) => medianOf(rows.filter((r) => r.workload === workload && r.load === sweepLoad && r.strategy === strategy && r.workers === 1 && r.tasks === 1));
        const own = oneOf(raced.strategy);
        const one = Number.isFinite(own) ? own : oneOf(side.baseline);
        const entry = entryFrom(raced, {
          kind,
          runtime,
          work: what,
          baselineLabel: side.label,
          figure: `throughput-${workload}`,
          ...(cpu ? { cpu } : {}),
          idleBytesPerWorker: idlePerWorker(sweep, 'workers', ctx.sampling),
          scaling: scalingOf(sweep, raced.strategy, (w) => w * one, ctx.cores, 'workers', `${who}, ${workload} tasks, tasks = workers, at the load it swept most`),
          ...(runtime === 'python' ? { article: claimText(input, claim) } : {}),
        });
        return { ...entry, phrase: `${entry.phrase}, at load ${loadLabel(load)}` };
      };
      out.push(entryOf(won, work, 'each machine’s winner'));
      if (runtime !== 'python' || won.strategy === INTERPRETERS) continue;
      const interpreters = race({ rows, at: (r) => r.workload === workload && r.load === load && r.workers === workers, baseline: side.baseline, candidates: [INTERPRETERS] });
      if (interpreters) out.push(entryOf(interpreters, `${work}: the interpreter pool against the thread pool`, 'the interpreter pool or the thread pool, whichever won'));
    }
  }
  return out;
}
