// What the price API answers for one date: a few KB of JSON in the shape of a
// bus-ticket search (route, carriers, departures, prices), and how long it
// waits before answering. Both are seeded by (seed, date), so every strategy,
// in either runtime, meets the same bodies and the same delays.

import { mulberry32, randomInt } from '../../lib/inputs/random.ts';
import type { ApiOptions } from './api-options.ts';

const CARRIERS = ['RegioJet', 'FlixBus', 'Eurolines', 'Leo Express', 'Arriva'];
const SERVICES = ['wifi', 'toilet', 'power-socket', 'hot-drinks', 'entertainment', 'air-conditioning'];
const STATIONS = {
  from: { city: 'Prague', station: 'Florenc', country: 'CZ', lat: 50.0893, lon: 14.4396 },
  to: { city: 'Brno', station: 'Zvonařka', country: 'CZ', lat: 49.1867, lon: 16.6191 },
};
/** Departures per date: enough for a body of a few KB. */
const DEPARTURES = { min: 12, max: 18 };

/** FNV-1a of a string: a 32-bit seed per (seed, date). */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const random = (seed: number, date: string, salt: string) => mulberry32(hash32(`${seed}|${date}|${salt}`));

/** The delay the API applies before answering for `date`: latency ± jitter, uniform, seeded. */
export function delayMs(options: Pick<ApiOptions, 'seed' | 'latency_ms' | 'jitter_ms'>, date: string): number {
  const u = random(options.seed, date, 'delay')();
  return Math.max(0, options.latency_ms + options.jitter_ms * (2 * u - 1));
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The search result for one date, as the API serialises it. */
export function priceBody(seed: number, date: string): object {
  const rnd = random(seed, date, 'body');
  const count = randomInt(rnd, DEPARTURES.min, DEPARTURES.max);
  const departures = Array.from({ length: count }, (_, i) => {
    const minute = 5 * 60 + Math.floor((i * 18 * 60) / count) + randomInt(rnd, 0, 40);
    const duration = randomInt(rnd, 130, 170);
    const carrier = CARRIERS[randomInt(rnd, 0, CARRIERS.length - 1)]!;
    const at = (m: number) => `${date}T${pad(Math.floor(m / 60) % 24)}:${pad(m % 60)}:00+01:00`;
    const cents = 490 + 10 * randomInt(rnd, 0, 140);
    return {
      id: `${carrier.slice(0, 2).toUpperCase()}-${date.replaceAll('-', '')}-${pad(Math.floor(minute / 60))}${pad(minute % 60)}`,
      carrier,
      departure: at(minute),
      arrival: at(minute + duration),
      duration_minutes: duration,
      transfers: rnd() < 0.15 ? 1 : 0,
      price: { amount: cents / 100, currency: 'EUR', fare_class: rnd() < 0.3 ? 'business' : 'standard' },
      seats_available: randomInt(rnd, 0, 48),
      vehicle: rnd() < 0.8 ? 'bus' : 'train',
      services: SERVICES.filter(() => rnd() < 0.5),
    };
  });
  return {
    search: { from: STATIONS.from, to: STATIONS.to, date, passengers: 1, currency: 'EUR' },
    carriers: [...new Set(departures.map((d) => d.carrier))].sort(),
    departures,
    lowest_price: Math.min(...departures.map((d) => d.price.amount)),
  };
}

/** Whether the API fails this date on purpose: every `fail_every`-th day (1-based). */
export function failsOnPurpose(options: Pick<ApiOptions, 'fail_every'>, day: number): boolean {
  return options.fail_every > 0 && Number.isInteger(day) && day % options.fail_every === 0;
}
