// The network workload's page as a local service: started once per run by the
// runner, in its own process, on 127.0.0.1 only (listenLocal).

import { listenLocal, serviceParams } from '../../lib/services/listen.ts';
import { createWebServer, webOptions } from './web-server.ts';

await listenLocal(createWebServer(webOptions(serviceParams())));
