// The performance targets, checked against the run's own numbers so
// that the report says met or not met instead of leaving the reader to compare.

import { percent, ratio } from '../../lib/report/format.ts';

/** The best Node strategy's throughput over single-core throughput × cores. */
export const LIMIT_SHARE = 0.9;
/** The block compressor on the large-file bundle: serial time over its time, at least... */
export const BLOCK_SPEEDUP = 1.7;
/** ...with its output at most this much larger than one gzip stream per file. */
export const BLOCK_OVERHEAD = 0.01;

const verdict = (met: boolean) => (met ? 'met' : 'not met');

export function limitTarget(share: number): string {
  return `Target: at least ${percent(LIMIT_SHARE)} of the limit: ${verdict(share >= LIMIT_SHARE)}.`;
}

export function blockTarget(speedup: number, overhead: number): string {
  return `Target: at least ${ratio(BLOCK_SPEEDUP)} faster than serial with output at most ${percent(BLOCK_OVERHEAD)} larger: ${verdict(speedup >= BLOCK_SPEEDUP && overhead <= BLOCK_OVERHEAD)}.`;
}
