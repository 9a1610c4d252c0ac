// Io-memory's rows of the decision guide: many requests that wait on the
// network (the fastest model against the sequential script) and what each
// model costs in memory (the leanest against the article's thread pool at the
// same concurrency). Computed from the article-phase rows.

import type { ReportInput } from '../../lib/report/doc.ts';
import { count } from '../../lib/report/format.ts';
import { claimText, entryFrom, idlePerWorker, medianOf, race, type GuideEntry } from '../../lib/report/guide.ts';
import { measuredRows, samplingOf } from '../../lib/report/measured.ts';

const SIDES = {
  node: { serial: 'node-sequential', threads: 'node-worker-threads', candidates: ['node-event-loop', 'node-worker-threads', 'node-child-processes'], lean: ['node-event-loop', 'node-child-processes'] },
  python: { serial: 'python-sequential', threads: 'python-threads', candidates: ['python-threads', 'python-asyncio', 'python-asyncio-streams', 'python-gevent'], lean: ['python-asyncio', 'python-asyncio-streams', 'python-gevent'] },
} as const;

export default function guide(input: ReportInput): GuideEntry[] {
  const rows = measuredRows(input.rows, input.machineId).filter((r) => r.phase === 'article');
  const out: GuideEntry[] = [];
  for (const runtime of ['node', 'python'] as const) {
    const side = SIDES[runtime];
    const requests = rows.find((r) => r.strategy === side.serial)?.requests;
    const fast = race({ rows, at: (r) => r.requests === requests, baseline: side.serial, candidates: side.candidates, config: ['concurrency', 'client'] });
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
    // Memory: at the largest concurrency the thread pool ran, with the client whose
    // thread-pool run peaked lowest (so the baseline is the pool at its best).
    const threads = rows.filter((r) => r.strategy === side.threads);
    const most = Math.max(...threads.map((r) => Number(r.concurrency)));
    const clients = [...new Set(threads.filter((r) => r.concurrency === most).map((r) => r.client))];
    const client = clients.sort((a, b) => medianOf(threads.filter((r) => r.client === a && r.concurrency === most), 'rss_peak_bytes') - medianOf(threads.filter((r) => r.client === b && r.concurrency === most), 'rss_peak_bytes'))[0];
    const lean = race({
      rows,
      at: (r) => r.requests === requests && r.concurrency === most && (runtime === 'python' || r.client === client),
      baseline: side.threads,
      candidates: side.lean,
      config: ['client'],
      measure: 'rss_peak_bytes',
    });
    if (lean) {
      out.push(
        entryFrom(lean, {
          kind: 'memory-heavy',
          runtime,
          work: `peak memory of ${count(most)} requests in flight`,
          baselineLabel: `${count(most)} ${runtime === 'node' ? 'worker threads' : 'threads'}`,
          measure: 'rss_peak_bytes',
          figure: runtime === 'node' ? 'memory-by-concurrency' : 'memory-node-vs-python',
          ...(runtime === 'python' ? { article: claimText(input, 'M5') } : {}),
        }),
      );
    }
  }
  return out;
}
