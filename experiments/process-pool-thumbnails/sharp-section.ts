// The report's answer to "how close can Node get to Pillow?": Node's fastest
// way to make the thumbnails against Pillow's thread pool (leading with that
// finding in one sentence), the ways with sharp side by side and what each
// change buys, and where sharp's time goes stage by stage against Pillow's.
// Every number comes from the rows and the `stages` side table; every ratio
// carries its 95 % interval and its words come from lib/verdicts/wording.ts.

import type { Block, Section, Table } from '../../lib/report/doc.ts';
import { columns } from '../../lib/report/columns.ts';
import { count, ms, plural } from '../../lib/report/format.ts';
import { timeRatio } from '../../lib/report/points.ts';
import type { Interval } from '../../lib/stats/interval.ts';
import { orderOf } from '../../lib/verdicts/classify.ts';
import { estimate, versus } from '../../lib/verdicts/wording.ts';
import { busyCores, cpuRatio, perPhoto } from './analysis.ts';
import type { Context, ThumbPoint } from './context.ts';
import { phrase, pointLabel } from './labels.ts';
import { StageSet } from './stage-data.ts';
import { NODE_STAGES, PYTHON_STAGES, STAGE_PAIRS, THUMBNAIL_PATH, type NodeStage } from './stages.ts';
import { isSharpWay, type SizeComparison } from './ways.ts';

const md = (text: string): Block => ({ kind: 'markdown', text });
const note = (text: string): Block => ({ kind: 'note', tone: 'warning', text });
const DIGITS = { digits: 2 };
const round = (x: number, digits: number) => (Number.isFinite(x) ? Math.round(x * 10 ** digits) / 10 ** digits : null);
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const pillowPool = (p: ThumbPoint) => `Pillow’s ${count(p.workers)}-thread pool`;
/** A stage's cost: two decimals below a millisecond (a header parse is tens of microseconds), as lib's ms() above. */
export const stageMs = (x: number) => (Number.isFinite(x) && Math.abs(x) < 1 ? `${x.toFixed(2)} ms` : ms(x));

/** "the same as", "faster than" or "slower than" Pillow's pool: at least as fast when its interval says faster or the same. */
export function atLeastAsFast(ratio: Interval): boolean | undefined {
  const order = orderOf(ratio);
  return order === 'unclear' ? undefined : order !== 'slower';
}

// ---- the lead --------------------------------------------------------------------------------------

/**
 * One sentence: Node's fastest way on the comparison's photos, its time, and
 * how it stands against Pillow's thread pool.
 */
export function fastestSentence(ctx: Context, c: SizeComparison | undefined): string {
  const fast = c?.nodeFastest;
  if (!c || !fast) return 'No Node way to make the thumbnails was measured on the full set.';
  const pool = c.pillowThreads;
  const against = pool ? `, ${versus(timeRatio(fast, pool), pillowPool(pool))}` : ctx.pythonMissing ? ` (the article’s Python is ${ctx.pythonMissing})` : ', with no Pillow thread pool measured beside it';
  return `On ${plural(ctx.cores, 'core')} the fastest way Node made the ${count(c.images)} thumbnails of ${count(c.longSide)}-pixel photos is ${phrase(fast)}: ${ms(fast.wall.median)}${against}.`;
}

/** Whether the fastest way is at least as fast as Pillow's pool, in words; with what keeps it behind, stage by stage, when it is not (or cannot be told). */
export function verdictText(ctx: Context, c: SizeComparison | undefined, stages: StageSet | undefined): string {
  const fast = c?.nodeFastest;
  const pool = c?.pillowThreads;
  if (!c || !fast || !pool) return '';
  const ratio = timeRatio(fast, pool);
  const asFast = atLeastAsFast(ratio);
  const cpu = `It spends ${ms(perPhoto(fast, 'cpu'))} of CPU a photo against the pool’s ${ms(perPhoto(pool, 'cpu'))} (${estimate(cpuRatio(fast, pool))}) and keeps ${estimate(busyCores(fast), DIGITS)} cores busy against the pool’s ${estimate(busyCores(pool), DIGITS)}.`;
  if (asFast === true) return `Node’s fastest way is at least as fast as ${pillowPool(pool)} on these photos. ${cpu}`;
  const lead = asFast === false ? `Node’s fastest way is not as fast as ${pillowPool(pool)}.` : `Whether Node’s fastest way is at least as fast as ${pillowPool(pool)} these repetitions cannot tell.`;
  const behind = stages ? behindText(stages) : ' No stage breakdown ran here to say where the difference lies.';
  return `${lead} ${cpu}${behind}`;
}

/** The steps of the thumbnail where sharp costs more CPU than Pillow, the largest difference first. */
export function behindStages(stages: StageSet): { label: string; node: number; python: number; ratio: Interval }[] {
  return STAGE_PAIRS.filter(([, node]) => THUMBNAIL_PATH.includes(node))
    .flatMap(([label, node, python]) => {
      const ratio = stages.ratio(['node', node], ['python', python]);
      const n = stages.cpu('node', node);
      const p = stages.cpu('python', python);
      return ratio && n > p ? [{ label, node: n, python: p, ratio }] : [];
    })
    .sort((a, b) => b.node - b.python - (a.node - a.python));
}

function behindText(stages: StageSet): string {
  const list = behindStages(stages);
  const call = stages.cpu('node', 'call');
  const whole = stages.ratio(['node', 'whole-tuned'], ['python', 'whole']);
  const head = whole
    ? ` Stage by stage, one photo at a time (CPU per photo, medians of ${plural(stages.trials, 'trial')} on ${count(stages.photos)} photos), sharp’s tuned thumbnail costs ${stageMs(stages.cpu('node', 'whole-tuned'))} against Pillow’s ${stageMs(stages.cpu('python', 'whole'))} (${estimate(whole)}).`
    : '';
  const parts = list.map((s) => `${s.label}, ${stageMs(s.node)} against ${stageMs(s.python)} (${estimate(s.ratio)})`);
  const callText = Number.isFinite(call) ? ` Each sharp stage is one call, and a sharp call costs ${stageMs(call)} before it does any work (an empty call; Pillow’s stages are plain C calls on the calling thread): the tuned thumbnail is one call.` : '';
  return `${head}${parts.length ? ` What keeps it behind, step by step: ${parts.join('; ')}.` : ' No step of the thumbnail costs sharp more CPU than Pillow.'}${callText}`;
}

// ---- what each change buys ---------------------------------------------------------------------------

/** Each change from sharp's defaults, one at a time, on the comparison's photos: [what changed, the ratio's words]. */
export function changes(ctx: Context, c: SizeComparison): [string, string][] {
  const P = ctx.poolWorkers;
  const at = (strategy: string, workers: number) => c.points.find((p) => p.strategy === strategy && p.workers === workers && p.batch === 1);
  const steps: [string, ThumbPoint | undefined, ThumbPoint | undefined, string][] = [
    [`${count(P)} photos in flight instead of one`, at('node-sharp', P), at('node-sharp', 1), 'one at a time'],
    ['through buffers instead of file to file', at('node-sharp-buffers', P), at('node-sharp', P), 'file to file'],
    ['tuned as Pillow (bicubic, plain Huffman, synchronous reads and writes)', at('node-sharp-tuned', P), at('node-sharp-buffers', P), 'buffers with sharp’s defaults'],
    [`${count(2 * P)} photos in flight instead of ${count(P)}`, at('node-sharp-tuned', 2 * P), at('node-sharp-tuned', P), `${count(P)} in flight`],
    [`inside ${plural(P, 'worker thread')}`, at('node-sharp-workers', P), at('node-sharp-tuned', P), `the tuned way from the main thread`],
  ];
  return steps.flatMap(([what, a, b, than]) => (a && b ? [[what, versus(timeRatio(a, b), than)] as [string, string]] : []));
}

function waysTable(ctx: Context, c: SizeComparison, id: string): Table {
  const pool = c.pillowThreads;
  const shown = c.points.filter((p) => isSharpWay(p) || p.runtime === 'python').sort((a, b) => a.wall.median - b.wall.median);
  return {
    id,
    title: `The ways with sharp and Pillow’s: ${count(c.images)} photos of ${count(c.longSide)} pixels`,
    caption: `Fastest first, by median real time. CPU per photo is the whole process tree’s user + sys over the photos; busy cores are (user + sys) / real; the ratio to ${pool ? pillowPool(pool) : 'Pillow’s thread pool'} is of geometric means with its 95 % interval.`,
    columns: columns({ way: 'Way · in flight', real: 'Real (ms) >', cpu: 'CPU per photo (ms) >', busy: 'Busy cores >', ratio: 'Time vs Pillow’s pool (×) >', interval: '95 % interval >', n: 'Reps >' }, { real: 1, cpu: 2, busy: 2, ratio: 2 }),
    rows: shown.map((p) => {
      const r = pool && p !== pool ? timeRatio(p, pool) : undefined;
      return {
        way: `\`${pointLabel(ctx.experiment, p)}\``,
        real: round(p.wall.median, 1),
        cpu: round(perPhoto(p, 'cpu'), 2),
        busy: round(busyCores(p).value, 2),
        ratio: r ? round(r.value, 2) : null,
        interval: r && r.n >= 2 && Number.isFinite(r.hi) ? `${r.lo.toFixed(2)}–${r.hi.toFixed(2)}` : '',
        n: p.wall.n,
      };
    }),
  };
}

export function fastestSection(ctx: Context, c: SizeComparison | undefined, stages: StageSet | undefined): Section {
  const blocks: Block[] = [];
  if (c) {
    const steps = changes(ctx, c);
    if (steps.length) blocks.push(md(`What each change from sharp’s defaults buys on these photos, one change at a time: ${steps.map(([what, words]) => `${what}, ${words}`).join('; ')}.`));
    const verdict = verdictText(ctx, c, stages);
    if (verdict) blocks.push(md(verdict));
    blocks.push({ kind: 'table', table: waysTable(ctx, c, 'sharp-ways') });
  }
  blocks.push(
    md(
      'Every way with sharp keeps one libvips thread per photo (`sharp.concurrency(1)`) and sets `UV_THREADPOOL_SIZE` to the photos in flight, so each photo in flight has a libuv thread and none waits in libuv’s queue. Packages that decode JPEG with DCT scaling as Pillow’s `draft` does were looked for on the npm registry: `@napi-rs/image`, `@jsquash/jpeg` and `@cwasm/jpeg-turbo` decode every pixel (their decoders take no scale), and `jpeg-turbo` (libjpeg-turbo bindings built with node-pre-gyp at install) is not kept up; none was installed, so libvips’ shrink-on-load, through sharp, is the one DCT-scaled decoder here.',
    ),
  );
  return { id: 'node-fastest', title: 'Node’s fastest way against Pillow’s thread pool', lead: fastestSentence(ctx, c), blocks };
}

// ---- stage by stage ------------------------------------------------------------------------------------

const pythonOf = (stage: NodeStage) => STAGE_PAIRS.find(([, node]) => node === stage)?.[2];

export function stageTable(stages: StageSet): Table {
  const rows = (Object.keys(NODE_STAGES) as NodeStage[])
    .filter((stage) => stages.get('node', stage))
    .map((stage) => {
      const py = pythonOf(stage);
      const r = py ? stages.ratio(['node', stage], ['python', py]) : undefined;
      return {
        stage: `\`${stage}\``,
        what: NODE_STAGES[stage],
        node_cpu: round(stages.cpu('node', stage), 3),
        node_wall: round(stages.wall('node', stage), 3),
        python: py && stages.get('python', py) ? `\`${py}\`` : '',
        python_cpu: py ? round(stages.cpu('python', py), 3) : null,
        ratio: r ? round(r.value, 2) : null,
        interval: r && r.n >= 2 && Number.isFinite(r.hi) ? `${r.lo.toFixed(2)}–${r.hi.toFixed(2)}` : '',
      };
    });
  return {
    id: `sharp-stages-${stages.longSide}`,
    title: `Where sharp’s time goes against Pillow’s: ${count(stages.longSide)}-pixel photos, one at a time`,
    caption: `Each stage timed as its own call, one photo at a time, over ${count(stages.photos)} photos in each of ${plural(stages.trials, 'clean trial')}; medians of the trials’ per-photo costs. CPU is the whole process’s (libuv’s and libvips’ threads included), so every sharp stage carries one call’s fixed cost (\`call\`). Pillow’s stage is the one that does the same thing (${Object.entries(PYTHON_STAGES)
      .map(([k, v]) => `\`${k}\`: ${v}`)
      .join('; ')}); the ratio is sharp’s CPU over Pillow’s, of geometric means with its 95 % interval.`,
    columns: columns({ stage: 'Stage', what: 'What it times <', node_cpu: 'sharp CPU (ms) >', node_wall: 'sharp real (ms) >', python: 'Pillow stage', python_cpu: 'Pillow CPU (ms) >', ratio: 'sharp ÷ Pillow (×) >', interval: '95 % interval >' }, { node_cpu: 3, node_wall: 3, python_cpu: 3, ratio: 2 }),
    rows,
  };
}

/** What the stage table says, in sentences: whole against whole, the fixed cost of a call, the files, decoding, and each of sharp's options. */
export function stageFindings(stages: StageSet): string[] {
  const out: string[] = [];
  const cpuWords = (r: Interval | undefined, what: string) => (r ? `${estimate(r)} the CPU of ${what}` : '');
  const whole = stages.ratio(['node', 'whole-tuned'], ['python', 'whole']);
  if (whole) out.push(`sharp’s tuned thumbnail costs ${stageMs(stages.cpu('node', 'whole-tuned'))} of CPU a photo, Pillow’s ${stageMs(stages.cpu('python', 'whole'))}: ${estimate(whole)} as much.`);
  const call = stages.cpu('node', 'call');
  const libuv = stages.cpu('node', 'libuv');
  const tuned = stages.cpu('node', 'whole-tuned');
  if (Number.isFinite(call) && Number.isFinite(tuned)) {
    out.push(`An empty sharp call costs ${stageMs(call)} of CPU (${Math.round((call / tuned) * 100)} % of the tuned thumbnail)${Number.isFinite(libuv) ? `, of which a libuv round trip alone is ${stageMs(libuv)}` : ''}: the rest is libvips building and running a pipeline on a thread of its own.`);
  }
  const files = stages.ratio(['node', 'whole-files'], ['node', 'whole-buffers']);
  if (files) out.push(`File to file, letting libvips open the photo and write the thumbnail, costs ${cpuWords(files, 'the same pipeline through buffers')}.`);
  const decode = stages.ratio(['node', 'decode'], ['python', 'decode']);
  const shrink = stages.ratio(['node', 'decode-shrink'], ['node', 'decode']);
  const draft = stages.ratio(['python', 'decode-draft'], ['python', 'decode']);
  if (decode) out.push(`Decoding every pixel costs sharp ${stageMs(stages.cpu('node', 'decode'))} and Pillow ${stageMs(stages.cpu('python', 'decode'))} (${estimate(decode)}).`);
  if (shrink || draft) {
    out.push(capital(`${[shrink ? `sharp’s shrink-on-load decode costs ${cpuWords(shrink, 'decoding every pixel')}` : '', draft ? `Pillow’s \`draft\` decode ${cpuWords(draft, 'its full decode')}` : ''].filter(Boolean).join('; ')}.`));
  }
  const options: [string, NodeStage, NodeStage, string][] = [
    ['standard Huffman tables', 'encode-plain', 'encode', 'optimised ones'],
    ['bicubic', 'resize-cubic', 'resize', 'lanczos3'],
    ['`fastShrinkOnLoad: false`', 'whole-tuned-noshrink', 'whole-tuned', 'the default'],
    ['`sequentialRead: false`', 'whole-tuned-random', 'whole-tuned', 'sequential reads'],
  ];
  const opts = options.flatMap(([what, a, b, than]) => {
    const r = stages.ratio(['node', a], ['node', b]);
    return r ? [`${what}: ${cpuWords(r, than)}`] : [];
  });
  if (opts.length) out.push(capital(`sharp’s options, one at a time: ${opts.join('; ')}.`));
  const vipsWall = stages.ratio(['node', 'whole-tuned-vips2'], ['node', 'whole-tuned'], 'wall');
  const vipsCpu = stages.ratio(['node', 'whole-tuned-vips2'], ['node', 'whole-tuned']);
  if (vipsWall && vipsCpu) out.push(`Two libvips threads on one photo (\`sharp.concurrency(2)\`) cost ${estimate(vipsCpu)} the CPU of one thread, and in real time are ${versus(vipsWall, 'one thread')}.`);
  const idle = stages.wall('node', 'whole-tuned') - stages.cpu('node', 'whole-tuned');
  if (Number.isFinite(idle)) out.push(`One photo at a time, the tuned thumbnail takes ${stageMs(stages.wall('node', 'whole-tuned'))} of real time for ${stageMs(stages.cpu('node', 'whole-tuned'))} of CPU: ${idle > 0 ? `${stageMs(idle)} a photo is waiting (threads handing the photo on: JavaScript to libuv to libvips and back)` : 'no time is lost waiting between threads'}.`);
  return out.map(capital);
}

export function stagesSection(sets: StageSet[]): Section | undefined {
  if (sets.length === 0) return undefined;
  const blocks: Block[] = [
    md(
      'Where a thumbnail’s time goes: each stage of sharp’s thumbnail, and of Pillow’s, timed as its own call, one photo at a time, in the same trial (`node-sharp-stages` and `python-stages`); the stages take turns photo by photo, so a slow spell of the host falls on all of them alike. The CPU is the whole process’s, every thread of it.',
    ),
  ];
  for (const set of sets) {
    const findings = stageFindings(set);
    blocks.push(md(`**${count(set.longSide)}-pixel photos.** ${findings.join(' ')}`));
    if (set.trials < 2) blocks.push(note(`At ${count(set.longSide)} pixels the stage breakdown ran ${plural(set.trials, 'clean trial')}: its ratios have no interval.`));
    blocks.push({ kind: 'table', table: stageTable(set) });
  }
  return { id: 'sharp-stages', title: 'Where sharp’s time goes, stage by stage', lead: stagesLead(sets[0]!), blocks };
}

/** One sentence: the whole thumbnail's CPU, sharp against Pillow, on the smallest photos, and the step that differs most. */
export function stagesLead(stages: StageSet): string | undefined {
  const whole = stages.ratio(['node', 'whole-tuned'], ['python', 'whole']);
  if (!whole) return undefined;
  const [top] = behindStages(stages);
  const most = top ? `; most of the difference is ${top.label}, ${stageMs(top.node)} against ${stageMs(top.python)}` : '';
  return `One ${count(stages.longSide)}-pixel photo at a time, sharp’s tuned thumbnail costs ${stageMs(stages.cpu('node', 'whole-tuned'))} of CPU and Pillow’s ${stageMs(stages.cpu('python', 'whole'))} (${estimate(whole)})${most}.`;
}
