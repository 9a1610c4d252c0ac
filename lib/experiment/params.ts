// Resolving a profile's parameters with the user's overrides, in one place.

import { PROFILE_NAMES, type Experiment, type Params, type ProfileName } from './types.ts';
import { UsageError } from './load.ts';

export function resolveProfile(experiment: Experiment, profile: string): ProfileName {
  if (!(PROFILE_NAMES as readonly string[]).includes(profile)) {
    throw new UsageError(`unknown profile: ${profile} (valid: ${PROFILE_NAMES.join(', ')})`);
  }
  return profile as ProfileName;
}

/** Profile parameters with `key=value` overrides; a value takes the type of the profile's value. */
export function resolveParams(experiment: Experiment, profile: ProfileName, overrides: Record<string, string> = {}): Params {
  const base = experiment.profiles[profile].params;
  const out: Params = { ...base };
  for (const [key, raw] of Object.entries(overrides)) {
    if (!Object.hasOwn(base, key)) {
      throw new UsageError(`unknown parameter for ${experiment.id}: ${key} (valid: ${Object.keys(base).join(', ')})`);
    }
    out[key] = coerce(key, raw, base[key]!);
  }
  return out;
}

function coerce(key: string, raw: string, like: Params[string]): Params[string] {
  const bad = (what: string) => new UsageError(`parameter ${key}: expected ${what}, got ${JSON.stringify(raw)}`);
  if (Array.isArray(like)) {
    const parts = raw.split(',').map((s) => s.trim()).filter(Boolean);
    if (typeof like[0] === 'number') {
      const nums = parts.map(Number);
      if (nums.some((n) => !Number.isFinite(n))) throw bad('a comma-separated list of numbers');
      return nums;
    }
    return parts;
  }
  if (typeof like === 'number') {
    const n = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(n)) throw bad('a number');
    return n;
  }
  if (typeof like === 'boolean') {
    if (raw !== 'true' && raw !== 'false') throw bad('true or false');
    return raw === 'true';
  }
  return raw;
}
