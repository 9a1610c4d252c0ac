// Worker-thread entry for piscina. Plain JavaScript, and the task module it
// imports is compiled JavaScript too (lib/trial/bundle.ts): a worker's start-up
// is Node's own, with no TypeScript loader in it.
import { threadId } from 'node:worker_threads';

const modules = new Map();

function load(url) {
  let mod = modules.get(url);
  if (!mod) {
    mod = import(url);
    modules.set(url, mod);
  }
  return mod;
}

/** Blocks until `parties` threads have arrived, so each start-up call lands on a distinct worker. */
function barrier(shared, parties) {
  const cell = new Int32Array(shared);
  Atomics.add(cell, 0, 1);
  Atomics.notify(cell, 0);
  const deadline = Date.now() + 60_000;
  for (let seen = Atomics.load(cell, 0); seen < parties; seen = Atomics.load(cell, 0)) {
    if (Date.now() > deadline) throw new Error(`start-up barrier: only ${seen} of ${parties} worker threads arrived in 60 s`);
    Atomics.wait(cell, 0, seen, 100);
  }
}

export default async function run({ url, name, input, ready }) {
  const mod = await load(url);
  if (ready) {
    barrier(ready.shared, ready.parties);
    return { value: null, busy_ms: 0, worker: `thread-${threadId}` };
  }
  const fn = mod[name];
  if (typeof fn !== 'function') {
    const names = Object.keys(mod).filter((k) => typeof mod[k] === 'function');
    throw new Error(`no task named '${name}' in ${url} (tasks: ${names.join(', ')})`);
  }
  const t0 = performance.now();
  const value = await fn(input);
  return { value, busy_ms: performance.now() - t0, worker: `thread-${threadId}` };
}
