// The body of a Node trial process: run one strategy at one point, write the
// result to fd 3, exit. One trial per process, so no JIT state, heap or
// leftover thread leaks from one trial into the next. The runner bundles this
// with the experiment (lib/trial/bundle.ts) and starts it with plain `node`.

import { writeSync } from 'node:fs';
import type { Experiment } from '../experiment/types.ts';
import { createTrialContext } from './context.ts';
import { RESULT_FD, SPEC_ENV, type TrialResult, type TrialSpec } from './protocol.ts';

function emit(result: TrialResult): void {
  writeSync(RESULT_FD, JSON.stringify(result));
}

async function main(experiment: Experiment): Promise<void> {
  const spec = JSON.parse(process.env[SPEC_ENV] ?? 'null') as TrialSpec | null;
  if (!spec) throw new Error(`${SPEC_ENV} is not set: trial processes are started by the runner`);
  const strategy = experiment.strategies.find((s) => s.name === spec.strategy);
  if (!strategy || strategy.runtime !== 'node') throw new Error(`no node strategy named ${spec.strategy} in ${experiment.id}`);
  const { context, result } = createTrialContext(spec);
  await strategy.run(context);
  emit(result());
}

export function runTrialMain(experiment: Experiment): void {
  main(experiment).then(
    // Pools left open would keep the process alive; the trial is over.
    () => process.exit(0),
    (error: unknown) => {
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      emit({
        ok: false, error: message, startup_ms: null, wall_ms: null, cpu_user_ms: null, cpu_sys_ms: null,
        work_start_epoch_ms: null, work_end_epoch_ms: null, digest: '', probe_before_ms: null, probe_after_ms: null, metrics: {}, tables: {},
      });
      process.exit(1);
    },
  );
}
