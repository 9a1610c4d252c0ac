import { describe, expect, it } from 'vitest';
import experiment from './experiment.ts';
import { ARTICLE_LOADS, DEFAULT_LOADS, DEFAULTS, DISK_LOADS, resolveLoads, WORKLOADS } from './params.ts';
import { FULL_FEW_REPS_POINTS } from './params.ts';
import { BASELINE, IO_STEPS_STRATEGIES, IO_STEPS_WORKLOAD, NODE_STRATEGIES, PAYLOAD_WORKLOAD, payloadLabel, planCells, pointName, PYTHON311_STRATEGIES, PYTHON_STRATEGIES, SHARING_STRATEGIES, SHARING_WORKLOAD, type CellPoint } from './plan.ts';

const full = experiment.profiles.full.params;
const cellsOf = (params = full, interpreters = true) => planCells(params, { interpreters }).map((c) => ({ strategy: c.strategy, repetitions: c.repetitions ?? Number(params.repetitions), ...(c.point as unknown as CellPoint) }));
/** The pool cells: everything but the sharing probes, the fixed cost and io_heavy's step probes. */
const poolCellsOf = (params = full, interpreters = true) => cellsOf(params, interpreters).filter((c) => c.workload !== SHARING_WORKLOAD && c.workload !== PAYLOAD_WORKLOAD && c.workload !== IO_STEPS_WORKLOAD);

describe('the profiles', () => {
  it('full runs the article’s own loads (and the disk workload’s), 4 workers and 4 tasks', () => {
    const { article } = resolveLoads(full);
    for (const w of WORKLOADS) expect(article.filter((l) => l.workload === w).map((l) => l.n)).toEqual(DEFAULT_LOADS[w]);
    expect(DEFAULT_LOADS.io).toEqual(ARTICLE_LOADS.io);
    expect(DEFAULT_LOADS.disk).toEqual(DISK_LOADS);
    expect(full.workers).toBe(4);
    expect(full.tasks).toBe(4);
    expect(full.sweep_workers).toEqual([1, 2, 4, 8]);
  });

  it('every profile plans without error, every cell naming a defined strategy', () => {
    const names = new Set(experiment.strategies.map((s) => s.name));
    for (const profile of Object.values(experiment.profiles)) {
      const cells = planCells(profile.params);
      expect(cells.length).toBeGreaterThan(0);
      for (const c of cells) expect(names.has(c.strategy)).toBe(true);
    }
  });
});

describe('planCells(params)', () => {
  it('plans no cell twice', () => {
    const keys = cellsOf().map((c) => `${c.strategy}|${c.workload}|${c.load}|${c.workers}|${c.tasks}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('gives every point its own strategy’s one-task point and its runtime’s baseline at the same load', () => {
    for (const profile of Object.values(experiment.profiles)) {
      const cells = poolCellsOf(profile.params);
      const has = (s: string, c: CellPoint) => cells.some((d) => d.strategy === s && d.workload === c.workload && d.load === c.load && d.workers === 1 && d.tasks === 1);
      for (const c of cells) {
        if (profile.params.own_single_tasks !== false) expect(has(c.strategy, c), `${c.strategy} ${c.workload} ${c.load}`).toBe(true);
        expect(has(c.strategy.startsWith('python') ? BASELINE.python : BASELINE.node, c), `${c.strategy} ${c.workload} ${c.load}`).toBe(true);
      }
    }
    // Cut, only the baselines run one task on one worker (a sweep with 1 worker runs every pool’s).
    const cut = poolCellsOf({ ...full, own_single_tasks: false, sweep_workers: [] }).filter((c) => c.workers === 1 && c.tasks === 1);
    expect(new Set(cut.map((c) => c.strategy))).toEqual(new Set([...Object.values(BASELINE), 'python311-threads']));
  });

  it('plans the interpreter pool by default (without a 3.14 the runner records its rows as skipped), and leaves it out on request', () => {
    expect(planCells(full).some((c) => c.strategy === 'python-interpreters')).toBe(true);
    expect(cellsOf(full, true).some((c) => c.strategy === 'python-interpreters')).toBe(true);
    const without = cellsOf(full, false);
    expect(without.some((c) => c.strategy === 'python-interpreters')).toBe(false);
    expect(without.filter((c) => c.strategy === 'python-processes').length).toBe(cellsOf(full, true).filter((c) => c.strategy === 'python-processes').length);
  });

  it('runs the grid, the scaled loads and the CPU share’s single tasks 3 times, cutting only the side points and the named heavy ones', () => {
    const cells = poolCellsOf(full, false);
    const name = (c: (typeof cells)[number]) => pointName(c.strategy, c.workload, c.load, c.workers);
    for (const c of cells) {
      const grid = c.workers === full.workers && c.tasks === full.tasks;
      const scaledOne = c.load.includes('-x') && c.workers === 1;
      const shareOne = (Object.values(BASELINE) as string[]).includes(c.strategy) && c.load === 'high' && c.workers === 1 && c.tasks === 1;
      const expected = FULL_FEW_REPS_POINTS.includes(name(c)) ? full.few_repetitions : grid || scaledOne ? full.repetitions : shareOne ? full.share_repetitions : full.side_repetitions;
      expect(c.repetitions, name(c)).toBe(expected);
    }
    expect(full.repetitions).toBeGreaterThanOrEqual(3);
    expect(cells.filter((c) => c.repetitions < 3).every((c) => c.strategy !== 'node-worker-threads' || c.workers !== full.workers)).toBe(true);
    expect(() => planCells({ ...full, few_reps_points: ['python-threads cpu max 4'] })).toThrow('few_reps_points names points the plan does not run: python-threads cpu max 4');
  });

  it('runs the scaled loads for Node only, n times the scale, on the workloads with a scale above 1', () => {
    const scaled = cellsOf().filter((c) => c.load.includes('-x'));
    expect(new Set(scaled.map((c) => c.workload))).toEqual(new Set(['cpu']));
    expect(scaled.every((c) => c.strategy.startsWith('node-'))).toBe(true);
    expect(scaled.find((c) => c.workload === 'cpu')).toMatchObject({ load: 'med-x30', n: 20_000_000 * 30 });
    const both = cellsOf({ ...full, memory_node_scale: 2, cpu_node_scale: 60, scaled_level: 'low' }).filter((c) => c.load.includes('-x'));
    expect(new Set(both.map((c) => c.load))).toEqual(new Set(['low-x60', 'low-x2']));
  });

  it('sweeps tasks = workers at 1, 2, 4 and 8, Node on the scaled load where there is one', () => {
    const sweep = cellsOf().filter((c) => c.workers === c.tasks && c.workers === 8);
    expect(sweep.filter((c) => c.workload === 'cpu').map((c) => [c.strategy, c.load]).sort()).toEqual(
      [['node-child-processes', 'med-x30'], ['node-event-loop', 'med-x30'], ['node-worker-threads', 'med-x30'], ['python-interpreters', 'low'], ['python-processes', 'low'], ['python-threads', 'low']],
    );
    expect(sweep.filter((c) => c.workload === 'memory').every((c) => c.load === 'low')).toBe(true);
    expect(sweep.find((c) => c.workload === 'io')).toMatchObject({ load: 'low', n: 10 });
  });

  it('puts a light cell first for every strategy, since the first is its warm-up', () => {
    const first = new Map<string, CellPoint>();
    for (const c of poolCellsOf()) if (!first.has(c.strategy)) first.set(c.strategy, c);
    for (const c of first.values()) expect(c).toMatchObject({ workload: 'cpu', load: 'low' });
  });

  it('runs the 3.11 thread and process pools at the low load only: the article’s grid and their own single task, no sweep', () => {
    for (const profile of Object.values(experiment.profiles).filter((p) => (p.params.python311_levels as string[]).length > 0)) {
      const cells = poolCellsOf(profile.params).filter((c) => (PYTHON311_STRATEGIES as readonly string[]).includes(c.strategy));
      const params = profile.params;
      expect(new Set(cells.map((c) => c.strategy))).toEqual(new Set(PYTHON311_STRATEGIES));
      expect(new Set(cells.map((c) => c.load))).toEqual(new Set(['low']));
      expect(new Set(cells.map((c) => c.workload))).toEqual(new Set(WORKLOADS));
      expect(new Set(cells.map((c) => `${c.workers}x${c.tasks}`))).toEqual(new Set(['1x1', `${params.workers}x${params.tasks}`]));
    }
    expect(() => planCells({ ...full, python311_levels: ['max'] })).toThrow("parameter python311_levels must list some of the run's levels");
    expect(poolCellsOf({ ...full, python311_levels: [] }).some((c) => c.strategy.startsWith('python311-'))).toBe(false);
  });

  it('plans each sharing probe once, at its own point with n = sharing_bytes, after every pool cell', () => {
    for (const profile of Object.values(experiment.profiles)) {
      const cells = cellsOf(profile.params);
      const sharing = cells.filter((c) => c.workload === SHARING_WORKLOAD);
      expect(sharing.map((c) => c.strategy)).toEqual([...SHARING_STRATEGIES]);
      for (const c of sharing) expect(c).toMatchObject({ load: 'rules', n: profile.params.sharing_bytes, workers: 1, tasks: 1, repetitions: 1 });
      expect(cells.slice(-SHARING_STRATEGIES.length).every((c) => c.workload === SHARING_WORKLOAD)).toBe(true);
    }
    expect(full.sharing_bytes).toBe(10_000_000);
    expect(() => planCells({ ...full, sharing_bytes: 0 })).toThrow('parameter sharing_bytes must be a positive integer');
  });

  it('plans the fixed cost for every Node model and 3.14 pool: each pool size with the smallest payload, each payload on a pool of one', () => {
    const cells = cellsOf().filter((c) => c.workload === PAYLOAD_WORKLOAD);
    expect(new Set(cells.map((c) => c.strategy))).toEqual(new Set([...NODE_STRATEGIES, ...PYTHON_STRATEGIES]));
    for (const strategy of [...NODE_STRATEGIES, ...PYTHON_STRATEGIES]) {
      const own = cells.filter((c) => c.strategy === strategy).map((c) => `${c.n}×${c.workers}`);
      expect(own).toEqual(['1000×1', '1000×2', '1000×4', '1000×8', '100000×1', '1000000×1', '10000000×1']);
    }
    for (const c of cells) expect(c).toMatchObject({ load: payloadLabel(c.n), tasks: full.payload_rounds, repetitions: full.repetitions });
    expect(cells.map((c) => c.load).filter((l, i, a) => a.indexOf(l) === i)).toEqual(['1 KB', '100 KB', '1 MB', '10 MB']);
    expect(cellsOf({ ...full, fixed_workers: [] }).some((c) => c.workload === PAYLOAD_WORKLOAD)).toBe(false);
    expect(() => planCells({ ...full, payload_bytes: [0] })).toThrow('parameter payload_bytes must be a list of positive integers');
    expect(() => planCells({ ...full, payload_rounds: 0 })).toThrow('parameter payload_rounds must be a positive integer');
  });

  it('gives every interpreter-pool cell another strategy at the same result point, so its digest is checked against theirs', () => {
    const keys = experiment.resultDependsOn!;
    expect(keys).toEqual(['workload', 'n', 'tasks']);
    for (const profile of Object.values(experiment.profiles)) {
      const cells = poolCellsOf(profile.params);
      const key = (c: CellPoint) => keys.map((k) => String(c[k as keyof CellPoint])).join('|');
      for (const c of cells.filter((d) => d.strategy === 'python-interpreters')) {
        const others = new Set(cells.filter((d) => d.strategy !== c.strategy && key(d) === key(c)).map((d) => d.strategy));
        expect(others.has('python-threads') && others.has('python-processes'), `${c.workload} ${c.load} ${c.workers}`).toBe(true);
        // Node sweeps its scaled cpu load instead; on the article's grid and single tasks it runs the same n.
        const onGrid = (c.workers === profile.params.workers && c.tasks === profile.params.tasks) || c.tasks === 1;
        if (c.workload !== 'cpu' || onGrid) expect([...others].some((s) => s.startsWith('node-')), `${c.workload} ${c.load} ${c.workers}`).toBe(true);
      }
    }
  });

  it('runs the disk workload as the article’s four: every level, every pool, its single tasks and the sweep', () => {
    const disk = poolCellsOf().filter((c) => c.workload === 'disk');
    expect(new Set(disk.map((c) => c.strategy))).toEqual(new Set([...NODE_STRATEGIES, ...PYTHON_STRATEGIES, ...PYTHON311_STRATEGIES]));
    expect(new Set(disk.map((c) => `${c.load} ${c.n}`))).toEqual(new Set(['low 16', 'med 32', 'high 64']));
    expect(new Set(disk.filter((c) => c.strategy === 'node-event-loop').map((c) => c.workers))).toEqual(new Set([1, 2, 4, 8]));
  });

  it('gives each runtime’s baseline, one task on one worker at the heaviest level, share_repetitions: the CPU share’s run', () => {
    for (const profile of Object.values(experiment.profiles)) {
      const params = profile.params;
      const levels = params.levels as string[];
      const heaviest = ['low', 'med', 'high'].filter((l) => levels.includes(l)).at(-1);
      const cells = poolCellsOf(params).filter((c) => c.workers === 1 && c.tasks === 1 && !c.load.includes('-x'));
      for (const c of cells) {
        const share = (Object.values(BASELINE) as string[]).includes(c.strategy) && c.load === heaviest;
        if (share) expect(c.repetitions, `${c.strategy} ${c.workload} ${c.load}`).toBe(Math.max(Number(params.share_repetitions), Number(params.side_repetitions)));
      }
      for (const w of WORKLOADS) for (const s of Object.values(BASELINE)) expect(cells.some((c) => c.strategy === s && c.workload === w && c.load === heaviest), `${s} ${w}`).toBe(true);
    }
    expect(full.share_repetitions).toBe(3);
  });

  it('plans io_heavy’s step probes once each at n = io_steps_mb, or none at 0', () => {
    for (const profile of Object.values(experiment.profiles)) {
      const steps = cellsOf(profile.params).filter((c) => c.workload === IO_STEPS_WORKLOAD);
      expect(steps.map((c) => c.strategy)).toEqual([...IO_STEPS_STRATEGIES]);
      for (const c of steps) expect(c).toMatchObject({ load: 'steps', n: profile.params.io_steps_mb, workers: 1, tasks: 1, repetitions: 1 });
    }
    expect(full.io_steps_mb).toBe(ARTICLE_LOADS.io[1]);
    expect(cellsOf({ ...full, io_steps_mb: 0 }).some((c) => c.workload === IO_STEPS_WORKLOAD)).toBe(false);
    expect(() => planCells({ ...full, io_steps_mb: -1 })).toThrow('parameter io_steps_mb must be a non-negative integer');
  });

  it('rejects parameters that do not fit together, saying which', () => {
    expect(() => planCells({ ...DEFAULTS, cpu_n: [1, 2] })).toThrow('parameter cpu_n has 2 values for 3 levels');
    expect(() => planCells({ ...DEFAULTS, levels: ['high'], cpu_n: [1], memory_n: [1], io_mb: [1], disk_mb: [1], network_requests: [1] })).toThrow('parameter scaled_level must be one of');
    expect(() => planCells({ ...DEFAULTS, workers: 0 })).toThrow('parameter workers must hold positive integers');
    expect(() => planCells({ ...DEFAULTS, sweep_level: 'max' })).toThrow('parameter sweep_level must be one of');
  });
});

describe('the strategies', () => {
  const byName = new Map(experiment.strategies.map((s) => [s.name, s]));

  it('runs the article’s Python on CPython 3.14, 3.11 beside it, and declares the sharing table', () => {
    for (const name of [...PYTHON_STRATEGIES, 'python-sharing', 'python-io-steps']) expect(byName.get(name), name).toMatchObject({ runtime: 'python', python: '3.14' });
    for (const name of PYTHON311_STRATEGIES) {
      const s = byName.get(name)!;
      expect(s.runtime).toBe('python');
      expect((s as { python?: string }).python).toBeUndefined();
    }
    expect(byName.get('python-interpreters')).toMatchObject({ model: 'python-interpreters', requires: ['concurrent.interpreters'] });
    expect(byName.get('python-sharing')).toMatchObject({ script: 'sharing_peer.py' });
    expect(byName.get('node-sharing')).toMatchObject({ runtime: 'node' });
    expect(Object.keys(experiment.tables?.sharing ?? {})).toEqual(['runtime', 'executor', 'model', 'case', 'role', 'value', 'outcome', 'error', 'message', 'cause', 'arrived_as', 'shared', 'ms']);
    expect(Object.keys(experiment.tables?.io_steps ?? {})).toEqual(['runtime', 'step', 'round', 'mb', 'wall_ms', 'user_ms', 'sys_ms']);
  });

  it('says in each pool strategy’s description what its start-up holds', () => {
    expect(byName.get('python-interpreters')!.description).toMatch(/each interpreter is created on its first task/);
    expect(byName.get('python-processes')!.description).toMatch(/forkserver/);
  });
});
