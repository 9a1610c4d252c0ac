import { describe, expect, it } from 'vitest';
import { planTrials } from '../../lib/run/plan.ts';
import experiment from './experiment.ts';
import { planCells, pythonDefaults } from './plan.ts';

const full = experiment.profiles.full.params;
const cells = planCells(full, { cores: 2, pigz: true });
const at = (bundle: string) => cells.filter((c) => c.point.bundle === bundle).map((c) => `${c.strategy}:${c.point.workers}`);

describe('planCells', () => {
  it('planCells(full) runs the article’s four functions and Node’s analogs on every bundle', () => {
    for (const bundle of ['typical', 'a', 'b', 'c']) {
      expect(at(bundle)).toEqual(expect.arrayContaining(['node-serial:1', 'node-libuv:4', 'node-threads:2', 'node-processes:2', 'python-f1:1', 'python-f2:2', 'python-f3:6', 'python-f4:2']));
    }
  });

  it('planCells(full) sweeps UV_THREADPOOL_SIZE 1, 2, 4, 8 and the pools at 1, 2, 4 on the typical bundle, libuv at 2 and 4 on bundle c, and only default sizes on a and b', () => {
    expect(at('typical')).toEqual(expect.arrayContaining(['node-libuv:1', 'node-libuv:2', 'node-libuv:8', 'node-threads:1', 'node-threads:4', 'node-processes:1', 'node-processes:4', 'pigz:1', 'pigz:2']));
    expect(at('c')).toEqual(expect.arrayContaining(['node-libuv:2', 'node-libuv:4', 'node-threads:2', 'node-processes:2', 'pigz:2']));
    expect(at('c')).not.toContain('node-libuv:1');
    expect(at('c')).not.toContain('node-libuv:8');
    expect(at('c')).not.toContain('pigz:1');
    for (const bundle of ['a', 'b']) {
      expect(at(bundle).filter((s) => /^(node-libuv|node-threads|node-processes):/.test(s)).sort()).toEqual(['node-libuv:4', 'node-processes:2', 'node-threads:2']);
      expect(at(bundle).some((s) => s.startsWith('pigz'))).toBe(false);
    }
  });

  it('planCells(full) runs the block compressor on the large-file bundle and the uploads on the typical one only', () => {
    expect(at('b')).toEqual(expect.arrayContaining(['node-blocks:2']));
    expect(at('typical')).toEqual(expect.arrayContaining(['node-upload-serial:1', 'node-upload-shared:10', 'node-upload-per-request:10']));
    expect(cells.filter((c) => c.strategy.startsWith('node-upload')).every((c) => c.point.bundle === 'typical')).toBe(true);
  });

  it('planTrials(planCells(full)) gives every point the verdicts read 3 repetitions', () => {
    const trials = planTrials(cells, { repetitions: Number(full.repetitions), warmup: 0 });
    const reps = new Map<string, number>();
    for (const t of trials) reps.set(`${t.cell.strategy}:${t.cell.point.bundle}:${t.cell.point.workers}`, (reps.get(`${t.cell.strategy}:${t.cell.point.bundle}:${t.cell.point.workers}`) ?? 0) + 1);
    for (const bundle of ['a', 'b', 'c']) {
      for (const s of ['node-serial:1', 'node-libuv:4', 'node-threads:2', 'node-processes:2', 'python-f1:1', 'python-f2:2', 'python-f3:6', 'python-f4:2']) {
        const [strategy, workers] = s.split(':');
        expect(reps.get(`${strategy}:${bundle}:${workers}`), `${s} on ${bundle}`).toBeGreaterThanOrEqual(3);
      }
    }
    expect(reps.get('node-blocks:b:2')).toBeGreaterThanOrEqual(3);
  });

  it('planCells(params, { pigz: false }) leaves pigz out', () => {
    expect(planCells(full, { cores: 2, pigz: false }).some((c) => c.strategy === 'pigz')).toBe(false);
  });

  it('planCells(full) gives every point every point column, and the codec that decides its digest group', () => {
    for (const c of cells) expect(Object.keys(c.point).sort()).toEqual(Object.keys(experiment.pointColumns).sort());
    expect(new Set(cells.filter((c) => c.strategy.startsWith('python-')).map((c) => c.point.codec))).toEqual(new Set(['python-zlib']));
    expect(new Set(cells.filter((c) => c.strategy.startsWith('node-upload')).map((c) => c.point.codec))).toEqual(new Set(['node-zlib']));
  });

  it('planTrials(planCells(full)) warms every strategy up on the typical bundle, where a warm-up costs milliseconds', () => {
    const warmups = planTrials(cells, { repetitions: 3, warmup: 1 }).filter((t) => t.warmup);
    expect(warmups.length).toBe(new Set(cells.map((c) => c.strategy)).size);
    expect(warmups.every((t) => t.cell.point.bundle === 'typical')).toBe(true);
  });

  it('pythonDefaults(cores) is what Pool(), ThreadPoolExecutor() and ProcessPoolExecutor() pick', () => {
    expect(pythonDefaults(2)).toEqual({ processes: 2, threads: 6 });
    expect(pythonDefaults(64)).toEqual({ processes: 64, threads: 32 });
  });

  it('every profile plans only strategies the experiment defines', () => {
    const names = new Set(experiment.strategies.map((s) => s.name));
    for (const p of ['smoke', 'quick', 'full'] as const) {
      for (const c of planCells(experiment.profiles[p].params, { cores: 2, pigz: true })) expect(names.has(c.strategy), c.strategy).toBe(true);
    }
  });
});
