// One Node fixed-cost trial (workload 'payload'): start a pool of `workers`,
// hold it idle so the outside sampler sees it, then send a payload of n bytes
// to a task and back `tasks` times, one after another. Start-up is the pool's
// start (`startup_ms`), idle memory the tree's RSS just before the work
// (`rss_base_bytes`), a round trip the work's wall time over `tasks`. Python's
// pools do the same in peer.py, on the same bytes, so the digests agree.

import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { createExecutor, type ExecutorKind } from '../../lib/executors/index.ts';
import type { TrialContext } from '../../lib/trial/context.ts';

/** n bytes cycling through 0…250, as workloads.payload builds them in Python. */
export function payloadOf(n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = i % 251;
  return out;
}

/** What the digest covers: the sha256 of every payload that came back, one per line. */
export function canonicalPayloads(back: readonly Uint8Array[]): string {
  return back.map((b) => `${createHash('sha256').update(b).digest('hex')}\n`).join('');
}

export async function runPayloadTrial(t: TrialContext, kind: ExecutorKind): Promise<void> {
  const bytes = Number(t.point.n);
  const workers = Number(t.point.workers);
  const rounds = Number(t.point.tasks);
  const payload = payloadOf(bytes);
  const pool = await t.startup(() => createExecutor({ kind, workers, tasksUrl: t.tasksUrl }));
  try {
    await sleep(Number(t.params.payload_idle_ms ?? 0));
    // Copied both ways (structured clone, or advanced serialization over IPC), not transferred: as Python's pools copy.
    const back = await t.work(async () => {
      const out: Uint8Array[] = [];
      for (let i = 0; i < rounds; i++) out.push((await pool.map<Uint8Array, Uint8Array>('echo', [payload]))[0]!);
      return out;
    });
    t.digest(canonicalPayloads(back));
  } finally {
    await pool.close();
  }
}
