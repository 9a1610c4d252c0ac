// The impure edge of reporting: read an experiment's data folder, call its
// pure report function, write the page atomically. Never runs an experiment.

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { listExperimentIds, loadExperiment, loadGuideFunction, loadReportFunction } from '../experiment/load.ts';
import { readExperimentData, readMeta } from '../data/experiment-data.ts';
import { writeFileAtomic } from '../data/atomic.ts';
import { experimentDataDir, experimentJson, indexHtml, memoryCsv, reportHtml, resultsCsv, runJson, tableCsv, type Paths } from '../paths.ts';
import { countTrials } from './trial-counts.ts';
import type { ReportDoc, ReportInput } from './doc.ts';
import { acrossMachinesSection } from './across-machines.ts';
import { figureIds, guideFor } from './guide.ts';
import { renderIndex, type IndexEntry } from './index-page.ts';
import { renderPage } from './page.ts';
import { findingsMarkdown, replaceFindings } from './readme.ts';

export interface BuildOptions {
  paths: Paths;
  /** Whose rows the page reports; default the reference machine (experiment.json, else the first machine folder). */
  machineId?: string;
}

// One machine's slice of the data: what a report or guide function reads.
function inputFor(experiment: ReportInput['experiment'], data: ReturnType<typeof readExperimentData>, machineId: string): ReportInput {
  const rows = data.rows.filter((r) => r.machine_id === machineId);
  const memory = data.memory.filter((m) => m.machine_id === machineId);
  const tables = Object.fromEntries(Object.entries(data.tables).map(([k, list]) => [k, list.filter((r) => r.machine_id === machineId)]));
  return { experiment, rows, memory, tables, meta: data.meta, machineId };
}

async function makeDoc(paths: Paths, id: string, machine?: string) {
  const experiment = await loadExperiment(paths.experimentsDir, id);
  const data = readExperimentData(paths, experiment);
  const machineId = machine ?? data.meta.reference_machine;
  if (!data.meta.runs[machineId]) {
    throw new Error(`${experimentDataDir(paths, id)}/: no folder for machine ${machineId} (machines: ${Object.keys(data.meta.runs).join(', ')})`);
  }
  const report = await loadReportFunction(paths.experimentsDir, id);
  const guideFn = await loadGuideFunction(paths.experimentsDir, id);
  const input = inputFor(experiment, data, machineId);
  const doc = report(input);
  const guide = guideFn ? guideFor(guideFn, input, figureIds(doc)) : undefined;
  // Several machines: each one's verdicts and guide rows side by side, built in lib from its own rows.
  const machines = Object.keys(data.meta.runs);
  if (machines.length > 1) {
    const order = [machineId, ...machines.filter((m) => m !== machineId).sort()];
    const across = acrossMachinesSection(
      order.map((m) => {
        const run = data.meta.runs[m]!;
        const own = inputFor(experiment, data, m);
        return {
          machineId: m, cpu: run.machine.cpu_model, cores: run.machine.cores, profile: run.profile, commit: run.git.commit, date: run.started_at.slice(0, 10),
          params: run.params,
          entries: guideFn ? guideFn(own) : [],
          claims: m === machineId ? doc.claims : report(own).claims,
        };
      }),
    );
    if (across) doc.sections.push(across);
  }
  return { experiment, data, machineId, doc, guide };
}

export async function buildReport(id: string, { paths, machineId }: BuildOptions): Promise<string> {
  const { experiment, data, machineId: machine, doc } = await makeDoc(paths, id, machineId);
  const out = reportHtml(paths, id);
  const link = (file: string) => path.relative(path.dirname(out), file).split(path.sep).join('/');
  const files = [
    { label: `${machine}/results.csv: one row per trial`, file: resultsCsv(paths, id, machine) },
    { label: `${machine}/memory.csv: RSS timeline of every trial`, file: memoryCsv(paths, id, machine) },
    ...Object.keys(experiment.tables ?? {}).map((t) => ({ label: `${machine}/${t}.csv`, file: tableCsv(paths, id, machine, t) })),
    { label: `${machine}/run.json: provenance of this machine's run`, file: runJson(paths, id, machine) },
    { label: 'experiment.json: the reference machine', file: experimentJson(paths, id) },
  ].filter((f) => existsSync(f.file));
  const own = data.rows.filter((r) => r.machine_id === machine);
  const html = renderPage({
    experiment,
    doc,
    meta: data.meta,
    machineId: machine,
    dataFiles: files.map((f) => ({ label: f.label, href: link(f.file) })),
    otherMachines: Object.keys(data.meta.runs).filter((m) => m !== machine),
    dataDir: dataDirLabel(paths, id),
    trials: countTrials(own, data.meta.runs[machine]!.trials.planned),
    readWarnings: data.warnings.filter((w) => w.includes(`/${machine}/`)),
  });
  writeFileAtomic(out, html);
  return out;
}

/** The data folder as a reader finds it: relative to the repository when inside it, else absolute. */
function dataDirLabel(paths: Paths, id: string): string {
  const dir = path.join(paths.dataDir, id);
  const rel = path.relative(paths.root, dir);
  return `${rel.startsWith('..') || path.isAbsolute(rel) ? dir : rel.split(path.sep).join('/')}/`;
}

const NOT_RUN: ReportDoc = { headline: '', claims: [], sections: [] };

async function indexEntries(paths: Paths): Promise<IndexEntry[]> {
  const entries: IndexEntry[] = [];
  for (const id of listExperimentIds(paths.experimentsDir)) {
    const href = `${id}.html`;
    if (!readMeta(paths, id)) {
      entries.push({ experiment: await loadExperiment(paths.experimentsDir, id), doc: NOT_RUN, meta: null, href });
      continue;
    }
    const { experiment, data, doc, guide } = await makeDoc(paths, id);
    entries.push({ experiment, doc, meta: data.meta, href, guide });
  }
  return entries;
}

export async function buildIndex({ paths }: BuildOptions): Promise<string> {
  const out = indexHtml(paths);
  writeFileAtomic(out, renderIndex({ entries: await indexEntries(paths) }));
  return out;
}

/** The README with its findings block regenerated from the data (not written). */
export async function readmeWithFindings({ paths }: BuildOptions): Promise<string> {
  const file = path.join(paths.root, 'README.md');
  return replaceFindings(readFileSync(file, 'utf8'), findingsMarkdown(await indexEntries(paths)));
}
