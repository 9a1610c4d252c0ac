// The factorizer's rows of the decision guide: pure CPU work in JavaScript and
// in Python, the fastest model on the largest set, computed from the rows.

import type { Row } from '../../lib/data/schema.ts';
import type { ReportInput } from '../../lib/report/doc.ts';
import { count, ms } from '../../lib/report/format.ts';
import { claimText, entryFrom, idlePerWorker, medianOf, paysFrom, race, scalingOf, type GuideEntry } from '../../lib/report/guide.ts';
import { measuredRows } from '../../lib/report/measured.ts';

const NODE = { serial: 'node-serial', candidates: ['node-event-loop', 'node-threads-static', 'node-threads-dynamic', 'node-processes-static', 'node-processes-dynamic'] };
const PYTHON = { serial: 'python-serial', candidates: ['python-threads', 'python-processes'] };

// The set with the most numbers the serial loop of a runtime ran.
function largestSet(rows: readonly Row[], serial: string): Row | undefined {
  return rows.filter((r) => r.strategy === serial).sort((a, b) => Number(b.numbers) - Number(a.numbers))[0];
}

function entry(input: ReportInput, rows: Row[], runtime: 'node' | 'python'): GuideEntry[] {
  const side = runtime === 'node' ? NODE : PYTHON;
  const largest = largestSet(rows, side.serial);
  if (!largest) return [];
  const won = race({ rows, at: (r) => r.set === largest.set, baseline: side.serial, candidates: side.candidates, config: ['workers'] });
  if (!won) return [];
  // Work is the serial loop's time on a set: the article's 300 numbers near 10^12 outweigh 10 000 near 10^9.
  const serialMs = new Map<unknown, number>();
  for (const set of new Set(rows.map((r) => r.set))) serialMs.set(set, medianOf(rows.filter((r) => r.set === set && r.strategy === side.serial)));
  const size = (r: Row) => serialMs.get(r.set) ?? NaN;
  // The winner's worker sweep: the set where it ran at the most worker counts.
  const sets = [...new Set(rows.filter((r) => r.strategy === won.strategy).map((r) => r.set))];
  const swept = sets.sort((a, b) => new Set(rows.filter((r) => r.set === b && r.strategy === won.strategy).map((r) => r.workers)).size - new Set(rows.filter((r) => r.set === a && r.strategy === won.strategy).map((r) => r.workers)).size)[0];
  const sweep = rows.filter((r) => r.set === swept && r.strategy === won.strategy);
  const serialOnSwept = serialMs.get(swept) ?? NaN;
  return [
    entryFrom(won, {
      kind: 'pure-js-cpu',
      runtime,
      work: `factoring ${count(Number(largest.numbers))} numbers, ${runtime === 'node' ? 'JavaScript' : 'pure Python'}`,
      baselineLabel: 'the serial loop',
      figure: runtime === 'node' ? 'speedup-by-workers' : `node-vs-python-${String(largest.set)}`,
      paysFrom: paysFrom({ rows, baseline: side.serial, candidates: [won.strategy], config: ['workers'], size, describe: (s) => `${ms(s)} of serial work` }),
      idleBytesPerWorker: idlePerWorker(sweep),
      scaling: scalingOf(sweep, won.strategy, () => serialOnSwept, input.meta.runs[input.machineId]?.machine.cores ?? NaN),
      ...(runtime === 'python' ? { article: claimText(input, 'F2') } : {}),
    }),
  ];
}

export default function guide(input: ReportInput): GuideEntry[] {
  const rows = measuredRows(input.rows, input.machineId);
  return [...entry(input, rows, 'node'), ...entry(input, rows, 'python')];
}
