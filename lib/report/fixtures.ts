// Test fixtures for the renderers: a small experiment, one machine's run and a
// report document with every kind of block. Builders return fresh objects so a
// test may mutate its copy (e.g. to inject hostile strings).

import * as Plot from '@observablehq/plot';
import type { Experiment } from '../experiment/types.ts';
import type { Meta } from '../data/provenance.ts';
import type { ReportDoc } from './doc.ts';
import type { PageInput } from './page.ts';

export const FIXTURE_MACHINE = 'test-box';

export function fixtureExperiment(): Experiment {
  return {
    id: 'fixture-io',
    title: 'Threads for I/O, processes for CPU',
    article: {
      author: 'A. Writer',
      title: 'Python threads & the GIL',
      venue: 'Example Blog',
      date: '2012-01-16',
      url: 'https://example.org/gil',
    },
    question: 'Do threads speed up *I/O-bound* work but not CPU-bound work?',
    claims: [
      { id: 'io-threads', text: 'Threads speed up I/O-bound downloads.' },
      { id: 'cpu-processes', text: 'Only processes speed up CPU-bound work.' },
    ],
    profiles: {
      smoke: { description: 'seconds; checks that everything runs', params: { n: 2, workers: [1, 2] } },
      quick: { description: 'about a minute on 2 cores', params: { n: 20, workers: [1, 2, 4], verify: true } },
      full: { description: 'about ten minutes on 2 cores', params: { n: 200, workers: [1, 2, 4, 8] } },
    },
    pointColumns: { workers: 'int' },
    strategies: [
      { name: 'worker-pool', runtime: 'node', model: 'worker-threads', description: 'A `piscina` pool.', run: async () => {} },
      { name: 'py-threads', runtime: 'python', model: 'python-threads', description: 'The article’s ThreadPoolExecutor.' },
    ],
    plan: () => [],
    method: 'The article downloads pages; here a local server stands in.\n\n- same sizes\n- same counts',
  };
}

export function fixtureMeta(): Meta {
  return {
    experiment: 'fixture-io',
    reference_machine: FIXTURE_MACHINE,
    runs: {
      [FIXTURE_MACHINE]: {
        machine: {
          machine_id: FIXTURE_MACHINE,
          hostname: 'box.local',
          cpu_model: 'Example CPU @ 2.0GHz',
          cores: 2,
          memory_bytes: 8 * 2 ** 30,
          os: 'Debian GNU/Linux 12 (bookworm)',
          kernel: '6.1.0-18-amd64',
          arch: 'x64',
        },
        software: {
          node: '20.20.2',
          v8: '11.3.244.8',
          python: { path: '/usr/bin/python3', version: '3.11.2', modules: { psutil: true, gevent: false } },
          packages: { piscina: '5.3.2', '@observablehq/plot': '0.6.17' },
          tools: { pigz: '2.6', hyperfine: null },
        },
        git: { commit: '0123456789abcdef0123456789abcdef01234567', dirty: false },
        profile: 'quick',
        params: { n: 20, workers: [1, 2, 4], verify: true },
        inputs: { seed: 42, hashes: {} },
        code_hash: 'c0ffee',
        started_at: '2024-05-01T10:00:00.000Z',
        ended_at: '2024-05-01T10:01:30.000Z',
        trials: { planned: 24, ok: 20, failed: 1, skipped: 2, disturbed: 1, warmup: 4 },
        notes: ['gevent is missing: the `py-gevent` rows are skipped.'],
      },
    },
  };
}

const TIMES = [
  { strategy: 'worker-pool', workers: 1, wall_ms: 410 },
  { strategy: 'worker-pool', workers: 2, wall_ms: 220 },
  { strategy: 'worker-pool', workers: 4, wall_ms: 215 },
  { strategy: 'py-threads', workers: 1, wall_ms: 980 },
  { strategy: 'py-threads', workers: 2, wall_ms: 975 },
  { strategy: 'py-threads', workers: 4, wall_ms: 990 },
];

export function fixtureDoc(): ReportDoc {
  return {
    headline: 'Node’s worker pool halves the time on 2 cores; Python threads do not move.',
    claims: [
      {
        id: 'io-threads',
        claim: 'Threads speed up I/O-bound downloads.',
        article: '4.2× with 8 threads',
        python: '3.9× with 8 threads',
        node: '4.1× with 8 concurrent requests',
        verdict: 'reproduced',
        basis: 'Speed-up within 20 % of the article’s.',
      },
      {
        id: 'cpu-processes',
        claim: 'Only processes speed up CPU-bound work.',
        article: '1.9× with 2 processes',
        python: '',
        node: '1.9× with 2 worker threads',
        verdict: 'differs in Node',
        basis: 'Node threads run JavaScript in parallel.',
      },
    ],
    sections: [
      {
        id: 'scaling',
        title: 'Scaling with workers',
        blocks: [
          { kind: 'markdown', text: 'Wall time of the work, median of the repetitions.' },
          {
            kind: 'figure',
            figure: {
              id: 'wall-by-strategy',
              title: 'Wall time at 2 workers',
              caption: 'Lower is better; `py-threads` is flat.',
              plot: {
                y: { label: 'wall time (ms)', grid: true },
                marks: [Plot.barY(TIMES.filter((d) => d.workers === 2), { x: 'strategy', y: 'wall_ms' }), Plot.ruleY([0])],
              },
            },
          },
          {
            kind: 'figure',
            figure: {
              id: 'wall-by-workers',
              title: 'Wall time by worker count',
              caption: 'One line per strategy.',
              plot: {
                x: { type: 'log', label: 'workers' },
                color: { legend: true },
                marks: [Plot.lineY(TIMES, { x: 'workers', y: 'wall_ms', stroke: 'strategy', marker: true })],
              },
            },
          },
          {
            kind: 'table',
            table: {
              id: 'wall-table',
              title: 'Median wall time',
              caption: 'Milliseconds.',
              columns: [
                { key: 'strategy', label: 'Strategy' },
                { key: 'workers', label: 'Workers' },
                { key: 'wall_ms', label: 'Wall (ms)', digits: 1 },
              ],
              rows: TIMES.map((t) => ({ ...t })),
            },
          },
          { kind: 'note', tone: 'warning', text: 'One trial was **disturbed** by another process.' },
        ],
      },
    ],
  };
}

export function fixturePageInput(): PageInput {
  return {
    experiment: fixtureExperiment(),
    doc: fixtureDoc(),
    meta: fixtureMeta(),
    machineId: FIXTURE_MACHINE,
    dataFiles: [
      { label: 'results.csv', href: '../data/fixture-io/results.csv' },
      { label: 'run.json', href: '../data/fixture-io/test-box/run.json' },
    ],
    otherMachines: ['other-box'],
  };
}
