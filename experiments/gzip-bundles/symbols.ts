// Symbol-file-like text: what the article's service receives. Breakpad .sym
// files are a MODULE line, FILE records, then FUNC records each followed by
// line records (address, size, line, file) and STACK CFI unwind rules, with
// PUBLIC records for exported names. Hex addresses climb through the module,
// so the text compresses well but not trivially. Two knobs match the article's
// compression ratios: `hashed`, the share of function names that carry a
// Rust-style 64-bit hash (17h…E), adds incompressible bytes; `unwind`, the
// mean count of long, repetitive STACK CFI rule lines per function, adds
// very compressible ones.

import { mulberry32 } from '../../lib/inputs/random.ts';

export interface SymbolTextOptions {
  /** Seed of this file's generator: the same seed gives the same bytes. */
  seed: number;
  /** Exact length of the text in bytes (ASCII). */
  bytes: number;
  /** Share of function names with a random 64-bit hash suffix, 0…1. */
  hashed: number;
  /** Mean count of extra STACK CFI rule lines per function: the share of very redundant bytes. */
  unwind: number;
  /** Module name written in the MODULE line. */
  module: string;
}

const WORDS = [
  'alloc', 'buffer', 'cache', 'dispatch', 'element', 'frame', 'graph', 'handle', 'index', 'layout', 'match', 'node',
  'observer', 'parser', 'queue', 'reader', 'stream', 'style', 'table', 'thread', 'update', 'value', 'widget', 'writer',
  'channel', 'context', 'decoder', 'encoder', 'event', 'filter', 'glyph', 'image', 'js', 'key', 'listener', 'manager',
  'network', 'object', 'painter', 'request', 'runtime', 'script', 'selector', 'shape', 'socket', 'storage', 'surface',
  'task', 'text', 'timer', 'token', 'tree', 'url', 'view', 'window', 'worker', 'atom', 'block', 'chunk', 'color',
];
const VERBS = ['Get', 'Set', 'Create', 'Destroy', 'Init', 'Run', 'Handle', 'Process', 'Update', 'Compute', 'Find', 'Append', 'Remove', 'Visit', 'Flush', 'Resolve'];
const NAMESPACES = ['mozilla', 'js', 'dom', 'gfx', 'layers', 'net', 'ipc', 'std', 'core', 'alloc', 'style', 'wr', 'webrender', 'layout', 'media', 'gl'];
const TYPES = ['int', 'unsigned int', 'bool', 'char const*', 'void*', 'nsAString const&', 'JSContext*', 'size_t', 'double', 'uint8_t*', 'RefPtr<T>&&'];
const DIRS = ['src', 'dom/base', 'js/src/jit', 'gfx/layers', 'netwerk/protocol/http', 'layout/generic', 'xpcom/ds', 'media/libvpx', 'third_party/rust', 'toolkit/components'];

/** The text of one symbol file, exactly `bytes` long (small files and tests). */
export function symbolText(options: SymbolTextOptions): string {
  return [...symbolChunks(options)].join('');
}

/** Streams the text in pieces of about `chunkChars` characters; the pieces add up to exactly `bytes`. */
export function* symbolChunks({ seed, bytes, hashed, unwind, module }: SymbolTextOptions, chunkChars = 1 << 20): Generator<string> {
  if (!Number.isInteger(bytes) || bytes < 0) throw new Error(`symbol text: bytes must be a non-negative integer (got ${bytes})`);
  if (!(hashed >= 0 && hashed <= 1)) throw new Error(`symbol text: hashed must be within 0…1 (got ${hashed})`);
  if (!(unwind >= 0)) throw new Error(`symbol text: unwind must be non-negative (got ${unwind})`);
  const random = mulberry32(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const word = () => pick(WORDS);
  const title = () => {
    const w = word();
    return w[0]!.toUpperCase() + w.slice(1);
  };
  // Eight hex digits per draw: one call instead of one per digit.
  const hex8 = () => Math.floor(random() * 0x1_0000_0000).toString(16).padStart(8, '0');
  const hex = (digits: number) => {
    let s = '';
    while (s.length < digits) s += hex8();
    return s.slice(0, digits);
  };
  // A module reuses its names: full signatures come from a per-file pool, as
  // the same classes and templates recur all through a real symbol file.
  const classes = Array.from({ length: Math.min(64, 8 + Math.floor(bytes / 40_000)) }, () => `${pick(NAMESPACES)}::${pick(NAMESPACES)}::${title()}${title()}`);
  const template = (depth: number): string => (depth === 0 || random() < 0.4 ? pick(classes) : `${pick(classes)}<${template(depth - 1)}, ${template(depth - 1)}>`);
  const signature = () => {
    const args = Array.from({ length: Math.floor(random() * 4) }, () => (random() < 0.5 ? pick(TYPES) : `${template(2)} const&`)).join(', ');
    return `${template(3)}::${pick(VERBS)}${title()}(${args})${random() < 0.3 ? ' const' : ''}`;
  };
  const pool = Array.from({ length: Math.min(1600, 16 + Math.floor(bytes / 4_000)) }, signature);
  const mangled = () => {
    const cls = `${title()}${title()}`;
    const fn = `${pick(VERBS)}${title()}`;
    return `_ZN${cls.length}${cls}${fn.length}${fn}17h${hex(16)}E`;
  };
  const name = () => (random() < hashed ? mangled() : pick(pool));
  // The FILE table grows with the module, so small files are not all header.
  const files = Math.min(400, 4 + Math.floor(bytes / 25_000));

  let emitted = 0;
  let pending: string[] = [];
  let pendingChars = 0;
  const push = (line: string) => {
    pending.push(line);
    pendingChars += line.length;
  };
  // Header: the module id and the FILE table.
  push(`MODULE Linux x86_64 ${hex(32).toUpperCase()}0 ${module}\nINFO CODE_ID ${hex(40).toUpperCase()}\n`);
  for (let f = 0; f < files; f++) push(`FILE ${f} /builds/worker/checkouts/gecko/${pick(DIRS)}/${word()}_${word()}.cpp\n`);

  let address = 0x1000 + Math.floor(random() * 0x10000);
  for (;;) {
    if (pendingChars >= chunkChars || emitted + pendingChars >= bytes) {
      const chunk = pending.join('');
      pending = [];
      pendingChars = 0;
      if (emitted + chunk.length >= bytes) {
        yield chunk.slice(0, bytes - emitted);
        return;
      }
      emitted += chunk.length;
      yield chunk;
    }
    // One function: FUNC, its line records, its unwind rules; now and then a PUBLIC.
    const lines = 1 + Math.floor(random() * random() * 8);
    const file = Math.floor(random() * files);
    const start = address;
    let line = 1 + Math.floor(random() * 3000);
    const records: string[] = [];
    for (let i = 0; i < lines; i++) {
      const step = STEPS[Math.floor(random() * STEPS.length)]!;
      records.push(`${address.toString(16)} ${step.toString(16)} ${line} ${file}\n`);
      address += step;
      line += LINE_DELTAS[Math.floor(random() * LINE_DELTAS.length)]!;
    }
    const size = (address - start).toString(16);
    push(`FUNC ${start.toString(16)} ${size} 0 ${name()}\n`);
    for (const r of records) push(r);
    push(`STACK CFI INIT ${start.toString(16)} ${size} .cfa: $rsp 8 + .ra: .cfa -8 + ^\n`);
    push(`STACK CFI ${(start + 1).toString(16)} .cfa: $rsp 16 + $rbp: .cfa -16 + ^\n`);
    // Unwind rules after each push: long, repetitive lines that compress very well.
    for (let i = 0, n = Math.floor(random() * 2 * unwind); i < n; i++) push(`STACK CFI ${(start + 4 + i).toString(16)} ${CFI_RULES[i % CFI_RULES.length]}\n`);
    if (random() < 0.1) push(`PUBLIC ${address.toString(16)} 0 ${name()}\n`);
    address += ALIGN[Math.floor(random() * ALIGN.length)]!;
  }
}

/** Instruction-run lengths of line records: mostly short, as compilers emit them. */
const STEPS = [3, 4, 4, 5, 7, 8, 8, 9, 12, 16];
/** Line-number steps between records: mostly the next line or two, sometimes back. */
const LINE_DELTAS = [1, 1, 1, 1, 2, 1, 3, 0, -4, 1];
/** Unwind rules as compilers emit them after each register push. */
const CFI_RULES = [
  '.cfa: $rbp 16 + $rbx: .cfa -56 + $r12: .cfa -48 + $r13: .cfa -40 + $r14: .cfa -32 + $r15: .cfa -24 + ^',
  '.cfa: $rsp 24 + $r15: .cfa -24 + ^',
  '.cfa: $rsp 32 + $r14: .cfa -32 + $r15: .cfa -24 + ^',
  '.cfa: $rsp 40 + $r13: .cfa -40 + $r14: .cfa -32 + $r15: .cfa -24 + ^',
  '.cfa: $rsp 48 + $r12: .cfa -48 + $r13: .cfa -40 + $r14: .cfa -32 + $r15: .cfa -24 + ^',
];
/** Padding between functions. */
const ALIGN = [0, 0, 4, 12];
