// A machine id names one kind of machine: built from stable hardware facts
// (cores, CPU model, CPU family and model numbers, memory), so that two hosts
// whose CPUs print the same model name ("AMD EPYC") but differ in generation
// get two ids. It stays readable: 2c-amd-epyc-f26m2-24g. MACHINE_ID overrides
// it, and a run is refused when the hardware under an id already in the data
// differs from the facts recorded there.

import { readFileSync } from 'node:fs';
import os from 'node:os';
import type { Hardware, Machine } from './provenance.ts';

export const MACHINE_ID_PATTERN = /^[a-z0-9][a-z0-9._-]*$/i;

function cpuinfoField(text: string, field: string): string | null {
  return new RegExp(`^${field}\\s*:\\s*(.*)$`, 'm').exec(text)?.[1]?.trim() ?? null;
}

const int = (s: string | null): number | null => (s !== null && /^\d+$/.test(s) ? Number(s) : null);

/** Hardware facts of this machine; `cpuinfo` is /proc/cpuinfo's text (tests pass their own). */
export function readHardware(cpuinfo: string | null = readCpuinfo(), cores = os.availableParallelism(), memoryBytes = os.totalmem()): Hardware {
  const text = cpuinfo ?? '';
  return {
    vendor: cpuinfoField(text, 'vendor_id') ?? os.cpus()[0]?.model.split(/\s/)[0] ?? 'unknown',
    family: int(cpuinfoField(text, 'cpu family')),
    model: int(cpuinfoField(text, 'model')),
    stepping: int(cpuinfoField(text, 'stepping')),
    cores,
    memory_gib: Math.max(1, Math.round(memoryBytes / 2 ** 30)),
  };
}

function readCpuinfo(): string | null {
  try {
    return readFileSync('/proc/cpuinfo', 'utf8');
  } catch {
    return null;
  }
}

/** The CPU model name without trademarks, clock and filler: 'Intel(R) Xeon(R) Platinum 8375C CPU @ 2.90GHz' → 'intel-xeon-platinum-8375c'. */
export function modelSlug(cpuModel: string): string {
  return (
    cpuModel
      .toLowerCase()
      .replace(/\(r\)|\(tm\)|processor|\d+-core|cpu @.*$|@.*$/g, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'cpu'
  );
}

/** The id built from the facts: cores, model name, family and model numbers where known, memory. */
export function derivedMachineId(cpuModel: string, hw: Hardware): string {
  const generation = hw.family !== null && hw.model !== null ? `-f${hw.family}m${hw.model}` : '';
  return `${hw.cores}c-${modelSlug(cpuModel)}${generation}-${hw.memory_gib}g`;
}

export function machineId(cpuModel = os.cpus()[0]?.model.trim() ?? 'cpu', hw: Hardware = readHardware()): string {
  const fromEnv = process.env.MACHINE_ID?.trim();
  if (fromEnv) {
    if (!MACHINE_ID_PATTERN.test(fromEnv)) throw new Error(`MACHINE_ID must be letters, digits, '.', '_' or '-' (got ${JSON.stringify(fromEnv)})`);
    return fromEnv;
  }
  return derivedMachineId(cpuModel, hw);
}

/**
 * How `now` differs from the machine recorded under the same id, one phrase per fact; empty
 * when they agree. A run recorded before hardware facts existed is compared on what it has.
 */
export function hardwareDifferences(recorded: Machine, now: Machine): string[] {
  const out: string[] = [];
  const same = (label: string, a: unknown, b: unknown) => {
    if (a !== b) out.push(`${label} ${JSON.stringify(a)} there, ${JSON.stringify(b)} here`);
  };
  same('CPU model', recorded.cpu_model, now.cpu_model);
  same('cores', recorded.cores, now.cores);
  same('memory (GiB)', Math.round(recorded.memory_bytes / 2 ** 30), Math.round(now.memory_bytes / 2 ** 30));
  same('architecture', recorded.arch, now.arch);
  const a = recorded.hardware;
  const b = now.hardware;
  if (a && b) {
    same('CPU vendor', a.vendor, b.vendor);
    same('CPU family', a.family, b.family);
    same('CPU model number', a.model, b.model);
  }
  return out;
}
