import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['lib/**/*.test.ts', 'experiments/**/*.test.ts'],
    // Tests spawn measured processes: running many files at once on 2 cores only adds noise.
    fileParallelism: false,
    testTimeout: 30_000,
    // Every run a test makes lands in data/<id>/test-box/ (in a temp folder): a fixed machine id, whatever host runs CI.
    env: { MACHINE_ID: 'test-box' },
  },
});
