// `new <id>`: copy the template into experiments/<id>/. The template is a
// small complete experiment (serial against worker threads and child
// processes on a CPU task), so the new folder runs and reports at once.

import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../experiment/load.ts';

const TEMPLATE_DIR = fileURLToPath(new URL('./template', import.meta.url));
const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export function scaffoldExperiment({ experimentsDir, id }: { experimentsDir: string; id: string }): string {
  if (!ID.test(id)) throw new UsageError(`experiment id must be lowercase words joined by '-', e.g. my-study (got ${JSON.stringify(id)})`);
  const dir = path.join(experimentsDir, id);
  if (existsSync(dir)) throw new UsageError(`${dir} already exists; pick another id`);
  mkdirSync(dir, { recursive: true });
  // Templates end in .tmpl so the type checker does not read them where they sit.
  for (const name of readdirSync(TEMPLATE_DIR).filter((f) => f.endsWith('.tmpl'))) {
    const text = readFileSync(path.join(TEMPLATE_DIR, name), 'utf8').replaceAll('__ID__', id);
    writeFileSync(path.join(dir, name.slice(0, -'.tmpl'.length)), text);
  }
  return dir;
}
