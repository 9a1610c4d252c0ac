// Child-process worker: loads the (compiled) task module named in argv, says
// it is ready, then runs tasks sent over IPC one at a time. Plain JavaScript so
// a child starts as fast as Node does.

const url = process.argv[2];
if (!url || !process.send) {
  console.error('child-entry: started without a task module URL or an IPC channel; the child-processes executor starts it');
  process.exit(2);
}
const worker = `process-${process.pid}`;
const describe = (error) => String(error instanceof Error ? error.stack : error);

const loaded = import(url);
loaded.then(
  () => process.send({ ready: true }),
  (error) => {
    process.send({ ready: false, error: describe(error) });
    process.exit(1);
  },
);

process.on('message', async ({ id, name, input }) => {
  try {
    const mod = await loaded;
    const fn = mod[name];
    if (typeof fn !== 'function') {
      const names = Object.keys(mod).filter((k) => typeof mod[k] === 'function');
      throw new Error(`no task named '${name}' in ${url} (tasks: ${names.join(', ')})`);
    }
    const t0 = performance.now();
    const value = await fn(input);
    process.send({ id, ok: true, value, busy_ms: performance.now() - t0, worker });
  } catch (error) {
    process.send({ id, ok: false, error: describe(error) });
  }
});
// The parent's exit closes the channel: leave with it rather than linger.
process.on('disconnect', () => process.exit(0));
