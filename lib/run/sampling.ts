// How often the outside sampler reads a trial tree's RSS unless an experiment
// asks otherwise (Experiment.sampleIntervalMs). Its own file so that reports
// can read it without importing the runner.

export const DEFAULT_SAMPLE_INTERVAL_MS = 20;
