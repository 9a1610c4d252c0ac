// Article 000: an upload service gzips every file of a zip bundle in memory.
// Serial, multiprocessing.Pool, ThreadPoolExecutor or ProcessPoolExecutor:
// which is fastest? The article's four functions run as a Python peer; Node
// answers with its serial loop, async zlib on the libuv pool, worker threads
// and child processes; pigz and a pigz-style block compressor answer the
// readers; a local S3-like store answers the upload twist.

import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { defineExperiment, type Params, type PythonStrategy } from '../../lib/experiment/types.ts';
import { BUNDLE_NAMES } from './bundles.ts';
import { prepareBundles } from './inputs.ts';
import { blocks, libuv, pigz, processes, serial, threads, uploads } from './node-strategies.ts';
import { planCells } from './plan.ts';

const peer = (name: string, label: string, model: PythonStrategy['model'], description: string): PythonStrategy => ({ name, label, runtime: 'python', model, description });

function hasTool(tool: string): boolean {
  try {
    execFileSync(tool, ['--version'], { stdio: 'ignore' });
    return true;
  } catch (error) {
    return (error as { code?: string }).code !== 'ENOENT';
  }
}

// One place for every parameter; the profiles differ only where they say so.
const base = {
  seed: 20171013,
  /** 1 is the article's bundle sizes. */
  scale: 1,
  /** gzip.GzipFile's default, which the article used. */
  level: 9,
  bundles: BUNDLE_NAMES,
  /** Bundles on which the pools run at several sizes; on the others each runs at its default size. c is the smallest of the article's: its sweep costs least. */
  sweep_bundles: ['typical', 'c'],
  /** On the first swept bundle: UV_THREADPOOL_SIZE, and worker threads and child processes... */
  libuv_workers: [1, 2, 4, 8],
  pool_workers: [1, 2, 4],
  /** ...and on the later, larger one, the sizes that add most for their time (one thread only repeats the serial loop; eight repeat four on 2 cores). */
  libuv_workers_large: [2, 4],
  pool_workers_large: [2],
  /** Node's own default UV_THREADPOOL_SIZE. */
  default_libuv_workers: 4,
  pigz_workers: [1, 2],
  /** pigz on the later swept bundle: at the core count only (one thread is shown on the typical bundle). */
  pigz_workers_large: [2],
  in_flight_per_thread: 2,
  /** The typical bundle first: a strategy's warm-up trial runs on its first bundle. */
  block_bundles: ['typical', 'b'],
  block_workers: [2],
  block_kb: 1024,
  pigz_bundles: ['typical', 'c'],
  python_bundles: BUNDLE_NAMES,
  /** The service's everyday bundle, where the requests weigh most: on the article's bundles seconds of gzip dwarf them. */
  upload_bundles: ['typical'],
  /** The one-connection upload is the serial loop plus latency: run where it costs little. */
  upload_serial_bundles: ['typical'],
  upload_in_flight: 10,
  /** botocore's connection pool holds 10. */
  max_sockets: 10,
  request_latency_ms: 15,
  handshake_ms: 20,
  repetitions: 3,
  warmup: 1,
} satisfies Params;

export default defineExperiment({
  id: 'gzip-bundles',
  title: 'Gzip’ing bundles of files: threads, processes or neither',
  article: {
    author: 'Peter Bengtsson',
    title: 'Concurrent Gzip in Python',
    venue: 'peterbe.com',
    date: '2017-10-13',
    url: 'https://www.peterbe.com/plog/concurrent-gzip-in-python',
  },
  question:
    'A symbol-upload service gzips, in memory, every file of each zip bundle it receives before storing it on S3. Should it gzip the files one after another, with multiprocessing.Pool, with a ThreadPoolExecutor or with a ProcessPoolExecutor?',
  claims: [
    { id: 'G1', text: 'Gzip’ing the files one after another is the slowest way on every bundle.' },
    { id: 'G2', text: 'The thread pool is the fastest overall, by a small margin, even though (the author thought) threads cannot use every core; a reader points out that zlib releases the GIL, so they can.' },
    { id: 'G3', text: 'Concurrency gains less on a bundle dominated by one huge file.' },
    { id: 'G4', text: 'In the process pools no worker uses a full core, and the parent process sits idle.' },
    { id: 'G5', text: 'Counting the HEAD and PUT to S3 per file, threads win more: they share one client and its 10 keep-alive connections, while processes cannot share the client and open a new connection for every file.' },
  ],
  profiles: {
    smoke: {
      description: 'Seconds: the four bundles at 1/100 of their size, each pool at one size, one repetition. For tests and CI.',
      params: {
        ...base, scale: 0.01, sweep_bundles: ['typical'], libuv_workers: [2], pool_workers: [2], pigz_workers: [2],
        block_bundles: ['b'], block_kb: 64, pigz_bundles: ['a'], python_bundles: ['a'], upload_bundles: ['typical'], request_latency_ms: 2, handshake_ms: 2,
        repetitions: 1, warmup: 0,
      },
    },
    quick: {
      description: 'A first look in about half a minute: bundles b and c and the typical one at 2 % of their size (bundle a left out), every pool at 2 workers (libuv at its default 4), the article’s functions on b and c, 2 repetitions (too few for most verdicts), no warm-up. Intervals are wide; the published results are the full profile’s.',
      params: { ...base, scale: 0.02, block_kb: 256, bundles: ['typical', 'b', 'c'], python_bundles: ['b', 'c'], sweep_bundles: ['typical'], libuv_workers: [4], pool_workers: [2], pigz_workers: [2], pigz_bundles: ['typical'], repetitions: 2, warmup: 0 },
    },
    full: {
      description: 'The article’s bundles at its sizes (140.69, 331.57 and 86.91 MB as it wrote them; the typical one 4.29 MiB), level 9, 3 repetitions of every point; no parameter scaled. The pools are swept on the typical bundle (UV_THREADPOOL_SIZE 1, 2, 4, 8; worker threads and child processes 1, 2, 4; pigz 1, 2) and thinly on bundle c, the cheapest of the article’s (UV_THREADPOOL_SIZE 2, 4; pigz 2); on bundles a and b every pool runs at its default size only. The block compressor runs on the typical bundle and b, the uploads on the typical bundle. About 9½ minutes on 2 cores, 5 of them on bundle b, where the article’s four functions and Node’s analogs alone need that long at 3 repetitions.',
      params: base,
    },
  },
  pointColumns: { bundle: 'string', files: 'int', bundle_bytes: 'int', level: 'int', workers: 'int', codec: 'string', connection: 'string' },
  metricColumns: { gzip_bytes: 'int', parent_cpu_ms: 'number', in_flight: 'int', blocks: 'int', connections: 'int', requests: 'int' },
  tables: { workers: { worker: 'int', tasks: 'int', busy_ms: 'number' } },
  // Python's zlib (the system's) and Node's (Chromium's) emit different bytes; pigz and the block compressor cut files differently.
  resultDependsOn: ['bundle', 'level', 'codec'],
  services: [{ name: 's3', script: 'server.ts' }],
  tools: ['pigz'],
  strategies: [
    serial,
    libuv,
    threads,
    processes,
    blocks,
    pigz,
    ...uploads,
    peer('python-f1', 'f1 serial', 'python-serial', 'The article’s f1: gzip.GzipFile per payload in a for loop.'),
    peer('python-f2', 'f2 multiprocessing.Pool', 'python-processes', 'The article’s f2: multiprocessing.Pool().map over the payloads.'),
    peer('python-f3', 'f3 ThreadPoolExecutor', 'python-threads', 'The article’s f3: ThreadPoolExecutor(), one future per payload, collected with as_completed.'),
    peer('python-f4', 'f4 ProcessPoolExecutor', 'python-processes', 'The article’s f4: ProcessPoolExecutor(), one future per payload, collected with as_completed.'),
  ],
  async prepare({ params, inputsDir, log }) {
    return prepareBundles(inputsDir, { seed: Number(params.seed), scale: Number(params.scale), bundles: (params.bundles as string[]).map(String) }, log);
  },
  plan: (params) => planCells(params, { cores: os.availableParallelism(), pigz: hasTool('pigz') }),
  method: [
    '**Inputs.** Four deterministic bundles of synthetic Breakpad symbol files (MODULE, FILE, FUNC, line and STACK CFI records with climbing hex addresses), generated from a fixed seed: the article’s three test bundles at its sizes (66 files and 140.69 MB; 103 files and 331.57 MB with one 80 MB file; 26 files and 86.91 MB), and a typical upload of 15 files of about 300 KB. File sizes are log-normal quantiles (heavy-tailed: the second bundle has a median near 195 KB and a mean of 3.2 MB, as the article’s comments say), shuffled in a seeded order; the generator’s two knobs are set so that level 9 compresses each bundle close to the article’s ratio. Each file is checked by SHA-256 against a manifest before every run.',
    '**Sizes.** The article’s own figures are quoted as it wrote them, in decimal units (MB = 10^6 bytes, KB = 10^3), and the bundles are generated to those byte counts; every size this run measures or generates is printed in binary units, named as such (KiB = 2^10 bytes, MiB = 2^20), so the article’s 331.57 MB bundle reads 316 MiB here. Throughput is MiB of input per second.',
    '**The work.** Every strategy reads the bundle into memory before the clock starts (the service holds an uploaded zip’s files in memory), gzips every file and keeps the sizes. Strategies that compress with the same code must produce the same sizes, file for file, or the run stops: Node’s zlib (Chromium’s) and Python’s (the system’s zlib 1.2) emit different bytes, so Node and Python are checked within their own groups; pigz and the block compressor cut files into blocks and are checked within theirs, and every one of their outputs is decompressed again and compared with the input.',
    '**Deviations from the article.** The article timed its pools together with their creation. Here every pool is created and pre-started before the clock (`startup_ms`), the work is timed alone, and the report shows both the pre-started time and the cold one (start-up plus work), the latter being the article’s way. Python’s pools get the sizes their defaults pick on this machine, passed explicitly so that the rows record them. f3 keeps each future’s index instead of appending sizes in completion order (the article’s own suggested remedy), so that the sizes can be checked.',
    '**The upload twist** runs against a local S3-like store in its own process: HEAD then PUT per file, each answered after `request_latency_ms`, with `handshake_ms` more on the first answer of every new connection to stand for the TCP and TLS round trips a remote S3 costs. Those two delays are assumptions of this reproduction, not measurements; the connection counts are real (the store counts the TCP connections it accepted).',
  ].join('\n\n'),
});
