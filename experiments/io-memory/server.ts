// The price API as a local service: started once per run by the runner, in
// its own process, on 127.0.0.1. Its behaviour comes from the run's parameters.

import { listenLocal, serviceParams } from '../../lib/services/listen.ts';
import { apiOptions } from './api-options.ts';
import { createPriceApi } from './price-api.ts';

await listenLocal(createPriceApi(apiOptions(serviceParams())));
