// Interpreter-pools' rows of the decision guide: its four workloads (CPU, file
// IO, network IO, memory), the fastest model at the heaviest load both sides ran
// with a pool of 4, against running the tasks on one thread. From the rows.

import type { Row } from '../../lib/data/schema.ts';
import type { ReportInput } from '../../lib/report/doc.ts';
import { count } from '../../lib/report/format.ts';
import { claimText, entryFrom, idlePerWorker, medianOf, race, scalingOf, type GuideEntry, type WorkKind } from '../../lib/report/guide.ts';
import { measuredRows, samplingOf } from '../../lib/report/measured.ts';

const SIDES = {
  node: { baseline: 'node-event-loop', label: 'the event loop alone', candidates: ['node-worker-threads', 'node-child-processes'] },
  python: { baseline: 'python-threads', label: 'the thread pool', candidates: ['python-processes', 'python-interpreters'] },
} as const;

const KINDS: Record<string, { kind: WorkKind; claim: string }> = {
  cpu: { kind: 'pure-js-cpu', claim: 'I4' },
  io: { kind: 'file-io', claim: 'I5' },
  network: { kind: 'network-io', claim: 'I5' },
  memory: { kind: 'memory-heavy', claim: 'I4' },
};

// The article's comparison: the pool size most loads ran with, at the heaviest load both sides ran.
function heaviest(rows: readonly Row[], workload: string, baseline: string, candidates: readonly string[]) {
  const points = rows.filter((r) => r.workload === workload && r.strategy === baseline);
  const loadsAt = new Map<number, Set<unknown>>();
  for (const r of points) loadsAt.set(Number(r.workers), (loadsAt.get(Number(r.workers)) ?? new Set()).add(r.load));
  const ws = [...loadsAt].sort(([wa, a], [wb, b]) => b.size - a.size || wb - wa)[0]?.[0];
  if (ws === undefined) return undefined;
  const n = (load: unknown) => Number(rows.find((r) => r.workload === workload && r.load === load)?.n);
  for (const load of [...loadsAt.get(ws)!].sort((a, b) => n(b) - n(a))) {
    const won = race({ rows, at: (r) => r.workload === workload && r.load === load && r.workers === ws, baseline, candidates });
    if (won) return { won, load: String(load), workers: ws };
  }
  return undefined;
}

export default function guide(input: ReportInput): GuideEntry[] {
  const rows = measuredRows(input.rows, input.machineId);
  const cores = input.meta.runs[input.machineId]?.machine.cores ?? NaN;
  const out: GuideEntry[] = [];
  for (const runtime of ['node', 'python'] as const) {
    const side = SIDES[runtime];
    for (const [workload, { kind, claim }] of Object.entries(KINDS)) {
      const best = heaviest(rows, workload, side.baseline, side.candidates);
      if (!best) continue;
      const { won, load, workers } = best;
      // The sweep: workers = tasks at one load; speed-up = tasks × one task's wall on the baseline ÷ wall.
      const sweepLoad = [...new Set(rows.filter((r) => r.workload === workload && r.strategy === won.strategy).map((r) => r.load))].sort(
        (a, b) => new Set(rows.filter((r) => r.load === b && r.workload === workload && r.strategy === won.strategy).map((r) => r.workers)).size - new Set(rows.filter((r) => r.load === a && r.workload === workload && r.strategy === won.strategy).map((r) => r.workers)).size,
      )[0];
      const sweep = rows.filter((r) => r.workload === workload && r.load === sweepLoad && r.strategy === won.strategy);
      // One task on one worker of the same strategy, as the report's corrected speed-up; the runtime's baseline where it is missing.
      const oneOf = (strategy: string) => medianOf(rows.filter((r) => r.workload === workload && r.load === sweepLoad && r.strategy === strategy && r.workers === 1 && r.tasks === 1));
      const own = oneOf(won.strategy);
      const one = Number.isFinite(own) ? own : oneOf(side.baseline);
      out.push(
        entryFrom(won, {
          kind,
          runtime,
          work: `${count(workers)} ${workload} tasks (load ${load})`,
          baselineLabel: side.label,
          figure: `throughput-${workload}`,
          idleBytesPerWorker: idlePerWorker(sweep, 'workers', samplingOf(input)),
          scaling: scalingOf(sweep, won.strategy, (w) => w * one, cores, 'workers', `${won.strategy}, ${workload} tasks (load ${String(sweepLoad)}), tasks = workers`),
          ...(runtime === 'python' ? { article: claimText(input, claim) } : {}),
        }),
      );
    }
  }
  return out;
}
