// Splitting the photo list into tasks: `size` photos per task, in order, as
// ProcessPoolExecutor.map's `chunksize` does.

export function batches<T>(items: readonly T[], size: number): T[][] {
  if (!(Number.isInteger(size) && size >= 1)) throw new Error(`batch size must be a positive integer (got ${size})`);
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
