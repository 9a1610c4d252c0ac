// How loads, workload arguments and strategies read in the charts, tables and
// prose. Strategy labels, order and colours are declared once (experiment.ts,
// lib/report/strategies.ts): a chart places each strategy by its label and
// colours it by its model, so that the CPython 3.11 pools shown beside the
// article's 3.14 ones share their model's colour and differ by a lighter mark.

import type { Experiment } from '../../lib/experiment/types.ts';
import { count } from '../../lib/report/format.ts';
import { MODEL_LABELS, modelScale, strategyLabel, strategyRank } from '../../lib/report/strategies.ts';
import { BESIDE, parseLoad } from './context.ts';

/** The workloads' units: "5 000 000 iterations", "50 MiB". */
export function argument(workload: string, n: number): string {
  if (workload === 'cpu') return `${count(n)} iterations`;
  if (workload === 'memory') return `${count(n)} integers`;
  if (workload === 'io') return `${count(n)} MiB`;
  if (workload === 'disk') return `${count(n)} MiB durable`;
  return `${count(n)} request${n === 1 ? '' : 's'}`;
}

/** "med" or "med ×30 (Node)" */
export function loadLabel(load: string): string {
  const { level, scale } = parseLoad(load);
  return scale > 1 ? `${level} ×${scale} (Node)` : level;
}

type Strategies = Pick<Experiment, 'strategies'>;

// candidate for lib: modelScale narrowed to the strategies a figure draws (lib/report/strategies.ts).
/** lib's colour scale by model, narrowed to the models of the strategies drawn. */
export function colorOf(experiment: Strategies, strategies: readonly string[]) {
  const scale = modelScale(experiment);
  const shown = new Set(experiment.strategies.filter((s) => strategies.includes(s.name)).map((s) => MODEL_LABELS[s.model]));
  const keep = scale.domain.map((d, i) => [d, scale.range[i]!] as const).filter(([d]) => shown.has(d));
  return { legend: true, domain: keep.map(([d]) => d), range: keep.map(([, r]) => r) };
}

/** The legend's (and colour's) name of a strategy: its model's, so that colours match every other report. */
export const modelLabel = (experiment: Strategies, strategy: string): string => {
  const s = experiment.strategies.find((x) => x.name === strategy);
  return s ? MODEL_LABELS[s.model] : strategyLabel(experiment, strategy);
};

/** What a chart needs of a strategy: its place (label, unique), its colour (model) and whether it is a 3.11 pool beside the article's. */
export function drawn(experiment: Strategies, strategy: string) {
  return { strategy: strategyLabel(experiment, strategy), model: modelLabel(experiment, strategy), beside: BESIDE.has(strategy) };
}

/** The x domain of a chart: the labels of the strategies drawn, in declaration order. */
export function placesOf(experiment: Strategies, strategies: readonly string[]): string[] {
  return [...new Set(strategies)].sort((a, b) => strategyRank(experiment, a) - strategyRank(experiment, b)).map((s) => strategyLabel(experiment, s));
}

/** The opacity of a mark: lighter for the 3.11 pools beside the article's. */
export const BESIDE_OPACITY = 0.4;
export const opacityOf = (d: { beside: boolean }) => (d.beside ? BESIDE_OPACITY : 1);

/** A caption's sentence on the lighter marks, when a chart draws any. */
export function besideNote(strategies: readonly string[]): string {
  return strategies.some((s) => BESIDE.has(s)) ? ' Lighter marks, same colour: the same pool on the system’s CPython 3.11, beside 3.14’s at the low load (shown, never judged).' : '';
}
