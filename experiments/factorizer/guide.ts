// The factorizer's rows of the decision guide: pure CPU work in JavaScript and
// in Python, the fastest model on the largest set, computed from the clean rows.
// A win above the core count carries the flag that it is a finding about the baseline.

import type { Row } from '../../lib/data/schema.ts';
import type { ReportInput } from '../../lib/report/doc.ts';
import { aboveCoresFlag } from '../../lib/report/baseline.ts';
import { count, ms } from '../../lib/report/format.ts';
import { claimText, entryFrom, idlePerWorker, medianOf, paysFrom, race, scalingOf, type GuideEntry } from '../../lib/report/guide.ts';
import { samplingOf } from '../../lib/report/measured.ts';
import { buildReportContext } from '../../lib/report/context.ts';

const NODE = { serial: 'node-serial', candidates: ['node-event-loop', 'node-threads-static', 'node-threads-dynamic', 'node-processes-static', 'node-processes-dynamic'] };
const PYTHON = { serial: 'python-serial', candidates: ['python-threads', 'python-processes'] };

function entry(input: ReportInput, rows: Row[], cores: number, runtime: 'node' | 'python'): GuideEntry[] {
  const side = runtime === 'node' ? NODE : PYTHON;
  // The set with the most numbers the serial loop of the runtime ran.
  const largest = rows.filter((r) => r.strategy === side.serial).sort((a, b) => Number(b.numbers) - Number(a.numbers))[0];
  if (!largest) return [];
  const won = race({ rows, at: (r) => r.set === largest.set, baseline: side.serial, candidates: side.candidates, config: ['workers'] });
  if (!won) return [];
  // Work is the serial loop's time on a set: the article's 300 numbers near 10^12 outweigh 10 000 near 10^9.
  const serialMs = new Map<unknown, number>();
  for (const set of new Set(rows.map((r) => r.set))) serialMs.set(set, medianOf(rows.filter((r) => r.set === set && r.strategy === side.serial)));
  const size = (r: Row) => serialMs.get(r.set) ?? NaN;
  // The winner's worker sweep: of the sets where it ran at the most worker counts, the largest
  // (the article's 300 numbers are swept too, but there a pool barely pays).
  const ofWinner = rows.filter((r) => r.strategy === won.strategy);
  const counts = (set: unknown) => new Set(ofWinner.filter((r) => r.set === set).map((r) => r.workers)).size;
  const numbersOf = (set: unknown) => Number(ofWinner.find((r) => r.set === set)?.numbers ?? 0);
  const swept = [...new Set(ofWinner.map((r) => r.set))].sort((a, b) => counts(b) - counts(a) || numbersOf(b) - numbersOf(a))[0];
  const sweep = ofWinner.filter((r) => r.set === swept);
  const e = entryFrom(won, {
    kind: 'pure-js-cpu',
    runtime,
    work: `factoring ${count(Number(largest.numbers))} numbers, ${runtime === 'node' ? 'JavaScript' : 'pure Python'}`,
    baselineLabel: 'the serial loop',
    figure: runtime === 'node' ? 'speedup-by-workers' : `node-vs-python-${String(largest.set)}`,
    paysFrom: paysFrom({ rows, baseline: side.serial, candidates: [won.strategy], config: ['workers'], size, describe: (s) => `${ms(s)} of serial work` }),
    idleBytesPerWorker: idlePerWorker(sweep, 'workers', samplingOf(input)),
    scaling: scalingOf(sweep, won.strategy, () => serialMs.get(swept) ?? NaN, cores, 'workers', `${won.strategy}, ${count(numbersOf(swept))} numbers`),
    ...(runtime === 'python' ? { article: claimText(input, 'F2') } : {}),
  });
  const flag = aboveCoresFlag(e.interval, cores);
  return [flag ? { ...e, phrase: `${e.phrase}. ${flag}` } : e];
}

export default function guide(input: ReportInput): GuideEntry[] {
  const { rows, cores } = buildReportContext(input);
  return [...entry(input, rows, cores, 'node'), ...entry(input, rows, cores, 'python')];
}
