// Where a thumbnail's time goes, stage by stage, one photo at a time: each
// stage is its own call (a sharp call for a libvips stage, an fs call for the
// I/O), timed in wall clock and in the CPU of the whole process (every thread:
// libuv's and libvips' too). The stages run photo by photo, in an order that
// turns with each photo, so a slow spell of the host falls on every stage
// alike. Python's stages (peer.py) are measured the same way and named alike
// where they do the same thing (STAGE_PAIRS).

import { readFileSync, writeFileSync } from 'node:fs';
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { configureSharp, JPEG, RESIZE, sharpThumbnail, shrinkOnLoad, TUNED_JPEG, TUNED_RESIZE, type Sharp } from './sharp-pipeline.ts';
import { THUMBNAIL } from './thumbnail.ts';

/** One row of the `stages` side table: a stage's totals over a trial's photos. */
export interface StageRow {
  [column: string]: string | number;
  long_side: number;
  runtime: 'node' | 'python';
  stage: string;
  photos: number;
  wall_ms: number;
  cpu_ms: number;
}

/** What each stage is, in the report's words; the order is the table's. */
export const NODE_STAGES = {
  libuv: 'a libuv thread-pool round trip (`fs.promises.stat`)',
  call: 'one sharp call that does nothing: a 1 × 1 raw image in, raw out',
  read: 'read the photo: `fs.promises.readFile`',
  'read-sync': 'read the photo: `fs.readFileSync`',
  header: 'parse the header: `sharp(bytes).metadata()`',
  decode: 'decode every pixel: `sharp(bytes).raw()`',
  'decode-shrink': 'decode with shrink-on-load as the thumbnail does (a nearest-neighbour resize to 128 picks the same JPEG shrink): `.resize(128, 128, { kernel: nearest }).raw()`',
  resize: 'resize the shrink-on-load pixels to 128, lanczos3 (sharp’s default): `sharp(raw).resize(128, 128).raw()`',
  'resize-cubic': 'the same resize, bicubic (Pillow’s filter)',
  encode: 'encode the 128-pixel thumbnail at quality 75, Huffman tables optimised (sharp’s default)',
  'encode-plain': 'the same encode with standard Huffman tables (`optimiseCoding: false`, as Pillow)',
  write: 'write the thumbnail: `fs.promises.writeFile`',
  'write-sync': 'write the thumbnail: `fs.writeFileSync`',
  'whole-files': 'the whole thumbnail, file to file: `sharp(path).resize().jpeg().toFile(path)` (node-sharp)',
  'whole-buffers': 'the whole thumbnail through memory: readFile, `sharp(bytes)…toBuffer()`, writeFile (node-sharp-buffers)',
  'whole-tuned': 'the whole thumbnail, tuned: sync read, bicubic, plain Huffman, sync write (node-sharp-tuned)',
  'whole-tuned-noshrink': 'tuned, with `fastShrinkOnLoad: false` (libvips shrinks on load only by half the factor)',
  'whole-tuned-random': 'tuned, with `sequentialRead: false` (random access)',
  'whole-tuned-vips2': 'tuned, with `sharp.concurrency(2)`: two libvips threads on the one photo',
} as const;
export type NodeStage = keyof typeof NODE_STAGES;

export const PYTHON_STAGES = {
  read: 'read the photo: `open(path, "rb").read()`',
  header: 'parse the header: `Image.open(path)`',
  decode: 'decode every pixel: `Image.open(bytes).load()`',
  'decode-draft': 'decode as the thumbnail does: `draft()` (JPEG DCT scaling) to twice the thumbnail, then `load()`',
  resize: 'resize the drafted pixels to the thumbnail, bicubic with `reducing_gap=2.0`, as `Image.thumbnail`',
  encode: 'encode the thumbnail: `save(BytesIO, "JPEG")` (quality 75, standard Huffman tables)',
  write: 'write the thumbnail’s bytes to its file',
  whole: 'the whole thumbnail: the article’s `make_image_thumbnail`',
} as const;
export type PythonStage = keyof typeof PYTHON_STAGES;

/** Node and Python stages that do the same thing, side by side in the report: [label, node, python]. */
export const STAGE_PAIRS: readonly (readonly [string, NodeStage, PythonStage])[] = [
  ['read the photo', 'read-sync', 'read'],
  ['parse the header', 'header', 'header'],
  ['decode every pixel', 'decode', 'decode'],
  ['decode as the thumbnail does', 'decode-shrink', 'decode-draft'],
  ['resize to 128 (bicubic)', 'resize-cubic', 'resize'],
  ['encode the thumbnail', 'encode-plain', 'encode'],
  ['write the thumbnail', 'write-sync', 'write'],
  ['the whole thumbnail', 'whole-tuned', 'whole'],
];

/** The pairs a thumbnail is made of, in order (parsing the header alone and decoding every pixel are not steps of it). */
export const THUMBNAIL_PATH: readonly NodeStage[] = ['read-sync', 'decode-shrink', 'resize-cubic', 'encode-plain', 'write-sync'];

const ONE_PIXEL = { raw: { width: 1, height: 1, channels: 3 } } as const;

interface Prepared {
  bytes: Buffer;
  /** Pixels at the size shrink-on-load decodes to (what the resize stage starts from). */
  shrunk: { data: Buffer; raw: { width: number; height: number; channels: 3 } };
  /** The thumbnail's pixels (what the encode stages start from). */
  thumb: { data: Buffer; raw: { width: number; height: number; channels: 3 } };
  jpeg: Buffer;
}

type Stage = (i: number, p: Prepared) => unknown;

async function prepare(sharp: Sharp, file: string): Promise<Prepared> {
  const bytes = readFileSync(file);
  const { width = 0, height = 0 } = await sharp(bytes).metadata();
  const s = shrinkOnLoad(width, height);
  const raw = async (img: ReturnType<Sharp>) => {
    const { data, info } = await img.removeAlpha().raw().toBuffer({ resolveWithObject: true });
    return { data, raw: { width: info.width, height: info.height, channels: 3 as const } };
  };
  // libjpeg's scaled size is the ceiling; content aside (this resize is nearest), these are the pixels the resize stage gets.
  const shrunk = await raw(sharp(bytes).resize(Math.ceil(width / s), Math.ceil(height / s), { fit: 'fill', kernel: 'nearest' }));
  const thumb = await raw(sharp(bytes).resize(THUMBNAIL.maxSide, THUMBNAIL.maxSide, RESIZE));
  const jpeg = await sharp(thumb.data, { raw: thumb.raw }).jpeg(JPEG).toBuffer();
  return { bytes, shrunk, thumb, jpeg };
}

/**
 * Time every Node stage on every photo, one call at a time. `outDir` gets the
 * thumbnails of the whole-files stage (the trial's result); the other stages
 * write theirs into `scratchDir`.
 */
export async function nodeStages({ sharp, files, outDir, scratchDir, longSide, outName }: { sharp: Sharp; files: readonly string[]; outDir: string; scratchDir: string; longSide: number; outName: (file: string) => string }): Promise<StageRow[]> {
  configureSharp(sharp);
  const scratch = (i: number) => path.join(scratchDir, outName(files[i]!));
  const tuned = (i: number, options: { fastShrinkOnLoad?: boolean; sequentialRead?: boolean }) =>
    sharp(readFileSync(files[i]!), options.sequentialRead === false ? { sequentialRead: false } : {})
      .resize(THUMBNAIL.maxSide, THUMBNAIL.maxSide, options.fastShrinkOnLoad === false ? { ...TUNED_RESIZE, fastShrinkOnLoad: false } : TUNED_RESIZE)
      .jpeg(TUNED_JPEG)
      .toBuffer()
      .then((b) => writeFileSync(scratch(i), b));
  const stages: Record<NodeStage, Stage> = {
    libuv: (i) => stat(files[i]!),
    call: () => sharp(Buffer.alloc(3), ONE_PIXEL).raw().toBuffer(),
    read: (i) => readFile(files[i]!),
    'read-sync': (i) => readFileSync(files[i]!),
    header: (_, p) => sharp(p.bytes).metadata(),
    decode: (_, p) => sharp(p.bytes).raw().toBuffer(),
    'decode-shrink': (_, p) => sharp(p.bytes).resize(THUMBNAIL.maxSide, THUMBNAIL.maxSide, { ...RESIZE, kernel: 'nearest' }).raw().toBuffer(),
    resize: (_, p) => sharp(p.shrunk.data, { raw: p.shrunk.raw }).resize(THUMBNAIL.maxSide, THUMBNAIL.maxSide, RESIZE).raw().toBuffer(),
    'resize-cubic': (_, p) => sharp(p.shrunk.data, { raw: p.shrunk.raw }).resize(THUMBNAIL.maxSide, THUMBNAIL.maxSide, TUNED_RESIZE).raw().toBuffer(),
    encode: (_, p) => sharp(p.thumb.data, { raw: p.thumb.raw }).jpeg(JPEG).toBuffer(),
    'encode-plain': (_, p) => sharp(p.thumb.data, { raw: p.thumb.raw }).jpeg(TUNED_JPEG).toBuffer(),
    write: (i, p) => writeFile(scratch(i), p.jpeg),
    'write-sync': (i, p) => writeFileSync(scratch(i), p.jpeg),
    'whole-files': (i) => sharpThumbnail(sharp, 'files', files[i]!, path.join(outDir, outName(files[i]!))),
    'whole-buffers': (i) => sharpThumbnail(sharp, 'buffers', files[i]!, scratch(i)),
    'whole-tuned': (i) => sharpThumbnail(sharp, 'tuned', files[i]!, scratch(i)),
    'whole-tuned-noshrink': (i) => tuned(i, { fastShrinkOnLoad: false }),
    'whole-tuned-random': (i) => tuned(i, { sequentialRead: false }),
    'whole-tuned-vips2': async (i) => {
      configureSharp(sharp, 2);
      try {
        await sharpThumbnail(sharp, 'tuned', files[i]!, scratch(i));
      } finally {
        configureSharp(sharp, 1);
      }
    },
  };
  return timeStages({ stages, files, longSide, runtime: 'node', prepare: (file) => prepare(sharp, file) });
}

/** The stage loop: photo by photo, every stage once, the order turned by one each photo; the first photo once untimed first. */
export async function timeStages<S extends string, P>({ stages, files, longSide, runtime, prepare }: { stages: Record<S, (i: number, p: P) => unknown>; files: readonly string[]; longSide: number; runtime: 'node' | 'python'; prepare: (file: string) => Promise<P> }): Promise<StageRow[]> {
  const names = Object.keys(stages) as S[];
  const totals = new Map(names.map((n) => [n, { wall: 0, cpu: 0 }]));
  if (files.length === 0) throw new Error('the stage breakdown needs at least one photo');
  // A warm-up pass on the first photo: the first call of each kind loads code and allocates pools.
  const first = await prepare(files[0]!);
  for (const name of names) await stages[name](0, first);
  for (let i = 0; i < files.length; i++) {
    const p = await prepare(files[i]!);
    for (let k = 0; k < names.length; k++) {
      const name = names[(i + k) % names.length]!;
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      await stages[name](i, p);
      const wall = performance.now() - t0;
      const cpu = process.cpuUsage(c0);
      const sum = totals.get(name)!;
      sum.wall += wall;
      sum.cpu += (cpu.user + cpu.system) / 1000;
    }
  }
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return names.map((stage) => ({ long_side: longSide, runtime, stage, photos: files.length, wall_ms: round(totals.get(stage)!.wall), cpu_ms: round(totals.get(stage)!.cpu) }));
}
