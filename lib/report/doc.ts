// What an experiment's report function returns: a document made of data,
// not HTML. lib/report/page.ts turns it into one self-contained page.

import type { PlotOptions } from '@observablehq/plot';
import type { Experiment } from '../experiment/types.ts';
import type { Meta } from '../data/provenance.ts';
import type { Row, MemorySample } from '../data/schema.ts';
import type { JudgedCheck } from '../verdicts/claim.ts';
import type { BestAgainstBest } from './best-against-best.ts';

export type Verdict =
  | 'reproduced'
  | 'partly reproduced'
  | 'not reproduced'
  | 'differs in Node'
  | 'inconclusive'
  | 'not run in Python'
  | 'not measured';

/** One row of the claims table; every string is computed from the data. */
export interface ClaimVerdict {
  id: string;
  /** The claim, paraphrased (usually the experiment's Claim.text). */
  claim: string;
  /** The article's own figure, e.g. '3.1× with 8 processes on 4 cores'. */
  article: string;
  /** What the article's Python does on this machine ('' when not run). */
  python: string;
  /** What the Node analog does on this machine. */
  node: string;
  verdict: Verdict;
  /** One sentence: the rule that produced the verdict. */
  basis: string;
  /** How far each side shows the claim (lib/verdicts/claim.ts), or why a side has no level. */
  levels?: { python: string; node: string };
  /** Every quantity the verdict weighed, with its interval and outcome: what the tests re-check. */
  checks?: JudgedCheck[];
  /** Set when a side's result comes from a model: what the model assumes. */
  modelled?: string;
  /** The cells of the compact claims table: the side's level and the check it rests on, with its interval. */
  short?: { python: string; node: string };
}

export interface Figure {
  /** Anchor id, unique in the page: [a-z0-9-]+ */
  id: string;
  title: string;
  /** Markdown: what to look at. */
  caption: string;
  /** Observable Plot options; the renderer adds `document`. */
  plot: PlotOptions;
}

export interface TableColumn {
  key: string;
  label: string;
  align?: 'left' | 'right';
  /** Format numbers: digits after the point (default: as is). */
  digits?: number;
}

export interface Table {
  id: string;
  title: string;
  caption?: string;
  columns: TableColumn[];
  rows: Record<string, string | number | null>[];
}

export type Block =
  | { kind: 'markdown'; text: string }
  | { kind: 'figure'; figure: Figure }
  | { kind: 'table'; table: Table }
  | { kind: 'note'; tone: 'info' | 'warning'; text: string };

export interface Section {
  id: string;
  title: string;
  /**
   * The section's finding in one sentence (markdown), computed from the data: what its figure shows
   * and what to look at. Printed first, set apart; the blocks give the details.
   */
  lead?: string;
  blocks: Block[];
}

export interface ReportDoc {
  /** One sentence for the index and the top of the page, plain text. */
  headline: string;
  /** The first screen's figure, under the headline: the article's chart rebuilt beside this machine's (lib/report/glance.ts). */
  glance?: Figure;
  /** Node's fastest path against Python's on one job, each against the machine's limit (lib/report/best-against-best.ts). */
  best?: BestAgainstBest;
  claims: ClaimVerdict[];
  /** The findings, in reading order. */
  sections: Section[];
}

/** Everything a report function may read: parsed data, never the file system. */
export interface ReportInput {
  experiment: Experiment;
  rows: Row[];
  memory: MemorySample[];
  tables: Record<string, Record<string, string | number | null>[]>;
  meta: Meta;
  /** The machine whose rows the report is about (the reference machine by default). */
  machineId: string;
}

/** The signature of experiments/<id>/report.ts's default export. Pure. */
export type ReportFunction = (input: ReportInput) => ReportDoc;
