// Loading a tasks module and calling a named task, timed. Shared by every
// executor and by the worker-thread and child-process entry points.

type TaskFn = (input: unknown) => unknown;

const modules = new Map<string, Promise<Record<string, unknown>>>();

export function loadTasks(url: string): Promise<Record<string, unknown>> {
  let mod = modules.get(url);
  if (!mod) {
    mod = import(url) as Promise<Record<string, unknown>>;
    modules.set(url, mod);
  }
  return mod;
}

export async function resolveTask(url: string, name: string): Promise<TaskFn> {
  const mod = await loadTasks(url);
  const fn = mod[name];
  if (typeof fn !== 'function') {
    const names = Object.keys(mod).filter((k) => typeof mod[k] === 'function');
    throw new Error(`no task named '${name}' in ${url} (tasks: ${names.join(', ')})`);
  }
  return fn as TaskFn;
}

export async function runTimed(url: string, name: string, input: unknown): Promise<{ value: unknown; busy_ms: number }> {
  const fn = await resolveTask(url, name);
  const t0 = performance.now();
  const value = await fn(input);
  return { value, busy_ms: performance.now() - t0 };
}
