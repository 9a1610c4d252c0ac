// Article 001: for IO-bound work, which parallel method costs the least memory?
// 100 requests to a bus-ticket price API (a local server with seeded latency),
// the client's whole process tree sampled from outside every 10 ms. The
// article's Python runs as peers (sequential, threads, asyncio, gevent); Node
// runs the same job sequentially, on its event loop, on worker threads and on
// child processes, with fetch and with node:http.

import { defineExperiment, type Model, type NodeStrategy, type PythonStrategy } from '../../lib/experiment/types.ts';
import { createExecutor, type ExecutorKind } from '../../lib/executors/index.ts';
import type { TrialContext } from '../../lib/trial/context.ts';
import { API_PARAM_DEFAULTS } from './api-options.ts';
import { NODE, planCells, PY } from './plan.ts';
import { canonical, comparable, summarizeRequests, travelDates, type PriceResult } from './prices.ts';
import type { ApiStats } from './price-api.ts';
import { readApiStats } from './server-stats.ts';
import { HOLD_MS, liveBytesPerRequest } from './live-probe.ts';
import { threadCpuMs } from './main-thread-cpu.ts';
import type { Client, PriceRequest } from './tasks.ts';

// ---- one trial ----------------------------------------------------------------------

function apiUrl(t: TrialContext): string {
  const api = t.services.api;
  if (!api) throw new Error(`io-memory: the price API service is not running (services: ${Object.keys(t.services).join(', ') || 'none'}); run trials through the runner`);
  return api.url;
}

/** Digest, counters and server-side figures of a trial: the same for every strategy, in both runtimes. */
function record(t: TrialContext, results: PriceResult[], stats: ApiStats): void {
  if (comparable(results)) t.digest(canonical(results));
  const s = summarizeRequests(results);
  t.metric('requests_ok', s.requests_ok);
  t.metric('requests_failed', s.requests_failed);
  if (s.max_delay_ms !== null) t.metric('max_delay_ms', Math.round(s.max_delay_ms * 1000) / 1000);
  if (s.max_request_ms !== null) t.metric('max_request_ms', Math.round(s.max_request_ms * 1000) / 1000);
  t.metric('server_peak_in_flight', stats.peak_in_flight);
  t.metric('server_connections', stats.connections);
}

function nodeStrategy(name: string, model: Model, kind: ExecutorKind, label: string, description: string): NodeStrategy {
  return {
    name,
    runtime: 'node',
    model,
    label,
    description,
    async run(t) {
      const requests = Number(t.point.requests);
      const concurrency = Number(t.point.concurrency);
      const client = String(t.point.client) as Client;
      const api = apiUrl(t);
      const inputs: PriceRequest[] = travelDates(requests).map((date) => ({ url: `${api}/prices/${date}`, date, client }));
      const pool = await t.startup(() => createExecutor({ kind, workers: kind === 'serial' ? 1 : concurrency, tasksUrl: t.tasksUrl }));
      await readApiStats(api, { reset: true });
      // The main thread's CPU inside the work closure, so the runner's speed probe around it is not counted.
      const cpu: { before: number | null; after: number | null } = { before: null, after: null };
      const results = await t.work(async () => {
        cpu.before = threadCpuMs();
        const out = await pool.map<PriceRequest, PriceResult>('fetchPrice', inputs);
        cpu.after = threadCpuMs();
        return out;
      });
      const stats = await readApiStats(api);
      await pool.close();
      record(t, results, stats);
      if (cpu.before !== null && cpu.after !== null) t.metric('main_cpu_ms', Math.round((cpu.after - cpu.before) * 1000) / 1000);
      // Outside the clock and after the sampled peak: what a request in flight holds once garbage is collected.
      if (kind === 'event-loop' && t.point.phase === 'sweep') {
        const live = await liveBytesPerRequest(inputs.slice(0, concurrency).map((r) => r.url));
        if (live !== null) t.metric('live_bytes_per_request', Math.round(live));
      }
    },
  };
}

const peer = (name: string, model: Model, label: string, description: string, extra: Partial<PythonStrategy> = {}): PythonStrategy => ({ name, runtime: 'python', model, label, description, ...extra });

// ---- the experiment -------------------------------------------------------------------

const base = {
  ...API_PARAM_DEFAULTS,
  /** The article's script: prices for the next 100 days, one request each. */
  days: 100,
  clients: ['fetch', 'http'],
  /** ThreadPoolExecutor's default on the article's 4 cores (5 × 4) and one thread per request. */
  thread_levels: [20, 100],
  process_levels: [20],
  sweep_levels: [1, 10, 20, 50, 100, 200, 1000],
  /** Worker threads cost ~9.5 MiB and ~25 ms each here, child processes ~45 MiB and ~40 ms: 1000 of either would not fit. */
  sweep_thread_cap: 200,
  sweep_process_cap: 100,
  sweep_waves: 3,
  sweep_client: 'http',
  sweep_repetitions: 3,
  repetitions: 5,
  warmup: 1,
};

export default defineExperiment({
  id: 'io-memory',
  title: 'Memory of parallel IO: threads, processes, coroutines, the event loop',
  article: {
    author: 'Jakub Wolf',
    title: 'Memory efficiency of parallel IO operations in Python',
    venue: 'code.kiwi.com',
    date: '2018-03-13',
    url: 'https://code.kiwi.com/articles/memory-efficiency-of-parallel-io-operations-in-python/',
  },
  question:
    'A script fetches bus-ticket prices for the next 100 days, one HTTP request per day, and keeps the prices. The work is waiting on the network. Run in parallel, which method (threads, gevent, asyncio) costs the least memory, and what does each gain in time?',
  claims: [
    { id: 'M1', text: 'Running the requests in parallel saves about 40 % of the sequential script’s time (29 s → about 17 s with 20 threads), because the work waits on the network.' },
    { id: 'M2', text: 'Once the requests run in parallel, the method hardly matters for speed: the differences between the parallel methods are negligible.' },
    { id: 'M3', text: 'A thread pool uses more memory than the sequential script, and 100 threads use much more than 20.' },
    { id: 'M4', text: 'gevent’s memory footprint is about the same as the threads’.' },
    { id: 'M5', text: 'asyncio with aiohttp uses the least memory of the parallel methods, close to the sequential script.' },
  ],
  profiles: {
    smoke: {
      description: 'Seconds: 12 dates at a 6 ms latency, two concurrency levels, one repetition. For tests and CI.',
      params: { ...base, days: 12, latency_scale: 0.02, thread_levels: [4, 12], process_levels: [4], sweep_levels: [1, 8], sweep_thread_cap: 8, sweep_process_cap: 8, sweep_waves: 1, sweep_repetitions: 1, repetitions: 1, warmup: 0 },
    },
    quick: {
      description: 'A first look in about half a minute: 30 dates instead of the article’s 100, at a twentieth of its latency (14.5 ms), with node:http only; thread pools of 10 and 30, child processes 10; a sweep of 1 and 300 (pools only at 1), 2 repetitions (1 in the sweep), too few for most verdicts. Intervals are wide; the published results are the full profile’s.',
      params: { ...base, days: 30, thread_levels: [10, 30], process_levels: [10], latency_scale: 0.05, clients: ['http'], sweep_levels: [1, 300], sweep_thread_cap: 10, sweep_process_cap: 1, sweep_waves: 2, sweep_repetitions: 1, repetitions: 2, warmup: 0 },
    },
    full: {
      description: 'The article’s 100 dates at a quarter of its latency (72.5 ms ± 50 %: the one scaled parameter, latency_scale = 0.25), 3 repetitions; concurrency sweep 1–1000 with 3 repetitions, worker threads up to 100 and child processes up to 50. Thinned to fit about 5 minutes on 2 cores: repetitions 5 → 3, and the pools’ sweep caps 200 → 100 and 100 → 50 (their memory is linear in the level, so the slope stands). About 5 minutes.',
      params: { ...base, repetitions: 3, sweep_thread_cap: 100, sweep_process_cap: 50 },
    },
  },
  pointColumns: { phase: 'string', requests: 'int', concurrency: 'int', client: 'string' },
  metricColumns: {
    requests_ok: 'int',
    requests_failed: 'int',
    max_delay_ms: 'number',
    max_request_ms: 'number',
    server_peak_in_flight: 'int',
    server_connections: 'int',
    live_bytes_per_request: 'number',
    main_cpu_ms: 'number',
  },
  // Every strategy asks for the same dates at the same count: the kept prices must agree.
  resultDependsOn: ['requests'],
  sampleIntervalMs: 10,
  services: [{ name: 'api', script: 'server.ts' }],
  strategies: [
    nodeStrategy(NODE.sequential, 'serial', 'serial', 'Node sequential', 'One request after another, each awaited before the next (the article’s single-threaded script).'),
    nodeStrategy(NODE.eventLoop, 'event-loop', 'event-loop', 'Node event loop', 'Every request on the one event loop, at most `concurrency` in flight (all of them at once when it equals the number of dates); the asyncio and gevent analog.'),
    nodeStrategy(NODE.threads, 'worker-threads', 'worker-threads', 'Node worker threads', 'A pool of `concurrency` worker threads (piscina), each running one request at a time with its own connection pool: ThreadPoolExecutor’s shape.'),
    nodeStrategy(NODE.processes, 'child-processes', 'child-processes', 'Node child processes', 'A pool of `concurrency` child processes, each running one request at a time; prices come back over IPC.'),
    peer(PY.sequential, 'python-serial', 'Python sequential', 'The article’s sequential script: one `urllib` request after another.'),
    peer(PY.threads, 'python-threads', 'Python threads', '`ThreadPoolExecutor(max_workers=concurrency).map` over the dates, `urllib` in each thread.'),
    peer(PY.asyncio, 'python-asyncio', 'Python asyncio (aiohttp)', 'asyncio with one aiohttp `ClientSession` (connector limit = concurrency), every date gathered at once.', { requires: ['aiohttp'] }),
    peer(PY.streams, 'python-asyncio', 'Python asyncio (streams)', 'asyncio without aiohttp: a minimal HTTP/1.1 GET over `asyncio.open_connection`, a semaphore of `concurrency`. The stand-in where aiohttp is missing.'),
    peer(PY.gevent, 'python-gevent', 'Python gevent', 'gevent: `monkey.patch_all()` first, then a `gevent.pool.Pool(concurrency)` mapping `urllib` over the dates.', { script: 'peer_gevent.py', requires: ['gevent'] }),
  ],
  plan: planCells,
  method: [
    'The price API is a local HTTP server (127.0.0.1, started once per run in a process of its own, so its memory and CPU are never the client’s). `GET /prices/YYYY-MM-DD` answers a JSON search result of 4–6 KiB (route, carriers, 12–18 departures with prices, seats and services) after a delay drawn, uniformly within ± the jitter around the mean latency, from a generator seeded by the date: every strategy, in either runtime, meets the same delays and the same bodies. Each client parses every body and keeps the prices in cents, as the article’s script “prepares them for processing”; the kept prices of every strategy are digested and must agree at each request count, or the run stops. A request that fails is kept as a failed result and counted in `requests_failed`, never dropped (`fail_every` makes the API fail every n-th date on purpose, with a 503, which is part of the digest). A trial with any other failure (a reset connection, say) keeps its row and its count but has no digest, so one stray error cannot stop the run.',
    '**Deviation: the latency is scaled.** The article’s sequential script took about 29 s for 100 requests, about 290 ms each. Repeated for every strategy and repetition, that does not fit the time budget on 2 cores, so the mean latency is the article’s times `latency_scale` (the parameters below; the report states the factor and the resulting latency). Times here are therefore that factor shorter than the article’s; the ratios between methods are what compare.',
    '**Deviation: the HTTP clients.** The article used requests (sync) and aiohttp; Debian’s Python here has no requests, so the sync Python strategies use the standard library’s `urllib`, which, like a bare `requests.get`, opens a new connection per request. Node runs each strategy with `fetch` and with `node:http` and a keep-alive agent. `python-asyncio-streams` replaces aiohttp where it is missing and runs beside it where it is not.',
    '**Memory** is the RSS of the client’s whole process tree (the trial process, its threads and every child), read from `/proc` every 10 ms from outside the process; at this interval the sampler costs about 2–3 % of one core. Each row gives the RSS just before the first request (`rss_base_bytes`, after any pool has started), and the peak and time-weighted mean while the requests run; `memory.csv` has the whole timeline from spawn to exit. The pools start before the clock (`startup_ms`); Python’s thread pool creates its threads lazily, inside the timed work, as in the article.',
    `**Beyond the article**: a sweep of the concurrency level. At each level c the client makes c × \`sweep_waves\` requests with at most c in flight, so each level runs the same number of waves. The slope of peak memory against c is the memory one more concurrent request costs in each model. On the event loop, after the timed work and outside the clock, a probe also sends c requests on a fresh connection pool (the API holds each of them ${HOLD_MS} ms, so none can come back early), waits until all are written and none answered, forces a full garbage collection and records the live heap plus off-heap buffers per request (\`live_bytes_per_request\`): the peak counts garbage not yet collected, this does not. Worker threads and child processes stop at the caps in the parameters: at about 9.5 MiB and 45 MiB each here, 1000 of them would need about 9 and 44 GiB.`,
    '**The physical limit.** With every request in flight at once the batch cannot end before the slowest answer arrives. The issue sets the limit at that answer’s delay (as the API applied it) plus the client’s own processing time, taken as the CPU time of the trial’s main thread during the work (`main_cpu_ms`, from the scheduler’s account in `/proc/thread-self/sched`): the event loop parses and keeps every price on that one thread; V8’s compiler and GC helper threads run beside it. Where that is not available, the whole tree’s CPU stands in, a looser bound.',
    'The API counts what it serves: the most price requests in flight at once (`server_peak_in_flight`, which checks the concurrency a strategy really reached) and the connections that carried them (`server_connections`: keep-alive against one connection per request). A level counts as reached when that peak is at least 90 % of it; the report names the real peak wherever a strategy fell short, and compares models at equal concurrency only at levels both reached.',
    '**How the claims are judged.** Memory claims compare peak RSS as ratios of geometric means with 95 % intervals, time claims wall times the same way. Two claims turn on the largest of several ratios. M2’s “slowest over fastest” is bounded over every ordered pair of the methods at one level: if each pair’s ratio lies in its interval, the largest ratio lies between the largest lower bound and the largest upper bound, whichever method is really the fastest. M5’s “lowest” is asyncio’s (or the event loop’s) peak over each rival’s, bounded the same way by the largest of those ratios. Each interval is 95 % on its own, with no correction for the several comparisons.',
  ].join('\n\n'),
});

