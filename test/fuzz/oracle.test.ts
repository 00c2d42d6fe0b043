/**
 * Controls for the fuzz oracle and mutator: a planted bug of each kind is caught (so a silent oracle cannot pass
 * the campaign), and the mutator is deterministic.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RULES } from '../../server/src/rules/registry';
import type { Rule, RuleFinding } from '../../server/src/rules/types';
import { allSeeds } from './corpus';
import { drawCase } from './campaign';
import { BOUNDED_OPTIONS } from './mutator';
import { Oracle } from './oracle';

const rules = RULES as Rule[];
let oracle: Oracle;
let planted: Rule | undefined;
beforeAll(async () => {
  oracle = await Oracle.create();
});
afterEach(() => {
  if (planted) rules.splice(rules.indexOf(planted), 1);
  planted = undefined;
});

const DOCKERFILE = 'FROM golang:1.22\nRUN go build -o /app .\n';
const at = (l1: number, c1: number, l2: number, c2: number) => ({ start: { line: l1, character: c1 }, end: { line: l2, character: c2 } });

function plant(check: () => RuleFinding[]): void {
  planted = { meta: { id: 'CGO998', name: 'planted', title: 'planted', severity: 'error', summary: 'planted' }, check };
  rules.push(planted);
}

const finding = (range: ReturnType<typeof at>, extra: Partial<RuleFinding> = {}): RuleFinding => ({ loc: { uri: 'file:///fuzz/Dockerfile', range }, message: 'planted finding', ...extra });

describe('the oracle catches planted bugs', () => {
  it.each<[string, () => RuleFinding[], RegExp]>([
    ['a range past the last line', () => [finding(at(2, 0, 9999, 0))], /range line 9999 outside 0\.\.2/],
    ['a character past the line end', () => [finding(at(0, 0, 0, 17))], /character 17 outside 0\.\.16/],
    ['a negative position', () => [finding(at(-1, 0, 0, 1))], /line -1 outside/],
    ['start after end', () => [finding(at(1, 5, 0, 0))], /start after end/],
    ['a related location out of range', () => [finding(at(0, 0, 0, 4), { related: [{ loc: { uri: 'file:///fuzz/Dockerfile', range: at(7, 0, 7, 1) }, message: 'r' }] })], /related range line 7/],
    ['a related location in an unknown document', () => [finding(at(0, 0, 0, 4), { related: [{ loc: { uri: 'file:///elsewhere', range: at(0, 0, 0, 0) }, message: 'r' }] })], /not given: file:\/\/\/elsewhere/],
    ['overlapping fix edits', () => [finding(at(0, 0, 0, 4), { fixes: [{ title: 'f', preferred: true, safe: true, edits: [{ uri: 'file:///fuzz/Dockerfile', range: at(0, 0, 0, 6), newText: 'a' }, { uri: 'file:///fuzz/Dockerfile', range: at(0, 3, 0, 8), newText: 'b' }] }] })], /overlapping edits/],
    ['a fix edit out of range', () => [finding(at(0, 0, 0, 4), { fixes: [{ title: 'f', preferred: true, safe: true, edits: [{ uri: 'file:///fuzz/Dockerfile', range: at(0, 0, 40, 0), newText: 'a' }] }] })], /fix "f" edit line 40/],
    ['"undefined" in a message', () => [finding(at(0, 0, 0, 4), { message: `value is ${String(undefined)}` })], /message contains undefined/],
    ['a rule that throws', () => { throw new Error('planted throw'); }, /engine logged an error: rule CGO998 failed/],
    ['a rule that burns 300 ms of CPU', () => {
      const c0 = process.cpuUsage();
      for (let c = process.cpuUsage(c0); c.user + c.system < 300_000; c = process.cpuUsage(c0));
      return [];
    }, /^slow: \d+ ms CPU/],
  ])('%s', (_name, check, expected) => {
    plant(check);
    const o = oracle.check({ kind: 'dockerfile', text: DOCKERFILE }, { retries: 0 });
    const all = [...o.violations, ...oracle.throwsDirectly({ kind: 'dockerfile', text: DOCKERFILE })];
    expect(all.some((v) => expected.test(v)), all.join('\n')).toBe(true);
  });

  it('a clean input has no violation', () => {
    expect(oracle.check({ kind: 'dockerfile', text: DOCKERFILE }).violations).toEqual([]);
  });
});

describe('the mutator is deterministic', () => {
  it('the same seed and case index give the same input, a different index a different one', () => {
    const seeds = allSeeds();
    const a = drawCase(seeds, 7, 123, BOUNDED_OPTIONS);
    const b = drawCase(seeds, 7, 123, BOUNDED_OPTIONS);
    const c = drawCase(seeds, 7, 124, BOUNDED_OPTIONS);
    expect(b).toEqual(a);
    expect(c.input.text === a.input.text && c.input.kind === a.input.kind).toBe(false);
  });
});
