// Area-averaging (box) downscale of an RGBA image, written out rather than
// taken from a package: each output pixel is the mean of the source pixels it
// covers, with fractional weights at its edges. Separable: rows, then columns.

export interface Rgba {
  width: number;
  height: number;
  /** width × height × 4 bytes, row-major. */
  data: Uint8Array;
}

/** For each output index, the source indices it covers and their weights (summing to 1). */
function coverage(from: number, to: number): { start: Int32Array; count: Int32Array; weights: Float64Array; stride: number } {
  const scale = from / to;
  const stride = Math.ceil(scale) + 1;
  const start = new Int32Array(to);
  const count = new Int32Array(to);
  const weights = new Float64Array(to * stride);
  for (let o = 0; o < to; o++) {
    const lo = o * scale;
    const hi = Math.min(from, lo + scale);
    const first = Math.floor(lo);
    let n = 0;
    for (let s = first; s < hi && n < stride; s++, n++) {
      weights[o * stride + n] = (Math.min(s + 1, hi) - Math.max(s, lo)) / scale;
    }
    start[o] = first;
    count[o] = n;
  }
  return { start, count, weights, stride };
}

// The intermediate rows are reused from call to call: a thumbnail job resizes
// thousands of photos, and a fresh megabyte each time is garbage to collect.
let rows = new Float32Array(0);
function scratch(length: number): Float32Array {
  if (rows.length < length) rows = new Float32Array(length);
  return rows;
}

/** Downscale `src` to width × height (each no larger than the source's); alpha is set opaque. */
export function resizeArea(src: Rgba, width: number, height: number): Rgba {
  if (!(width >= 1 && height >= 1 && width <= src.width && height <= src.height)) {
    throw new Error(`resizeArea: target ${width}×${height} must be between 1×1 and the source ${src.width}×${src.height}`);
  }
  const h = coverage(src.width, width);
  const v = coverage(src.height, height);
  // Pass 1: each source row shrunk horizontally, kept as floats (3 channels).
  const mid = scratch(width * src.height * 3);
  for (let y = 0; y < src.height; y++) {
    const row = y * src.width * 4;
    for (let x = 0; x < width; x++) {
      let r = 0, g = 0, b = 0;
      const base = x * h.stride;
      for (let k = 0; k < h.count[x]!; k++) {
        const w = h.weights[base + k]!;
        const i = row + (h.start[x]! + k) * 4;
        r += src.data[i]! * w;
        g += src.data[i + 1]! * w;
        b += src.data[i + 2]! * w;
      }
      const o = (y * width + x) * 3;
      mid[o] = r;
      mid[o + 1] = g;
      mid[o + 2] = b;
    }
  }
  // Pass 2: columns shrunk vertically, rounded into RGBA.
  const out = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    const base = y * v.stride;
    for (let x = 0; x < width; x++) {
      let r = 0, g = 0, b = 0;
      for (let k = 0; k < v.count[y]!; k++) {
        const w = v.weights[base + k]!;
        const i = ((v.start[y]! + k) * width + x) * 3;
        r += mid[i]! * w;
        g += mid[i + 1]! * w;
        b += mid[i + 2]! * w;
      }
      const o = (y * width + x) * 4;
      out[o] = Math.round(r);
      out[o + 1] = Math.round(g);
      out[o + 2] = Math.round(b);
      out[o + 3] = 255;
    }
  }
  return { width, height, data: out };
}
