// A run's journal: each finished trial is appended as one JSON line, so a run
// stopped by Ctrl-C, a crash or a failed trial resumes where it stopped. The
// committed CSVs are written only when every trial is done; until then the
// journal is the only thing that changes. It is keyed by the code hash: a
// journal from other code or parameters is discarded, never mixed in.

import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Cell } from '../data/csv.ts';
import type { MemorySample, Row } from '../data/schema.ts';
import type { Git } from '../data/provenance.ts';

export interface JournalEntry {
  index: number;
  row: Row;
  timeline: MemorySample[];
  tables: Record<string, Record<string, Cell>[]>;
}

/** What identifies a run, and what a resumed run must report as its own provenance. */
export interface Header {
  hash: string;
  planned: number;
  /** When the first trial of this run began, and the git state then: kept across resumes. */
  started_at: string;
  git: Git;
}

export class Journal {
  readonly file: string;
  readonly header: Header;
  readonly #done = new Map<number, JournalEntry>();

  private constructor(file: string, header: Header) {
    this.file = file;
    this.header = header;
  }

  /** Open the journal for this code hash, keeping the entries of an earlier, interrupted run of the same code. */
  static open(file: string, header: Header): Journal {
    if (existsSync(file)) {
      const [first, ...lines] = readFileSync(file, 'utf8').split('\n');
      let previous: Header | null = null;
      try {
        previous = JSON.parse(first!) as Header;
      } catch {
        previous = null;
      }
      if (previous?.hash === header.hash && previous.planned === header.planned) {
        const journal = new Journal(file, previous);
        for (const line of lines) {
          if (!line.trim()) continue;
          try {
            const entry = JSON.parse(line) as JournalEntry;
            journal.#done.set(entry.index, entry);
          } catch {
            // the last line of a run killed mid-write: that trial simply runs again
          }
        }
        return journal;
      }
    }
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(header) + '\n');
    return new Journal(file, header);
  }

  get completed(): ReadonlyMap<number, JournalEntry> {
    return this.#done;
  }

  append(entry: JournalEntry): void {
    appendFileSync(this.file, JSON.stringify(entry) + '\n');
    this.#done.set(entry.index, entry);
  }

  /** The run is written: the journal has served its purpose. */
  remove(): void {
    rmSync(this.file, { force: true });
  }
}

export const journalFile = (experimentDataDir: string, machineId: string) => path.join(experimentDataDir, '.partial', `${machineId}.jsonl`);
