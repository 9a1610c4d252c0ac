// The report contract, once for every experiment folder: on a synthetic run of
// its quick plan, without Python, without rows, and on every machine of its
// committed data, a report is pure, writes no NaN or undefined, renders, judges
// every declared claim, and its verdicts agree with their intervals and words.
// A new experiment is covered with no edit here.

import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listExperimentIds, loadExperiment, loadReportFunction } from '../experiment/load.ts';
import { readExperimentData } from '../data/experiment-data.ts';
import type { ReportDoc, ReportInput } from '../report/doc.ts';
import { VERDICTS } from '../report/blocks.ts';
import { renderPage } from '../report/page.ts';
import { resolvePaths, ROOT } from '../paths.ts';
import { outcomeOf } from '../verdicts/classify.ts';
import { versus } from '../verdicts/wording.ts';
import { syntheticInput, withoutPython, withoutRows } from './synthetic-run.ts';

const paths = resolvePaths({});
const ids = listExperimentIds(paths.experimentsDir);

/** Every string a reader sees in a document. */
export function docTexts(doc: ReportDoc): string[] {
  const out = [doc.headline, ...(doc.glance ? [doc.glance.title, doc.glance.caption] : [])];
  for (const c of doc.claims) out.push(c.claim, c.article, c.python, c.node, c.verdict, c.basis);
  for (const s of doc.sections) {
    out.push(s.title, s.lead ?? '');
    for (const b of s.blocks) {
      if (b.kind === 'markdown' || b.kind === 'note') out.push(b.text);
      else if (b.kind === 'figure') out.push(b.figure.title, b.figure.caption);
      else out.push(b.table.title, b.table.caption ?? '', ...b.table.rows.flatMap((r) => Object.values(r).map((v) => String(v ?? ''))));
    }
  }
  return out;
}

const UNDECIDED_VERDICTS = new Set(['inconclusive', 'not measured', 'not run in Python']);

/** What must hold of every judged document, whatever its data. */
function checkDoc(doc: ReportDoc, input: ReportInput): string {
  for (const text of docTexts(doc)) expect(text, text.slice(0, 200)).not.toMatch(/\bNaN\b|\bundefined\b|\bInfinity\b|\[object /);
  expect(doc.claims.map((c) => c.id)).toEqual(input.experiment.claims.map((c) => c.id));
  for (const c of doc.claims) {
    expect(VERDICTS).toContain(c.verdict);
    for (const k of c.checks ?? []) {
      // The stored outcome is the rule's, recomputed from the stored interval.
      expect(outcomeOf(k.estimate, k.expect), `${c.id} ${k.side} ${k.label}`).toBe(k.outcome);
      // A decided verdict never rests on an interval that straddles its threshold.
      if (!UNDECIDED_VERDICTS.has(c.verdict) && k.decisive) expect(k.outcome, `${c.id}: ${c.verdict} rests on ${k.side} ${k.label}, undecided`).not.toBe('undecided');
      // The words in the cell are the ones the classification gives.
      if ('order' in k.expect) expect(k.side === 'python' ? c.python : c.node, `${c.id} ${k.label}`).toContain(versus(k.estimate, k.baseline));
    }
  }
  const html = renderPage({ experiment: input.experiment, doc, meta: input.meta, machineId: input.machineId, dataFiles: [], otherMachines: [] });
  expect(html).toContain('<section id="claims">');
  return html;
}

describe.each(ids)('%s report contract', (id) => {
  const load = async () => ({ experiment: await loadExperiment(paths.experimentsDir, id), report: await loadReportFunction(paths.experimentsDir, id) });

  it('on a synthetic run of its quick plan: pure, complete, consistent, renders', async () => {
    const { experiment, report } = await load();
    const input = syntheticInput(experiment);
    const frozen = structuredClone(input.rows);
    const page = checkDoc(report(input), input);
    // Pure: the same input gives the same page, byte for byte, and is left unchanged.
    expect(checkDoc(report(input), input)).toBe(page);
    expect(input.rows).toEqual(frozen);
  });

  it('without Python: no claim reads reproduced on the strength of Python rows it does not have', async () => {
    const { experiment, report } = await load();
    const input = withoutPython(syntheticInput(experiment));
    const doc = report(input);
    checkDoc(doc, input);
    for (const c of doc.claims) expect(c.checks?.some((k) => k.side === 'python') ?? false, c.id).toBe(false);
  });

  it('with no rows at all: every claim undecided or not measured, nothing thrown', async () => {
    const { experiment, report } = await load();
    const input = withoutRows(syntheticInput(experiment));
    const doc = report(input);
    checkDoc(doc, input);
    for (const c of doc.claims) expect(UNDECIDED_VERDICTS.has(c.verdict), `${c.id}: ${c.verdict}`).toBe(true);
  });

  const committed = existsSync(path.join(ROOT, 'data', id, 'experiment.json'));
  it.runIf(committed)('on the committed data, for every machine: verdicts agree with their intervals and their words', async () => {
    const { experiment, report } = await load();
    const data = readExperimentData(paths, experiment);
    for (const machineId of Object.keys(data.meta.runs)) {
      const own = <T extends { machine_id?: unknown }>(list: readonly T[]) => list.filter((r) => r.machine_id === machineId);
      const input: ReportInput = {
        experiment, meta: data.meta, machineId, rows: own(data.rows), memory: own(data.memory),
        tables: Object.fromEntries(Object.entries(data.tables).map(([k, v]) => [k, own(v)])),
      };
      const doc = report(input);
      checkDoc(doc, input);
      if (machineId !== data.meta.reference_machine) continue;
      // The first screen answers, and every section that shows something leads with its finding.
      expect(doc.glance, 'the first-screen figure').toBeDefined();
      for (const s of doc.sections.filter((x) => x.blocks.some((b) => b.kind === 'figure' || b.kind === 'table'))) {
        expect(s.lead, `section ${s.id} opens with its finding (Section.lead)`).toBeTruthy();
        expect(s.lead!.split(/\s+/).length, `section ${s.id}: the lead is one short sentence`).toBeLessThanOrEqual(MAX_LEAD_WORDS);
      }
    }
  });
});

/** A lead is one sentence a reader takes in at once. */
const MAX_LEAD_WORDS = 60;

it('covers every experiment folder', () => {
  expect(ids).toEqual(expect.arrayContaining(['factorizer', 'gzip-bundles', 'interpreter-pools', 'io-memory', 'process-pool-thumbnails']));
});
