import { describe, expect, it } from 'vitest';
import type { Point } from './points.ts';
import { bestAgainstBest, bestSentence, bestTable } from './best-against-best.ts';

const point = (strategy: string, runtime: 'node' | 'python', walls: number[], model = 'serial'): Point =>
  ({ key: strategy, strategy, runtime, model, at: {}, rows: [], walls, wall: { median: walls[1]! } }) as unknown as Point;

const points = [
  point('node-serial', 'node', [100, 102, 98]),
  point('node-pool', 'node', [50, 52, 48], 'worker-threads'),
  point('pigz', 'node', [10, 10, 10], 'external'),
  point('py-serial', 'python', [1000, 1010, 990]),
  point('py-pool', 'python', [600, 610, 590], 'python-processes'),
];
const spec = { work: 'the job', cores: 2, points, serial: (p: Point) => p.strategy.endsWith('serial'), label: (p: Point) => p.strategy };

describe('bestAgainstBest', () => {
  it('picks each runtime’s fastest path (never an external tool), its own serial path, and sets them against the limit', () => {
    const b = bestAgainstBest(spec);
    expect(b.node?.strategy).toBe('node-pool');
    expect(b.python?.strategy).toBe('py-pool');
    expect(b.node?.serial.strategy).toBe('node-serial');
    // 50 ms against 100 ms ÷ 2 cores: at the limit.
    expect(b.node!.againstLimit.value).toBeCloseTo(1, 1);
    expect(b.python!.againstLimit.value).toBeCloseTo(1.2, 1);
    expect(b.ratio!.value).toBeCloseTo(50 / 600, 2);
    expect(b.ratio!.hi).toBeLessThan(1);
  });

  it('without one runtime: no ratio, no sentence, a table of one row', () => {
    const b = bestAgainstBest({ ...spec, points: points.filter((p) => p.runtime === 'node') });
    expect(b.python).toBeUndefined();
    expect(b.ratio).toBeUndefined();
    expect(bestSentence(b)).toBeUndefined();
    expect(bestTable(b).rows).toHaveLength(1);
  });

  it('says which is faster, with its interval', () => {
    const sentence = bestSentence(bestAgainstBest(spec))!;
    expect(sentence).toMatch(/Node’s is [\d.]+× faster than Python’s \([\d.]+–[\d.]+\)/);
  });
});
