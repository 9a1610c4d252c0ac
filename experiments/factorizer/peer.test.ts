// peer.py on the real interpreters: the interpreter pool (CPython 3.14 only)
// and 3.14's threads and processes return the same factorization as the serial
// loop, which is the same on the system's CPython and in Node. Where no 3.14 is
// found, the 3.14 test is skipped and its name says why.

import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findPython, findPython314 } from '../../lib/peers/python.ts';
import { canonical } from './experiment.ts';
import { factorizeBatch } from './tasks.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const PEERS = path.resolve(HERE, '..', '..', 'lib', 'peers');

// The article's first numbers, edge cases below 2, primes, a square and a repeat: split into uneven static chunks.
const NUMS = [...Array.from({ length: 9 }, (_, i) => 999_999_999_999 + 2 * i), 0, 1, 2, 97, 1_000_000_007, 1_234_567_890, 1_999_999_973, 1_000_014_000_049, 999_999_999_999];

const SCRIPT = `
import json, sys
import peer
nums = json.loads(sys.argv[1])
out = {"version": sys.version.split()[0], "serial": peer.canonical(peer.serial_factorizer(nums))}
if len(sys.argv) > 2:
    for name, run in (("threads", peer.threaded_factorizer), ("processes", peer.mp_factorizer), ("interpreters", peer.interp_factorizer)):
        busy = []
        out[name] = peer.canonical(run(nums, 3, busy))
        out[name + "_counts"] = sorted(c for c, _ in busy)
print(json.dumps(out))
`;

interface PeerOut {
  version: string;
  serial: string;
  threads?: string;
  processes?: string;
  interpreters?: string;
  interpreters_counts?: number[];
}

function runPeer(python: string, pools: boolean): PeerOut {
  const args = ['-c', SCRIPT, JSON.stringify(NUMS), ...(pools ? ['pools'] : [])];
  const env = { ...process.env, PYTHONPATH: [HERE, PEERS].join(path.delimiter), PYTHONDONTWRITEBYTECODE: '1' };
  return JSON.parse(execFileSync(python, args, { cwd: HERE, env, encoding: 'utf8', timeout: 60_000 })) as PeerOut;
}

const node = canonical(NUMS, factorizeBatch(NUMS));
const system = findPython();
const py314 = findPython314();

describe('peer.py on the real interpreters', () => {
  it.skipIf(!system)(`serial_factorizer on the system Python gives Node’s canonical result${system ? '' : ' (skipped: python3 not found)'}`, () => {
    expect(runPeer(system!.path, false).serial).toBe(node);
  });

  it.skipIf(!py314.python)(
    `on CPython 3.14 the interpreter pool, threads and processes give the serial loop’s factorization, chunk for chunk${py314.python ? '' : ` (skipped: ${py314.reason})`}`,
    () => {
      const out = runPeer(py314.python!.path, true);
      expect(out.version).toMatch(/^3\.14/);
      expect(out.serial).toBe(node);
      expect(out.interpreters).toBe(out.serial);
      expect(out.threads).toBe(out.serial);
      expect(out.processes).toBe(out.serial);
      // The article's static split: 3 chunks of ceil(18 / 3) numbers, one per interpreter.
      expect(out.interpreters_counts).toEqual([6, 6, 6]);
    },
    120_000,
  );
});
