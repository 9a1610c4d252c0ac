// Reads the provenance of a run off this machine: hardware, software, git.

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Git, Machine } from './provenance.ts';
import { machineId, readHardware } from './machine-id.ts';

const run = (cmd: string, args: string[], cwd?: string): string | null => {
  try {
    return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
};

function osName(): string {
  try {
    const text = readFileSync('/etc/os-release', 'utf8');
    return /^PRETTY_NAME="?([^"\n]*)"?/m.exec(text)?.[1] ?? os.type();
  } catch {
    return `${os.type()} ${os.release()}`;
  }
}

export function readMachine(): Machine {
  const cpuModel = os.cpus()[0]?.model.trim() ?? 'unknown';
  const hardware = readHardware();
  return {
    machine_id: machineId(cpuModel, hardware),
    hostname: os.hostname(),
    cpu_model: cpuModel,
    cores: os.availableParallelism(),
    memory_bytes: os.totalmem(),
    os: osName(),
    kernel: os.release(),
    arch: process.arch,
    hardware,
  };
}

export function readGit(root: string): Git {
  const commit = run('git', ['rev-parse', 'HEAD'], root);
  if (!commit) return { commit: null, dirty: null };
  // Results themselves are not code: a tree dirty only in data/ or reports/ is clean for provenance.
  const status = run('git', ['status', '--porcelain', '--', '.', ':!data', ':!reports'], root);
  return { commit, dirty: status === null ? null : status.length > 0 };
}

/** Versions of the packages the measurements depend on, from node_modules. */
export function readPackageVersions(root: string, names: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of names) {
    try {
      out[name] = JSON.parse(readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8')).version;
    } catch {
      out[name] = 'missing';
    }
  }
  return out;
}

/** First line of `<tool> --version`, or null when the tool is not installed. */
export function toolVersion(tool: string, args = ['--version']): string | null {
  try {
    const out = execFileSync(tool, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return out.trim().split('\n')[0] || tool;
  } catch (error) {
    const e = error as { code?: string; stderr?: string };
    if (e.code === 'ENOENT') return null;
    return e.stderr?.trim().split('\n')[0] || null; // some tools print their version on stderr
  }
}
