// A small go.mod / go.work parser (the syntax of golang.org/x/mod/modfile, reduced to what CGO Lens needs): line
// comments, quoted and raw strings, `verb arg…` lines and `verb ( … )` blocks. Positions are 0-based lines and
// UTF-16 characters, like every other range in the model. Never throws.
import type { Range } from '../../model/types';

export interface ModToken {
  text: string;
  range: Range;
}

export interface ModRequire {
  path: string;
  version?: string;
  indirect: boolean;
  /** The whole require line (inside a block: the spec line). */
  range: Range;
  pathRange: Range;
}

export interface ModReplace {
  from: string;
  fromVersion?: string;
  to: string;
  toVersion?: string;
  /** `=> ../local` (a directory, not a module version). */
  local: boolean;
  range: Range;
}

export interface ModFacts {
  module?: { path: string; range: Range };
  go?: { version: string; range: Range };
  toolchain?: { version: string; range: Range };
  requires: ModRequire[];
  replaces: ModReplace[];
  /** go.work: `use` directories. */
  uses: { dir: string; range: Range }[];
}

interface Line {
  tokens: ModToken[];
  comment?: string;
  range: Range;
}

/** Split the text into logical lines of tokens, keeping the trailing `//` comment of each. */
function lines(text: string): Line[] {
  const out: Line[] = [];
  const src = text.split(/\r\n|\r|\n/);
  for (let ln = 0; ln < src.length; ln++) {
    const s = src[ln];
    const tokens: ModToken[] = [];
    let comment: string | undefined;
    let i = 0;
    while (i < s.length) {
      const c = s[i];
      // Every blank (form feed, NBSP, U+2028 …) separates tokens, like the bare-token scan below assumes.
      if (/\s/.test(c) || c === '\uFEFF') {
        i++;
        continue;
      }
      if (c === '/' && s[i + 1] === '/') {
        comment = s.slice(i + 2).trim();
        break;
      }
      const start = i;
      if (c === '"' || c === '`') {
        i++;
        let value = '';
        while (i < s.length && s[i] !== c) {
          if (c === '"' && s[i] === '\\' && i + 1 < s.length) {
            value += s[i + 1];
            i += 2;
            continue;
          }
          value += s[i++];
        }
        i = Math.min(i + 1, s.length);
        tokens.push({ text: value, range: { start: { line: ln, character: start }, end: { line: ln, character: i } } });
        continue;
      }
      if (c === '(' || c === ')') {
        i++;
        tokens.push({ text: c, range: { start: { line: ln, character: start }, end: { line: ln, character: i } } });
        continue;
      }
      while (i < s.length && !/[\s"`()\uFEFF]/.test(s[i]) && !(s[i] === '/' && s[i + 1] === '/')) i++;
      if (i === start) i++; // never loop without progress
      tokens.push({ text: s.slice(start, i), range: { start: { line: ln, character: start }, end: { line: ln, character: i } } });
    }
    const range: Range = { start: { line: ln, character: 0 }, end: { line: ln, character: s.length } };
    if (tokens.length || comment !== undefined) out.push({ tokens, comment, range });
  }
  return out;
}

function span(tokens: ModToken[]): Range {
  return { start: tokens[0].range.start, end: tokens[tokens.length - 1].range.end };
}

/** Parse go.mod (or go.work: `use` lines are collected too). */
export function parseGoMod(text: string): ModFacts {
  const facts: ModFacts = { requires: [], replaces: [], uses: [] };
  const all = lines(text);
  let block: string | undefined;
  for (const line of all) {
    const t = line.tokens;
    if (!t.length) continue;
    if (block !== undefined) {
      if (t[0].text === ')') {
        block = undefined;
        continue;
      }
      spec(facts, block, t, line);
      continue;
    }
    const verb = t[0].text;
    if (t[1]?.text === '(') {
      // `require (` opens a block; `require ()` on one line is an empty block.
      if (t[2]?.text !== ')') block = verb;
      continue;
    }
    spec(facts, verb, t.slice(1), line);
  }
  return facts;
}

function spec(facts: ModFacts, verb: string, t: ModToken[], line: Line): void {
  if (!t.length) return;
  switch (verb) {
    case 'module':
      facts.module ??= { path: t[0].text, range: t[0].range };
      break;
    case 'go':
      facts.go ??= { version: t[0].text, range: span(t) };
      break;
    case 'toolchain':
      facts.toolchain ??= { version: t[0].text, range: span(t) };
      break;
    case 'require':
      facts.requires.push({
        path: t[0].text,
        version: t[1]?.text,
        indirect: line.comment !== undefined && /^indirect\b/.test(line.comment),
        range: span(t),
        pathRange: t[0].range,
      });
      break;
    case 'replace': {
      const arrow = t.findIndex((x) => x.text === '=>');
      if (arrow < 1 || !t[arrow + 1]) break;
      const to = t[arrow + 1].text;
      facts.replaces.push({
        from: t[0].text,
        fromVersion: arrow > 1 ? t[1].text : undefined,
        to,
        toVersion: t[arrow + 2]?.text,
        local: to.startsWith('./') || to.startsWith('../') || to.startsWith('/') || to === '.' || to === '..',
        range: span(t),
      });
      break;
    }
    case 'use':
      facts.uses.push({ dir: t[0].text, range: t[0].range });
      break;
  }
}
