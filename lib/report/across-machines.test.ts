import { describe, expect, it } from 'vitest';
import { acrossMachinesSection, agreement, likeForLike, type MachineGuide } from './across-machines.ts';
import type { ClaimVerdict, Verdict } from './doc.ts';
import { judgeClaim, measured } from '../verdicts/claim.ts';

const claim = (id: string, verdict: Verdict): ClaimVerdict => ({ id, claim: '', article: '', python: '', node: '', verdict, basis: '' });
const machine = (id: string, claims: ClaimVerdict[], over: Partial<MachineGuide> = {}): MachineGuide => ({
  machineId: id, cpu: 'CPU', cores: 2, profile: 'full', commit: 'abcdef0123', date: '2026-12-07', params: { repetitions: 5 }, entries: [], claims, ...over,
});

describe('agreement', () => {
  it('tells opposite verdicts from one machine undecided', () => {
    expect(agreement(['reproduced', 'reproduced'])).toBe('agree');
    expect(agreement(['reproduced', 'not reproduced'])).toBe('opposite');
    expect(agreement(['partly reproduced', 'not reproduced'])).toBe('opposite');
    expect(agreement(['reproduced', 'inconclusive'])).toBe('one undecided');
    expect(agreement(['reproduced', 'differs in Node'])).toBe('differ');
  });
});

describe('likeForLike', () => {
  it('names what differs beside the hardware', () => {
    const a = machine('a', []);
    const b = machine('b', [], { commit: '1234567abc', params: { repetitions: 3 } });
    expect(likeForLike([a, b]).join(' | ')).toMatch(/different commits .*abcdef0.*1234567.* \| different parameters: `repetitions`/);
    expect(likeForLike([a, machine('c', [])])).toEqual([]);
  });
});

describe('acrossMachinesSection: verdicts', () => {
  const iv = { value: 1.1, lo: 1.05, hi: 1.15, n: 5 };
  const judged = judgeClaim({ id: 'X1', claim: 'c', article: 'a', full: 'slower', python: measured([{ label: '2 threads', estimate: iv, expect: { order: 'slower' }, baseline: 'serial' }]), node: { kind: 'not-applicable', reason: 'n/a' } });

  it('lists every claim on every machine with its decisive interval, and marks disagreement', () => {
    const section = acrossMachinesSection([machine('ref', [judged, claim('X2', 'reproduced')]), machine('other', [claim('X1', 'inconclusive'), claim('X2', 'not reproduced')], { commit: '1234567abc' })])!;
    const table = section.blocks.find((b) => b.kind === 'table' && b.table.id === 'across-machines-verdicts');
    expect(table && table.kind === 'table' && table.table.rows).toEqual([
      { id: 'X1', agreement: 'one undecided', m0: '**reproduced**: Python 2 threads: 1.10× slower than serial (1.05–1.15)', m1: '**inconclusive**' },
      { id: 'X2', agreement: 'opposite', m0: '**reproduced**', m1: '**not reproduced**' },
    ]);
    const text = section.blocks[1]!.kind === 'markdown' ? section.blocks[1]!.text : '';
    expect(text).toContain('**1 with opposite verdicts**');
    expect(text).toContain('not like for like: different commits');
  });

  it('needs two machines', () => {
    expect(acrossMachinesSection([machine('ref', [judged])])).toBeNull();
  });
});
