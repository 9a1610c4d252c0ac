// Between the runner and a local service process.

export const SERVICE_PARAMS_ENV = 'SERVICE_PARAMS';

export interface ServiceReady {
  ready: true;
  host: string;
  port: number;
}

/** What a trial sees of a running service. */
export interface ServiceAddress {
  url: string;
  host: string;
  port: number;
}
