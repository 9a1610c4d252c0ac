// The runner side of local services: an experiment's servers (an S3-like
// store, a price API) run in their own processes, started once per run,
// outside every trial's process tree so their memory and CPU are never
// counted as the client's. Each one's address goes into every trial's spec.

import { fork } from 'node:child_process';
import path from 'node:path';
import type { Experiment, Params } from '../experiment/types.ts';
import { killGroup, trackGroup, untrackGroup } from '../trial/process-groups.ts';
import { SERVICE_PARAMS_ENV, type ServiceAddress, type ServiceReady } from './protocol.ts';

export interface RunningService extends ServiceAddress {
  name: string;
  pid: number;
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 20_000;

export async function startService(name: string, script: string, params: Params): Promise<RunningService> {
  const child = fork(script, [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, [SERVICE_PARAMS_ENV]: JSON.stringify(params) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    detached: true, // its own process group: killed as one, never by the terminal's Ctrl-C alone
  });
  const pid = child.pid!;
  trackGroup(pid);
  const ready = await new Promise<ServiceReady>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`service ${name} (${script}) did not call listenLocal() within ${START_TIMEOUT_MS / 1000} s`)), START_TIMEOUT_MS);
    child.once('message', (m: ServiceReady) => (clearTimeout(timer), resolve(m)));
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`service ${name} (${script}) exited before it was ready (${signal ?? `code ${code}`})`));
    });
  }).catch((error: unknown) => {
    killGroup(pid);
    untrackGroup(pid);
    throw error;
  });
  if (ready.host !== '127.0.0.1') {
    killGroup(pid);
    throw new Error(`service ${name} listens on ${ready.host}: local services must bind 127.0.0.1 only`);
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    name,
    pid,
    host: ready.host,
    port: ready.port,
    url: `http://${ready.host}:${ready.port}`,
    async stop() {
      child.disconnect();
      const timer = setTimeout(() => killGroup(pid), 2000);
      await exited;
      clearTimeout(timer);
      killGroup(pid); // anything it started
      untrackGroup(pid);
    },
  };
}

/** Start every service an experiment declares; stops the started ones if one fails. */
export async function startServices(experiment: Experiment, experimentDir: string, params: Params): Promise<RunningService[]> {
  const started: RunningService[] = [];
  try {
    for (const s of experiment.services ?? []) started.push(await startService(s.name, path.join(experimentDir, s.script), params));
  } catch (error) {
    await Promise.all(started.map((s) => s.stop()));
    throw error;
  }
  return started;
}
