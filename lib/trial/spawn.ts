// Runs one trial process and measures it from outside: its memory by sampling
// the tree's RSS, its whole-life CPU from this process's reaped-children
// counters, and the CPU every other process on the host used meanwhile.

import { spawn } from 'node:child_process';
import { readStat, readHostCpu } from '../measure/proc.ts';
import { killGroup, trackGroup, untrackGroup } from './process-groups.ts';
import { startSampler, type Sample } from '../measure/sampler.ts';
import { RESULT_FD, SPEC_ENV, type TrialResult, type TrialSpec } from './protocol.ts';

export interface SpawnOptions {
  command: string;
  args: string[];
  spec: TrialSpec;
  env?: Record<string, string>;
  cwd: string;
  /** Kill the trial's whole process group after this long. */
  timeoutMs: number;
  sampleIntervalMs: number;
  /** Processes outside the trial whose CPU is part of the experiment, not noise (local servers). */
  companionPids?: number[];
}

export interface TrialOutcome {
  result: TrialResult | null;
  /** Why there is no usable result: non-zero exit, signal, time-out, unreadable output. */
  failure: string | null;
  samples: Sample[];
  /** ms from spawn to exit. */
  process_ms: number;
  /** Epoch ms at spawn, to align the trial's work timestamps with the samples. */
  spawn_epoch_ms: number;
  /** CPU of the trial's whole tree over its life, from our reaped-children counters. */
  cpu_process_ms: number | null;
  host_other_cpu_ms: number;
  steal_ms: number;
  /** CPU the runner itself used meanwhile: the sampler's cost, mostly. */
  runner_cpu_ms: number;
}


const processCpuMs = (pids: readonly number[]) =>
  pids.reduce((sum, pid) => {
    const s = readStat(pid);
    return s ? sum + s.utime_ms + s.stime_ms + s.cutime_ms + s.cstime_ms : sum;
  }, 0);

const childrenCpuMs = () => {
  const s = readStat('self');
  return s ? s.cutime_ms + s.cstime_ms : 0;
};

const TAIL_BYTES = 4000;

export function spawnTrial(options: SpawnOptions): Promise<TrialOutcome> {
  return new Promise((resolve) => {
    const host0 = readHostCpu();
    const self0 = process.cpuUsage();
    const children0 = childrenCpuMs();
    const companions = options.companionPids ?? [];
    const companions0 = processCpuMs(companions);
    const spawn_epoch_ms = performance.timeOrigin + performance.now();
    const t0 = performance.now();

    const child = spawn(options.command, options.args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env, [SPEC_ENV]: JSON.stringify(options.spec) },
      // fd 3 carries the result; a new process group lets us kill the whole tree at once.
      stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
      detached: true,
    });
    const pid = child.pid!;
    trackGroup(pid);
    const sampler = startSampler(pid, { intervalMs: options.sampleIntervalMs });

    let output = '';
    let resultText = '';
    const keepTail = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-TAIL_BYTES);
    };
    child.stdout!.on('data', keepTail);
    child.stderr!.on('data', keepTail);
    const resultStream = child.stdio[RESULT_FD] as NodeJS.ReadableStream;
    resultStream.on('data', (chunk: Buffer) => {
      resultText += chunk.toString('utf8');
    });

    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(pid, 'SIGKILL');
    }, options.timeoutMs);

    let spawnError: Error | null = null;
    child.on('error', (error) => {
      spawnError = error;
    });

    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const samples = sampler.stop();
      const process_ms = performance.now() - t0;
      // Anything the trial left behind (a stray pool process) dies with it.
      killGroup(pid, 'SIGKILL');
      untrackGroup(pid);

      const cpu_process_ms = spawnError ? null : childrenCpuMs() - children0;
      const host1 = readHostCpu();
      const self = process.cpuUsage(self0);
      const selfMs = (self.user + self.system) / 1000;
      const busy = host1.busy_ms - host0.busy_ms;
      const companionMs = processCpuMs(companions) - companions0;
      const host_other_cpu_ms = Math.max(0, busy - (cpu_process_ms ?? 0) - selfMs - companionMs);

      let result: TrialResult | null = null;
      let failure: string | null = null;
      try {
        result = resultText ? (JSON.parse(resultText) as TrialResult) : null;
      } catch {
        failure = `unreadable result on fd ${RESULT_FD}: ${resultText.slice(0, 200)}`;
      }
      const tail = output.trim().split('\n').slice(-12).join('\n');
      if (spawnError) failure = `could not start ${options.command}: ${(spawnError as Error).message}`;
      else if (timedOut) failure = `timed out after ${(options.timeoutMs / 1000).toFixed(0)} s and was killed`;
      else if (result && !result.ok) failure = result.error ?? 'failed';
      else if (code !== 0) failure = `exited with ${signal ? `signal ${signal}` : `code ${code}`}${tail ? `:\n${tail}` : ''}`;
      else if (!result) failure = `exited without a result${tail ? `:\n${tail}` : ''}`;

      resolve({
        result,
        failure,
        samples,
        process_ms,
        spawn_epoch_ms,
        cpu_process_ms,
        host_other_cpu_ms,
        steal_ms: host1.steal_ms - host0.steal_ms,
        runner_cpu_ms: selfMs,
      });
    });
  });
}
