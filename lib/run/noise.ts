// When the runner calls a trial disturbed and how often it re-runs one, unless
// the command line says otherwise. Its own file so that the reports' method text
// states the same numbers without importing the runner.

export const NOISE_DEFAULTS = {
  /** Other processes (or steal time) used more than this many cores on average during the trial. */
  disturbedCores: 0.25,
  /** The trial's speed probe ran this many times slower than the run's fastest. */
  slowProbeFactor: 1.3,
  /** Runs of a disturbed trial, in all. */
  maxAttempts: 3,
} as const;
