// Sizes as the article writes them: decimal megabytes (10^6 bytes), with kB
// and B for the small files of scaled-down runs. lib/report/format.ts's
// bytes() counts in powers of 1024, as RSS is counted; these are file sizes.

export function decimalSize(x: number): string {
  if (!Number.isFinite(x)) return '–';
  if (Math.abs(x) >= 1e6) return `${(x / 1e6).toFixed(2)} MB`;
  if (Math.abs(x) >= 1e3) return `${(x / 1e3).toFixed(1)} kB`;
  return `${Math.round(x)} B`;
}
