// File sizes of a bundle: heavy-tailed, as the article describes its largest
// bundle (mean 3.2 MB, median 195 KB, one 80 MB file). The sizes are the
// quantiles of a log-normal distribution (no sampling noise: the same spec
// always gives the same sizes), with the spread solved so that the sizes add
// up to the bundle's total, every file but the dominant one capped.

export interface SizeSpec {
  files: number;
  /** Sum of all sizes, bytes. */
  total_bytes: number;
  /** The one largest file, bytes. */
  largest_bytes: number;
  /** Median of the other files, bytes. */
  median_bytes: number;
  /** No other file is larger than this share of the largest one. */
  cap_share: number;
}

const BISECTIONS = 200;

/** Sizes in bytes, ascending, integers summing exactly to total_bytes; the last is the largest. */
export function fileSizes({ files, total_bytes, largest_bytes, median_bytes, cap_share }: SizeSpec): number[] {
  if (!Number.isInteger(files) || files < 2) throw new Error(`file sizes: files must be an integer of 2 or more (got ${files})`);
  const rest = total_bytes - largest_bytes;
  const cap = cap_share * largest_bytes;
  if (!(rest > 0)) throw new Error(`file sizes: largest_bytes (${largest_bytes}) must be below total_bytes (${total_bytes})`);
  if ((files - 1) * cap < rest) throw new Error(`file sizes: ${files - 1} files capped at ${cap} bytes cannot hold ${rest} bytes; raise cap_share`);
  const z = Array.from({ length: files - 1 }, (_, i) => normalQuantile((i + 0.5) / (files - 1)));
  const sizesAt = (sigma: number) => z.map((zi) => Math.min(cap, median_bytes * Math.exp(sigma * zi)));
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  // The sum grows with the spread: bisect for the spread that gives the total.
  let [lo, hi] = [0, 20];
  for (let i = 0; i < BISECTIONS; i++) {
    const mid = (lo + hi) / 2;
    if (sum(sizesAt(mid)) > rest) hi = mid;
    else lo = mid;
  }
  const sizes = sizesAt(lo).map((s) => Math.max(1, Math.round(s)));
  // Rounding leaves a few bytes over or under: the largest of the others absorbs them.
  sizes[sizes.length - 1]! += rest - sum(sizes);
  return [...sizes, largest_bytes].map((s) => Math.round(s));
}

/** The inverse of the standard normal CDF (Acklam's rational approximation, relative error < 1.2e-9). */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new Error(`normalQuantile: p must be within (0, 1) (got ${p})`);
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const tail = (q: number) => (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  const LOW = 0.02425;
  if (p < LOW) return tail(Math.sqrt(-2 * Math.log(p)));
  if (p > 1 - LOW) return -tail(Math.sqrt(-2 * Math.log(1 - p)));
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) / (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
}
