// The bundles the trials compress: the article's three test bundles and the
// service's everyday one, each described by the article's own figures (file
// count, bytes in and out) and by the generator settings chosen to match them.
// `scale` shrinks every size for the smoke and quick profiles.

import { mulberry32 } from '../../lib/inputs/random.ts';
import { fileSizes } from './file-sizes.ts';

/** The article writes MB; read here as 10^6 bytes. */
export const MB = 1e6;

export interface BundleSpec {
  name: string;
  /** Where the figures come from, for the report. */
  label: string;
  files: number;
  /** The article's total before and after gzip (level 9), bytes; null for the typical bundle it does not measure. */
  article_bytes: number;
  article_gzip_bytes: number | null;
  largest_bytes: number;
  median_bytes: number;
  cap_share: number;
  /** Generator knobs (see symbols.ts), calibrated so that level 9 lands near the article's ratio. */
  hashed: number;
  unwind: number;
}

export const BUNDLES: readonly BundleSpec[] = [
  // The service's everyday case: 5–25 files of ~300 KB; the article gives no gzip figure for it.
  { name: 'typical', label: 'typical upload (5–25 files of ~300 KB)', files: 15, article_bytes: 4.5 * MB, article_gzip_bytes: null, largest_bytes: 0.6 * MB, median_bytes: 250e3, cap_share: 0.9, hashed: 0, unwind: 5 },
  { name: 'a', label: 'bundle 1 of the article: 66 files', files: 66, article_bytes: 140.69 * MB, article_gzip_bytes: 14.96 * MB, largest_bytes: 22 * MB, median_bytes: 400e3, cap_share: 0.75, hashed: 0, unwind: 5 },
  // The largest: mean 3.2 MB, median 195 KB, one 80 MB file (the article and its comments).
  { name: 'b', label: 'bundle 2 of the article: 103 files, one of 80 MB', files: 103, article_bytes: 331.57 * MB, article_gzip_bytes: 66.9 * MB, largest_bytes: 80 * MB, median_bytes: 195e3, cap_share: 0.5, hashed: 1, unwind: 1 },
  { name: 'c', label: 'bundle 3 of the article: 26 files', files: 26, article_bytes: 86.91 * MB, article_gzip_bytes: 8.28 * MB, largest_bytes: 18 * MB, median_bytes: 1.2 * MB, cap_share: 0.75, hashed: 0, unwind: 7 },
];

export const BUNDLE_NAMES = BUNDLES.map((b) => b.name);

export function bundleSpec(name: string): BundleSpec {
  const spec = BUNDLES.find((b) => b.name === name);
  if (!spec) throw new Error(`unknown bundle: ${name} (valid: ${BUNDLE_NAMES.join(', ')})`);
  return spec;
}

/** One file of a bundle as the generator writes it. */
export interface BundleFile {
  /** File name inside the bundle folder; names sort in submission order. */
  name: string;
  bytes: number;
  seed: number;
  hashed: number;
  unwind: number;
}

const MODULES = ['libxul.so', 'libmozglue.so', 'libnss3.so', 'libgtk', 'liblgpllibs.so', 'libsoftokn3.so', 'libfreeblpriv3.so', 'libmozavcodec.so', 'libmozgtk.so', 'plugin-container', 'firefox', 'crashreporter', 'libipcclientcerts.so', 'libxul-gtest.so', 'minidump-analyzer', 'pingsender'];

/**
 * The files of a bundle at a scale: sizes from the spec, in a seeded random
 * order (the order a pool receives them decides when the largest one starts).
 */
export function bundleFiles(spec: BundleSpec, { seed, scale }: { seed: number; scale: number }): BundleFile[] {
  if (!(scale > 0 && scale <= 1)) throw new Error(`bundle ${spec.name}: scale must be within (0, 1] (got ${scale})`);
  const sizes = fileSizes({
    files: spec.files,
    total_bytes: Math.round(spec.article_bytes * scale),
    largest_bytes: Math.round(spec.largest_bytes * scale),
    median_bytes: spec.median_bytes * scale,
    cap_share: spec.cap_share,
  });
  const random = mulberry32(seed ^ hashName(spec.name));
  // Fisher–Yates with the bundle's own generator: the same seed, the same order.
  for (let i = sizes.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [sizes[i], sizes[j]] = [sizes[j]!, sizes[i]!];
  }
  const width = String(sizes.length).length;
  return sizes.map((bytes, i) => {
    const module = MODULES[Math.floor(random() * MODULES.length)]!;
    return { name: `${String(i + 1).padStart(width, '0')}-${module}.sym`, bytes, seed: (seed ^ hashName(`${spec.name}/${i}`)) >>> 0, hashed: spec.hashed, unwind: spec.unwind };
  });
}

/** A 32-bit FNV-1a hash of a name: salts the seed per bundle and per file. */
export function hashName(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
