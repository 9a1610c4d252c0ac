// A small baseline JPEG encoder (JFIF, YCbCr 4:2:0, the standard Huffman
// tables of ITU T.81 Annex K). Written here because jpeg-js rebuilds its
// Huffman lookup tables on every encode() call, ~20 ms each: that fixed cost
// would outweigh a 128-pixel thumbnail's real encoding work. This encoder
// builds its tables once per quality and encodes a thumbnail in well under a
// millisecond; it also writes the generated input photos.

export interface RgbaImage {
  width: number;
  height: number;
  /** width × height × 4 bytes, row-major; alpha ignored. */
  data: Uint8Array;
}

// Natural (row-major) index of the k-th coefficient in zig-zag order.
const ZIGZAG = [
  0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28, 35, 42, 49, 56, 57, 50, 43, 36,
  29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
];

// Annex K.1 quantization tables, row-major.
const LUMA_Q = [
  16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22, 29, 51, 87, 80, 62, 18, 22, 37, 56, 68, 109,
  103, 77, 24, 35, 55, 64, 81, 104, 113, 92, 49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99,
];
const CHROMA_Q = [
  17, 18, 24, 47, 99, 99, 99, 99, 18, 21, 26, 66, 99, 99, 99, 99, 24, 26, 56, 99, 99, 99, 99, 99, 47, 66, 99, 99, 99, 99, 99, 99, ...Array(32).fill(99),
];

// Annex K.3 Huffman tables: code counts per length 1..16, then the symbols.
export const HUFFMAN = {
  dcLuma: { counts: [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0], symbols: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] },
  dcChroma: { counts: [0, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0], symbols: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] },
  acLuma: {
    counts: [0, 2, 1, 3, 3, 2, 4, 3, 5, 5, 4, 4, 0, 0, 1, 0x7d],
    symbols: [
      0x01, 0x02, 0x03, 0x00, 0x04, 0x11, 0x05, 0x12, 0x21, 0x31, 0x41, 0x06, 0x13, 0x51, 0x61, 0x07, 0x22, 0x71, 0x14, 0x32, 0x81, 0x91, 0xa1, 0x08, 0x23,
      0x42, 0xb1, 0xc1, 0x15, 0x52, 0xd1, 0xf0, 0x24, 0x33, 0x62, 0x72, 0x82, 0x09, 0x0a, 0x16, 0x17, 0x18, 0x19, 0x1a, 0x25, 0x26, 0x27, 0x28, 0x29, 0x2a,
      0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3a, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49, 0x4a, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59, 0x5a, 0x63, 0x64,
      0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8a, 0x92, 0x93, 0x94,
      0x95, 0x96, 0x97, 0x98, 0x99, 0x9a, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7, 0xa8, 0xa9, 0xaa, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8, 0xb9, 0xba, 0xc2,
      0xc3, 0xc4, 0xc5, 0xc6, 0xc7, 0xc8, 0xc9, 0xca, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8, 0xd9, 0xda, 0xe1, 0xe2, 0xe3, 0xe4, 0xe5, 0xe6, 0xe7, 0xe8,
      0xe9, 0xea, 0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8, 0xf9, 0xfa,
    ],
  },
  acChroma: {
    counts: [0, 2, 1, 2, 4, 4, 3, 4, 7, 5, 4, 4, 0, 1, 2, 0x77],
    symbols: [
      0x00, 0x01, 0x02, 0x03, 0x11, 0x04, 0x05, 0x21, 0x31, 0x06, 0x12, 0x41, 0x51, 0x07, 0x61, 0x71, 0x13, 0x22, 0x32, 0x81, 0x08, 0x14, 0x42, 0x91, 0xa1,
      0xb1, 0xc1, 0x09, 0x23, 0x33, 0x52, 0xf0, 0x15, 0x62, 0x72, 0xd1, 0x0a, 0x16, 0x24, 0x34, 0xe1, 0x25, 0xf1, 0x17, 0x18, 0x19, 0x1a, 0x26, 0x27, 0x28,
      0x29, 0x2a, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3a, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49, 0x4a, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59, 0x5a, 0x63,
      0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8a, 0x92,
      0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9a, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7, 0xa8, 0xa9, 0xaa, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8, 0xb9,
      0xba, 0xc2, 0xc3, 0xc4, 0xc5, 0xc6, 0xc7, 0xc8, 0xc9, 0xca, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8, 0xd9, 0xda, 0xe2, 0xe3, 0xe4, 0xe5, 0xe6, 0xe7,
      0xe8, 0xe9, 0xea, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8, 0xf9, 0xfa,
    ],
  },
} as const;

interface HuffmanSpec {
  counts: readonly number[];
  symbols: readonly number[];
}

/** Canonical codes: symbol → [code, length]. */
function buildCodes(spec: HuffmanSpec): { code: Uint16Array; length: Uint8Array } {
  const code = new Uint16Array(256);
  const length = new Uint8Array(256);
  let next = 0;
  let k = 0;
  for (let bits = 1; bits <= 16; bits++) {
    for (let i = 0; i < spec.counts[bits - 1]!; i++) {
      const symbol = spec.symbols[k++]!;
      code[symbol] = next++;
      length[symbol] = bits;
    }
    next <<= 1;
  }
  return { code, length };
}

// AAN scale factors of the float forward DCT (libjpeg's jfdctflt), folded into the divisors.
const AAN = [1, 1.387039845, 1.306562965, 1.175875602, 1, 0.785694958, 0.5411961, 0.275899379];

/** IJG's quality scaling of a base table; returns the table (natural order) and the DCT divisors. */
function quantTable(base: readonly number[], quality: number): { table: Uint8Array; divisors: Float64Array } {
  const q = Math.min(100, Math.max(1, Math.round(quality)));
  const scale = q < 50 ? Math.floor(5000 / q) : 200 - 2 * q;
  const table = new Uint8Array(64);
  const divisors = new Float64Array(64);
  for (let i = 0; i < 64; i++) {
    table[i] = Math.min(255, Math.max(1, Math.floor((base[i]! * scale + 50) / 100)));
    divisors[i] = 1 / (table[i]! * AAN[i >> 3]! * AAN[i & 7]! * 8);
  }
  return { table, divisors };
}

interface Tables {
  luma: ReturnType<typeof quantTable>;
  chroma: ReturnType<typeof quantTable>;
  dcLuma: ReturnType<typeof buildCodes>;
  dcChroma: ReturnType<typeof buildCodes>;
  acLuma: ReturnType<typeof buildCodes>;
  acChroma: ReturnType<typeof buildCodes>;
  header: Uint8Array;
}

const tablesByQuality = new Map<number, Tables>();

function tablesFor(quality: number): Tables {
  let t = tablesByQuality.get(quality);
  if (!t) {
    t = {
      luma: quantTable(LUMA_Q, quality),
      chroma: quantTable(CHROMA_Q, quality),
      dcLuma: buildCodes(HUFFMAN.dcLuma),
      dcChroma: buildCodes(HUFFMAN.dcChroma),
      acLuma: buildCodes(HUFFMAN.acLuma),
      acChroma: buildCodes(HUFFMAN.acChroma),
      header: new Uint8Array(0),
    };
    t.header = tableSegments(t);
    tablesByQuality.set(quality, t);
  }
  return t;
}

/** DQT and DHT segments: the same for every image of a quality. */
function tableSegments(t: Tables): Uint8Array {
  const out: number[] = [0xff, 0xdb, 0, 132];
  for (const [id, q] of [[0, t.luma], [1, t.chroma]] as const) {
    out.push(id);
    for (let k = 0; k < 64; k++) out.push(q.table[ZIGZAG[k]!]!);
  }
  const specs: [number, HuffmanSpec][] = [[0x00, HUFFMAN.dcLuma], [0x10, HUFFMAN.acLuma], [0x01, HUFFMAN.dcChroma], [0x11, HUFFMAN.acChroma]];
  const dhtLength = 2 + specs.reduce((s, [, spec]) => s + 17 + spec.symbols.length, 0);
  out.push(0xff, 0xc4, dhtLength >> 8, dhtLength & 0xff);
  for (const [id, spec] of specs) out.push(id, ...spec.counts, ...spec.symbols);
  return Uint8Array.from(out);
}

/** Appends bits MSB first, stuffing a zero byte after every 0xFF. */
class BitWriter {
  bytes: Uint8Array;
  length = 0;
  #acc = 0;
  #bits = 0;
  constructor(capacity: number) {
    this.bytes = new Uint8Array(capacity);
  }
  #byte(b: number): void {
    if (this.length + 2 > this.bytes.length) {
      const grown = new Uint8Array(this.bytes.length * 2);
      grown.set(this.bytes);
      this.bytes = grown;
    }
    this.bytes[this.length++] = b;
    if (b === 0xff) this.bytes[this.length++] = 0;
  }
  write(code: number, length: number): void {
    this.#acc = (this.#acc << length) | code;
    this.#bits += length;
    while (this.#bits >= 8) {
      this.#bits -= 8;
      this.#byte((this.#acc >> this.#bits) & 0xff);
    }
    this.#acc &= (1 << this.#bits) - 1;
  }
  /** Pad the last byte with ones, as T.81 asks. */
  flush(): void {
    if (this.#bits > 0) this.write((1 << (8 - this.#bits)) - 1, 8 - this.#bits);
  }
}

/** In-place float forward DCT of an 8×8 block (AAN, libjpeg's jfdctflt). */
function fdct(d: Float64Array): void {
  for (let pass = 0; pass < 2; pass++) {
    const step = pass === 0 ? 1 : 8;
    const next = pass === 0 ? 8 : 1;
    for (let line = 0; line < 8; line++) {
      const o = line * next;
      const d0 = d[o]!, d1 = d[o + step]!, d2 = d[o + 2 * step]!, d3 = d[o + 3 * step]!;
      const d4 = d[o + 4 * step]!, d5 = d[o + 5 * step]!, d6 = d[o + 6 * step]!, d7 = d[o + 7 * step]!;
      const t0 = d0 + d7, t7 = d0 - d7, t1 = d1 + d6, t6 = d1 - d6;
      const t2 = d2 + d5, t5 = d2 - d5, t3 = d3 + d4, t4 = d3 - d4;
      const t10 = t0 + t3, t13 = t0 - t3, t11 = t1 + t2, t12 = t1 - t2;
      d[o] = t10 + t11;
      d[o + 4 * step] = t10 - t11;
      const z1 = (t12 + t13) * 0.707106781;
      d[o + 2 * step] = t13 + z1;
      d[o + 6 * step] = t13 - z1;
      const s10 = t4 + t5, s11 = t5 + t6, s12 = t6 + t7;
      const z5 = (s10 - s12) * 0.382683433;
      const z2 = 0.5411961 * s10 + z5;
      const z4 = 1.306562965 * s12 + z5;
      const z3 = s11 * 0.707106781;
      const z11 = t7 + z3, z13 = t7 - z3;
      d[o + 5 * step] = z13 + z2;
      d[o + 3 * step] = z13 - z2;
      d[o + step] = z11 + z4;
      d[o + 7 * step] = z11 - z4;
    }
  }
}

/** Bit length of |v| (the JPEG "category"). */
function category(v: number): number {
  let a = v < 0 ? -v : v;
  let n = 0;
  while (a) {
    n++;
    a >>= 1;
  }
  return n;
}

const block = new Float64Array(64);
const quantized = new Int32Array(64);

/** Transform, quantize and entropy-code one block; returns its DC value for the next diff. */
function codeBlock(w: BitWriter, q: { divisors: Float64Array }, dc: { code: Uint16Array; length: Uint8Array }, ac: { code: Uint16Array; length: Uint8Array }, previousDc: number): number {
  fdct(block);
  for (let k = 0; k < 64; k++) quantized[k] = Math.round(block[ZIGZAG[k]!]! * q.divisors[ZIGZAG[k]!]!);
  const diff = quantized[0]! - previousDc;
  const dcCat = category(diff);
  w.write(dc.code[dcCat]!, dc.length[dcCat]!);
  if (dcCat) w.write(diff < 0 ? (diff - 1) & ((1 << dcCat) - 1) : diff, dcCat);
  let last = 63;
  while (last > 0 && quantized[last] === 0) last--;
  let run = 0;
  for (let k = 1; k <= last; k++) {
    const v = quantized[k]!;
    if (v === 0) {
      run++;
      continue;
    }
    while (run >= 16) {
      w.write(ac.code[0xf0]!, ac.length[0xf0]!); // sixteen zeros
      run -= 16;
    }
    const cat = category(v);
    const symbol = (run << 4) | cat;
    w.write(ac.code[symbol]!, ac.length[symbol]!);
    w.write(v < 0 ? (v - 1) & ((1 << cat) - 1) : v, cat);
    run = 0;
  }
  if (last < 63) w.write(ac.code[0]!, ac.length[0]!); // end of block
  return quantized[0]!;
}

/** Encode an RGBA image as a baseline JFIF JPEG with 4:2:0 chroma subsampling. */
export function encodeJpeg(image: RgbaImage, quality = 75): Uint8Array {
  const { width, height, data } = image;
  if (!(Number.isInteger(width) && Number.isInteger(height) && width >= 1 && height >= 1 && width < 65536 && height < 65536)) {
    throw new Error(`encodeJpeg: width and height must be integers in 1..65535 (got ${width}×${height})`);
  }
  if (data.length < width * height * 4) throw new Error(`encodeJpeg: data holds ${data.length} bytes, ${width}×${height} RGBA needs ${width * height * 4}`);
  const t = tablesFor(quality);
  const w = new BitWriter(Math.max(1024, width * height));
  const head = [
    0xff, 0xd8, // SOI
    0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, // APP0 JFIF 1.1, aspect 1:1
  ];
  const sof = [0xff, 0xc0, 0, 17, 8, height >> 8, height & 0xff, width >> 8, width & 0xff, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1];
  const sos = [0xff, 0xda, 0, 12, 3, 1, 0x00, 2, 0x11, 3, 0x11, 0, 63, 0];
  const y = new Float64Array(256);
  const cb = new Float64Array(256);
  const cr = new Float64Array(256);
  let dcY = 0, dcCb = 0, dcCr = 0;
  for (let my = 0; my < height; my += 16) {
    for (let mx = 0; mx < width; mx += 16) {
      // The 16×16 macroblock in YCbCr, edges replicated past the image.
      for (let j = 0; j < 16; j++) {
        const row = Math.min(my + j, height - 1) * width;
        for (let i = 0; i < 16; i++) {
          const p = (row + Math.min(mx + i, width - 1)) * 4;
          const r = data[p]!, g = data[p + 1]!, b = data[p + 2]!;
          y[j * 16 + i] = 0.299 * r + 0.587 * g + 0.114 * b - 128;
          cb[j * 16 + i] = -0.168736 * r - 0.331264 * g + 0.5 * b;
          cr[j * 16 + i] = 0.5 * r - 0.418688 * g - 0.081312 * b;
        }
      }
      for (const [ox, oy] of [[0, 0], [8, 0], [0, 8], [8, 8]] as const) {
        for (let j = 0; j < 8; j++) for (let i = 0; i < 8; i++) block[j * 8 + i] = y[(oy + j) * 16 + ox + i]!;
        dcY = codeBlock(w, t.luma, t.dcLuma, t.acLuma, dcY);
      }
      for (const [plane, which] of [[cb, 0], [cr, 1]] as const) {
        for (let j = 0; j < 8; j++) {
          for (let i = 0; i < 8; i++) {
            const s = j * 32 + i * 2;
            block[j * 8 + i] = (plane[s]! + plane[s + 1]! + plane[s + 16]! + plane[s + 17]!) / 4;
          }
        }
        if (which === 0) dcCb = codeBlock(w, t.chroma, t.dcChroma, t.acChroma, dcCb);
        else dcCr = codeBlock(w, t.chroma, t.dcChroma, t.acChroma, dcCr);
      }
    }
  }
  w.flush();
  const out = new Uint8Array(head.length + t.header.length + sof.length + sos.length + w.length + 2);
  let at = 0;
  for (const part of [Uint8Array.from(head), t.header, Uint8Array.from(sof), Uint8Array.from(sos), w.bytes.subarray(0, w.length), Uint8Array.from([0xff, 0xd9])]) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
