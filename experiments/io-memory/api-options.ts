// The price API's behaviour, resolved from the run's parameters in one place:
// the server, the strategies and the report all read it from here, so the
// latency the report states is the latency the server applied.

import type { Params } from '../../lib/experiment/types.ts';

export interface ApiOptions {
  /** Seeds every delay and every body: each strategy meets the same API. */
  seed: number;
  /** Mean delay before the API answers, after scaling: article_latency_ms × latency_scale. */
  latency_ms: number;
  /** Half-width of the uniform jitter around the mean, in ms. */
  jitter_ms: number;
  /** The factor the article's latency was scaled by, so the run fits its time budget. */
  latency_scale: number;
  /** The article's own latency per request (its sequential 29 s over 100 requests). */
  article_latency_ms: number;
  /** Every n-th date (1-based) is answered 503 on purpose; 0 = none. */
  fail_every: number;
}

/** The API's parameters as a profile sets them, and their defaults: the one place they live. */
export const API_PARAM_DEFAULTS = {
  seed: 20180313,
  /** The article's sequential run took ~29 s for 100 requests: ~290 ms each. */
  article_latency_ms: 290,
  /** The one parameter scaled down to fit the time budget: the latency is the article's × this. */
  latency_scale: 0.25,
  /** Uniform jitter, ± this fraction of the latency. */
  jitter: 0.5,
  /** Every n-th date fails with a 503 on purpose (0: none); for tests and checks. */
  fail_every: 0,
};

const numberParam = (params: Params, key: string, fallback: number): number => {
  const value = params[key];
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new Error(`io-memory: parameter ${key} must be a non-negative number (got ${JSON.stringify(value)})`);
  return n;
};

/** The API's options from a profile's parameters (`jitter` is a fraction of the latency). */
export function apiOptions(params: Params): ApiOptions {
  const d = API_PARAM_DEFAULTS;
  const article_latency_ms = numberParam(params, 'article_latency_ms', d.article_latency_ms);
  const latency_scale = numberParam(params, 'latency_scale', d.latency_scale);
  const jitter = numberParam(params, 'jitter', d.jitter);
  if (jitter > 1) throw new Error(`io-memory: parameter jitter must be at most 1 (a fraction of the latency; got ${jitter})`);
  const latency_ms = article_latency_ms * latency_scale;
  return {
    seed: numberParam(params, 'seed', d.seed),
    latency_ms,
    jitter_ms: latency_ms * jitter,
    latency_scale,
    article_latency_ms,
    fail_every: Math.floor(numberParam(params, 'fail_every', d.fail_every)),
  };
}
