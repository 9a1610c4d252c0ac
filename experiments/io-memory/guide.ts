// Io-memory's rows of the decision guide: many requests that wait on the
// network (the fastest model against the sequential script) and what each
// model costs in memory (the leanest against the article's thread pool at the
// same level, naming what that pool really had in flight). From the clean
// article-phase rows of lib's report context.

import type { ReportInput } from '../../lib/report/doc.ts';
import { count } from '../../lib/report/format.ts';
import { claimText, entryFrom, idlePerWorker, medianOf, race, type GuideEntry } from '../../lib/report/guide.ts';
import { samplingOf } from '../../lib/report/measured.ts';
import { buildContext, NODE, PY, reached } from './context.ts';
import { inFlightText } from './labels.ts';

const SIDES = {
  node: { serial: NODE.sequential, threads: NODE.threads, candidates: [NODE.eventLoop, NODE.threads, NODE.processes], lean: [NODE.eventLoop, NODE.processes] },
  python: { serial: PY.sequential, threads: PY.threads, candidates: [PY.threads, PY.asyncio, PY.streams, PY.gevent], lean: [PY.asyncio, PY.streams, PY.gevent] },
} as const;

export default function guide(input: ReportInput): GuideEntry[] {
  const ctx = buildContext(input);
  const rows = ctx.rows.filter((r) => r.phase === 'article');
  const out: GuideEntry[] = [];
  for (const runtime of ['node', 'python'] as const) {
    const side = SIDES[runtime];
    const requests = rows.find((r) => r.strategy === side.serial)?.requests;
    const candidates: readonly string[] = side.candidates;
    const fast = race({ rows, at: (r) => r.requests === requests, baseline: side.serial, candidates, config: ['concurrency', 'client'] });
    if (fast) {
      const c = fast.rows[0]!;
      out.push(
        entryFrom(fast, {
          kind: 'network-io',
          runtime,
          work: `${count(Number(requests))} HTTP requests, ${count(Number(c.concurrency))} at a time (${String(c.client)})`,
          baselineLabel: 'the sequential script',
          figure: 'performance',
          idleBytesPerWorker: idlePerWorker(rows.filter((r) => r.strategy === c.strategy && r.client === c.client), 'concurrency', samplingOf(input)),
          ...(runtime === 'python' ? { article: claimText(input, 'M1') } : {}),
        }),
      );
    }
    // Memory: at the largest level the thread pool ran, with the client whose
    // thread-pool run peaked lowest (so the baseline is the pool at its best).
    const threads = rows.filter((r) => r.strategy === side.threads);
    const most = Math.max(...threads.map((r) => Number(r.concurrency)));
    const clients = [...new Set(threads.filter((r) => r.concurrency === most).map((r) => r.client))];
    const peakOf = (client: unknown) => medianOf(threads.filter((r) => r.client === client && r.concurrency === most), 'rss_peak_bytes');
    const client = clients.sort((a, b) => peakOf(a) - peakOf(b))[0];
    const lean = race({
      rows,
      at: (r) => r.requests === requests && r.concurrency === most && (runtime === 'python' || r.client === client),
      baseline: side.threads,
      candidates: side.lean,
      config: ['client'],
      measure: 'rss_peak_bytes',
    });
    if (lean) {
      const pool = ctx.points.where(side.threads, { phase: 'article', concurrency: most, ...(runtime === 'node' ? { client: String(client) } : {}) })[0];
      const short = pool && !reached(pool) ? `; the ${count(most)} ${runtime === 'node' ? 'worker threads' : 'threads'} had only ${inFlightText(pool)} in flight` : '';
      out.push(
        entryFrom(lean, {
          kind: 'memory-heavy',
          runtime,
          work: `peak memory at a concurrency of ${count(most)}${short}`,
          baselineLabel: `${count(most)} ${runtime === 'node' ? 'worker threads' : 'threads'}`,
          measure: 'rss_peak_bytes',
          // The work's CPU share is the sequential script's: the pool of threads is the baseline of the memory race, not of the work.
          cpu: { rows: rows.filter((r) => r.strategy === side.serial && (runtime === 'python' || r.client === client)), where: `${side.serial} (the sequential script), on the same requests` },
          figure: runtime === 'node' ? 'memory-by-concurrency' : 'memory-node-vs-python',
          ...(runtime === 'python' ? { article: claimText(input, 'M5') } : {}),
        }),
      );
    }
  }
  return out;
}
