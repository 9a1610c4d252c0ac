// How the factorizer's strategies and points read: the labels declared in
// experiment.ts, the colours lib gives each model, and a pool in words.

import { MODEL_LABELS, modelScale, strategyLabel } from '../../lib/report/strategies.ts';
import type { Experiment, Model } from '../../lib/experiment/types.ts';
import type { FzPoint } from './context.ts';

/** "worker threads, dynamic batches · 4", or the bare label for a serial loop. */
export function pointLabel(experiment: Experiment, p: FzPoint): string {
  const label = strategyLabel(experiment, p.strategy);
  return p.strategy.endsWith('-serial') ? label : `${label} · ${p.workers}`;
}

/** The pool in words: "2 worker threads with dynamic batches". */
export function poolPhrase(p: FzPoint): string {
  const [one, many] = p.model === 'worker-threads' ? ['worker thread', 'worker threads'] : ['child process', 'child processes'];
  return `${p.workers} ${p.workers === 1 ? one : many} with ${p.strategy.endsWith('-dynamic') ? 'dynamic batches' : 'static chunks'}`;
}

// candidate for lib: modelScale(experiment, shownModels) in lib/report/strategies.ts, so a legend lists only what a chart draws.
/** lib's colour scale by model, narrowed to the models a chart shows (legend order: as declared). */
export function modelColors(experiment: Experiment, models: Iterable<Model>): { legend: true; domain: string[]; range: string[] } {
  const shown = new Set([...models].map((m) => MODEL_LABELS[m]));
  const { domain, range } = modelScale(experiment);
  const keep = domain.map((label, i) => [label, range[i]!] as const).filter(([label]) => shown.has(label));
  return { legend: true, domain: keep.map(([l]) => l), range: keep.map(([, c]) => c) };
}
