import { describe, expect, it } from 'vitest';
import { derivedMachineId, hardwareDifferences, modelSlug, readHardware } from './machine-id.ts';
import type { Machine } from './provenance.ts';

const EPYC = 'vendor_id\t: AuthenticAMD\ncpu family\t: 26\nmodel\t\t: 2\nmodel name\t: AMD EPYC\nstepping\t: 1\n';
const EPYC_OLDER = EPYC.replace('cpu family\t: 26', 'cpu family\t: 25').replace('model\t\t: 2', 'model\t\t: 1');
const GIB = 2 ** 30;

describe('machine ids from hardware facts', () => {
  it('reads vendor, family, model and stepping from /proc/cpuinfo, and rounds memory to whole GiB', () => {
    expect(readHardware(EPYC, 2, 25276157952)).toEqual({ vendor: 'AuthenticAMD', family: 26, model: 2, stepping: 1, cores: 2, memory_gib: 24 });
  });

  it('gives two CPUs that print the same model name two ids, readable', () => {
    expect(derivedMachineId('AMD EPYC', readHardware(EPYC, 2, 24 * GIB))).toBe('2c-amd-epyc-f26m2-24g');
    expect(derivedMachineId('AMD EPYC', readHardware(EPYC_OLDER, 2, 24 * GIB))).toBe('2c-amd-epyc-f25m1-24g');
    expect(derivedMachineId('AMD EPYC', readHardware(EPYC, 16, 128 * GIB))).toBe('16c-amd-epyc-f26m2-128g');
  });

  it('drops trademarks and clock from the model name, and leaves out numbers the system does not give', () => {
    expect(modelSlug('Intel(R) Xeon(R) Platinum 8375C CPU @ 2.90GHz')).toBe('intel-xeon-platinum-8375c');
    expect(derivedMachineId('Apple M2', readHardware('', 8, 16 * GIB))).toBe('8c-apple-m2-16g');
  });

  it('names each fact that differs from a machine recorded under the same id', () => {
    const machine = (cpuinfo: string, cores = 2): Machine => ({
      machine_id: 'box', hostname: 'vm', cpu_model: 'AMD EPYC', cores, memory_bytes: 24 * GIB, os: 'Debian', kernel: '6', arch: 'x64', hardware: readHardware(cpuinfo, cores, 24 * GIB),
    });
    expect(hardwareDifferences(machine(EPYC), machine(EPYC))).toEqual([]);
    expect(hardwareDifferences(machine(EPYC), machine(EPYC_OLDER, 4))).toEqual(['cores 2 there, 4 here', 'CPU family 26 there, 25 here', 'CPU model number 2 there, 1 here']);
    // A run recorded before hardware facts is compared on what it has.
    const { hardware: _, ...legacy } = machine(EPYC);
    expect(hardwareDifferences(legacy, machine(EPYC_OLDER))).toEqual([]);
  });
});
