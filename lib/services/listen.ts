// The server side of a local service: what an experiment's server script
// calls. It binds 127.0.0.1 only, on a port the OS picks (so a taken port
// never breaks a run), tells the runner where it is, and exits with it.

import type { Server } from 'node:net';
import { SERVICE_PARAMS_ENV, type ServiceReady } from './protocol.ts';
import type { Params } from '../experiment/types.ts';

/** The run's parameters, as the runner passed them. */
export function serviceParams(): Params {
  const raw = process.env[SERVICE_PARAMS_ENV];
  if (!raw) throw new Error(`${SERVICE_PARAMS_ENV} is not set: services are started by the runner (lib/services/service.ts)`);
  return JSON.parse(raw) as Params;
}

export async function listenLocal(server: Server): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('service: no TCP address after listen');
  const ready: ServiceReady = { ready: true, host: address.address, port: address.port };
  process.send?.(ready);
  // The runner's exit closes the IPC channel: go with it.
  process.on('disconnect', () => process.exit(0));
  return address.port;
}
