import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { acrossMachinesSection, type MachineGuide } from './across-machines.ts';
import { fixtureDoc, fixtureExperiment, fixtureMeta } from './fixtures.ts';
import type { GuideEntry } from './guide.ts';
import { renderIndex, type IndexInput } from './index-page.ts';
import { renderSection } from './blocks.ts';

const entry = (over: Partial<GuideEntry> = {}): GuideEntry => ({
  kind: 'pure-js-cpu', runtime: 'node', work: 'burning 4 tasks', model: 'worker-threads', strategy: 'pool', factor: 1.9, interval: { value: 1.9, lo: 1.8, hi: 2.0, n: 5 }, phrase: '1.90× (1.80–2.00) over serial',
  paysFrom: 'from 10 units', startupMs: 40, idleBytesPerWorker: 10 * 2 ** 20, figure: 'time-by-workers',
  cpuShare: { cores: { value: 0.98, lo: 0.95, hi: 1.01, n: 3 }, where: 'node-serial (the serial loop), on the same work', machineCores: 2 }, measuredKind: 'cpu-bound', ...over,
});
const waits = { cpuShare: { cores: { value: 0.05, lo: 0.04, hi: 0.06, n: 3 }, where: 'node-event-loop, one task', machineCores: 2 }, measuredKind: 'io-bound' } as const;

function input(guide: GuideEntry[]): IndexInput {
  const meta = fixtureMeta();
  meta.runs['box-16'] = { ...meta.runs[meta.reference_machine]!, machine: { ...meta.runs[meta.reference_machine]!.machine, machine_id: 'box-16', cores: 16 } };
  return { entries: [{ experiment: fixtureExperiment(), doc: fixtureDoc(), meta, href: 'fixture-io.html', guide }] };
}

describe('the index as a decision guide', () => {
  it('lists each kind of work with its winner, linked to the supporting figure', () => {
    const doc = new JSDOM(renderIndex(input([entry(), entry({ runtime: 'python', model: 'python-processes', kind: 'network-io', article: 'Threads win.' })]))).window.document;
    const node = doc.getElementById('guide-node')!;
    const cpu = [...node.querySelectorAll('tbody tr')].find((tr) => tr.textContent!.includes('Pure-JS'))!;
    expect(cpu.textContent).toContain('1.90× (1.80–2.00) over serial');
    expect(cpu.textContent).toContain('start-up 40 ms; 10.0 MiB idle per worker');
    expect([...cpu.querySelectorAll('a')].every((a) => a.getAttribute('href') === 'fixture-io.html#time-by-workers')).toBe(true);
    expect(node.textContent).toContain('not measured');
    const py = doc.getElementById('guide-python')!;
    expect(py.querySelector('td.article')!.textContent).toBe('Threads win.');
    expect(py.textContent).toContain('python-processes');
  });

  it('states each row’s CPU share, in cores and of the machine, with where it was measured and what it says', () => {
    const doc = new JSDOM(renderIndex(input([entry()]))).window.document;
    const cell = doc.querySelector('#guide-node td.cpu-share')!.textContent!;
    expect(cell).toContain('0.98 cores (0.95–1.01 cores), 49 % (48–51 %) of the 2 cores');
    expect(cell).toContain('CPU-bound (above 0.5 of a core)');
    expect(cell).toContain('measured on node-serial (the serial loop), on the same work');
  });

  it('files a row under the kind of work it measured: IO that keeps a core busy is CPU work, with the article’s label beside it', () => {
    const busyIo = entry({ kind: 'file-io', work: 'io_heavy', figure: 'throughput-io' });
    const disk = entry({ kind: 'file-io', work: 'durable writes', figure: 'throughput-disk', ...waits });
    const net = entry({ kind: 'network-io', work: 'GETs', ...waits });
    const memory = entry({ kind: 'memory-heavy', work: 'arrays' });
    const doc = new JSDOM(renderIndex(input([busyIo, disk, net, memory]))).window.document;
    const heads = [...doc.querySelectorAll('#guide-node tbody th')].map((th) => th.textContent);
    // The refiled group sits after the CPU kinds; File IO keeps the row that waits.
    expect(heads).toEqual(['Pure-JS / pure-Python CPU', 'Native CPU off the main thread (zlib, libvips)', 'CPU work (the article’s file IO)', 'Many small tasks', 'Large payloads', 'Network IO', 'File IO', 'Memory-heavy']);
    const rowOf = (head: string) => [...doc.querySelectorAll('#guide-node tbody tr')].find((tr) => tr.querySelector('th')?.textContent === head)!;
    expect(rowOf('CPU work (the article’s file IO)').textContent).toContain('io_heavy');
    expect(rowOf('File IO').textContent).toContain('durable writes');
    expect(rowOf('File IO').textContent).toContain('waits: IO-bound (below 0.25 of a core)');
    expect(rowOf('Network IO').textContent).toContain('waits: IO-bound');
    // A kind that says nothing of CPU stays where it is, and says when its work was CPU-bound after all.
    expect(rowOf('Memory-heavy').textContent).toContain('CPU-bound after all');
    expect(rowOf('Pure-JS / pure-Python CPU').textContent).toContain('not measured');
  });

  it('keeps a row under its own kind while its share is undecided, and says why', () => {
    const thin = entry({ kind: 'file-io', cpuShare: { cores: { value: 0.9, lo: 0, hi: Infinity, n: 1 }, where: 'one trial', machineCores: 2 }, measuredKind: 'undecided' });
    const doc = new JSDOM(renderIndex(input([thin]))).window.document;
    const row = [...doc.querySelectorAll('#guide-node tbody tr')].find((tr) => tr.querySelector('th')?.textContent === 'File IO')!;
    expect(row.textContent).toContain('0.90 cores (one repetition: no interval)');
    expect(row.textContent).toContain('undecided: one trial, too few to judge');
  });

  it('counts verdicts with totals and lists every machine', () => {
    const doc = new JSDOM(renderIndex(input([]))).window.document;
    const total = doc.querySelector('#verdict-counts tr.total')!;
    expect([...total.querySelectorAll('td')].map((td) => td.textContent)).toEqual(['1', '0', '0', '1', '0', '0', '0', '2']);
    const machines = [...doc.querySelectorAll('#machines-table tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent));
    expect(machines.map((m) => [m[1], m[3]])).toEqual([['box-16', '16'], ['test-box (reference)', '2']]);
  });
});

describe('acrossMachinesSection', () => {
  const machines = (n: number): MachineGuide[] =>
    [{ id: 'box-2', cores: 2, f: 1.8 }, { id: 'box-16', cores: 16, f: 9.5 }].slice(0, n).map((m) => ({
      machineId: m.id, cpu: 'CPU', cores: m.cores, profile: 'full',
      entries: [entry({ factor: m.f, phrase: `${m.f.toFixed(2)}× over serial`, scaling: { cores: m.cores, points: [1, 2, 4, 8].map((w) => ({ workers: w, speedup: Math.min(w, m.cores) * 0.9 })) } })],
    }));

  it('is absent for one machine', () => {
    expect(acrossMachinesSection(machines(1))).toBeNull();
  });

  it('sets the winners side by side and overlays speed-up with each machine’s ideal', () => {
    const section = acrossMachinesSection(machines(2))!;
    const doc = new JSDOM(renderSection(section).toString()).window.document;
    expect([...doc.querySelectorAll('#across-machines-winners thead th')].map((th) => th.textContent)).toEqual(['Kind of work', 'Runtime', 'Work', 'box-2 (2 cores)', 'box-16 (16 cores)']);
    expect([...doc.querySelectorAll('#across-machines-winners tbody td')].map((td) => td.textContent).slice(3)).toEqual(['worker-threads, 1.80× over serial', 'worker-threads, 9.50× over serial']);
    const fig = doc.getElementById('across-machines-scaling-1')!;
    expect(fig.querySelectorAll('[stroke-dasharray] path').length).toBe(2); // one dashed ideal per machine
    expect(fig.textContent).toContain('box-16');
  });

  it('draws no overlay where only one machine swept that work', () => {
    const [a, b] = machines(2);
    const section = acrossMachinesSection([a!, { ...b!, entries: b!.entries.map((e) => ({ ...e, scaling: undefined })) }])!;
    expect(section.blocks.some((x) => x.kind === 'figure')).toBe(false);
    expect(section.blocks.some((x) => x.kind === 'table')).toBe(true);
  });
});
