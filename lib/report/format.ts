// How reports write numbers: one format per kind of quantity, so the same
// value reads the same in a headline, the claims table and the captions.
// A value that is not finite prints as an en dash rather than NaN or Infinity.

const DASH = '–';

/** 1.92× */
export function ratio(x: number): string {
  return Number.isFinite(x) ? `${x.toFixed(2)}×` : DASH;
}

/** 4.2 ms, 412 ms, 3.14 s, 12.3 s */
export function ms(x: number): string {
  if (!Number.isFinite(x)) return DASH;
  if (Math.abs(x) < 10) return `${x.toFixed(1)} ms`;
  if (Math.abs(x) < 1000) return `${Math.round(x)} ms`;
  return `${(x / 1000).toPrecision(3)} s`;
}

/** 300 000 (a space between thousands, as the article's numbers are written here) */
export function count(n: number): string {
  if (!Number.isFinite(n)) return DASH;
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}

/** 78 % */
export function percent(x: number): string {
  return Number.isFinite(x) ? `${Math.round(x * 100)} %` : DASH;
}

/** ±4 % : an interquartile range relative to the median. */
export function spread(relIqr: number): string {
  return Number.isFinite(relIqr) ? `±${Math.round((relIqr * 100) / 2)} %` : DASH;
}

/**
 * A time against a baseline in words: "1.05× slower than serial", "1.92× faster
 * than serial", "as fast as serial"; without a baseline "1.05× slower", "as fast".
 * `r` is time / baseline time.
 */
export function slowerFaster(r: number, baseline?: string): string {
  const than = baseline ? ` than ${baseline}` : '';
  if (!Number.isFinite(r) || r <= 0) return `${DASH}${than}`;
  if (r.toFixed(2) === '1.00') return baseline ? `as fast as ${baseline}` : 'as fast';
  return r > 1 ? `${ratio(r)} slower${than}` : `${ratio(1 / r)} faster${than}`;
}

/** "1 worker", "4 workers" */
export function plural(n: number, word: string): string {
  return `${count(n)} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * 512 B, 3.40 KiB, 81.2 MiB, 1.50 GiB: binary units (powers of 1024, as the
 * kernel counts RSS in pages), named as such, in every report. Decimal
 * megabytes appear only where an article's own figure is quoted.
 */
export function bytes(x: number): string {
  if (!Number.isFinite(x)) return DASH;
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  let v = x;
  while (Math.abs(v) >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  // Three significant digits, but never exponent notation (1001 MiB, not 1.00e+3 MiB).
  return i === 0 ? `${Math.round(v)} B` : `${Math.abs(v) >= 100 ? Math.round(v) : v.toPrecision(3)} ${units[i]}`;
}
