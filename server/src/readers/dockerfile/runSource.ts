import type { Instruction } from 'dockerfile-ast';
import { ShellSource } from '../../shell/source';
import type { LineIndex } from '../../text/lineIndex';

const SHELLS = /^(?:\/(?:usr\/)?bin\/)?(?:sh|bash|ash|dash|zsh)$/;

/**
 * Rebuild the shell text a RUN hands to `/bin/sh -c`, the way BuildKit does: escaped line breaks are
 * removed, comment lines and empty lines inside a continuation are dropped. Heredoc bodies that are the
 * script (`RUN <<EOF`, `RUN bash <<EOF`) become scripts of their own. Every piece keeps its document offset.
 */
export function runShellSources(instr: Instruction, index: LineIndex, uri: string, escapeChar: string): ShellSource[] {
  const text = index.text;
  const range = instr.getRange();
  const end = index.offsetAt(range.end);
  let start = index.offsetAt(instr.getInstructionRange().end);
  const flags = (instr as unknown as { getFlags?: () => { getRange(): { end: { line: number; character: number } } }[] }).getFlags?.() ?? [];
  for (const f of flags) start = Math.max(start, index.offsetAt(f.getRange().end));

  // dockerfile-ast re-tokenises the arguments for getHeredocs(): ask only when the text can hold one.
  const mayHaveHeredoc = text.indexOf('<<', start) >= 0 && text.indexOf('<<', start) < end;
  const heredocs = mayHaveHeredoc ? heredocsOf(instr) : [];
  if (heredocs.length > 0) {
    const firstStart = index.offsetAt(heredocs[0].getStartRange().start);
    const lineEnd = text.indexOf('\n', firstStart);
    const commandEnd = lineEnd < 0 ? end : lineEnd;
    const command = joinContinuations(text, start, commandEnd, escapeChar);
    const withoutOps = command.replace(/<<-?\s*(["']?)[A-Za-z0-9_.-]+\1/g, '').replace(/[0-9]*>+\s*\S+/g, '').trim();
    const words = withoutOps.split(/\s+/).filter(Boolean);
    const scriptIsBody = words.length === 0 || (SHELLS.test(words[0]) && words.slice(1).every((w) => w.startsWith('-') && w !== '-c'));
    if (scriptIsBody) {
      const out: ShellSource[] = [];
      for (const h of heredocs) {
        const content = h.getContentRange();
        if (!content) continue;
        const src = new ShellSource(uri, index);
        src.appendDoc(index.offsetAt(content.start), index.offsetAt(content.end));
        out.push(src);
      }
      return out;
    }
    // The heredoc feeds a command (`cat <<EOF > file`): bash understands the whole text as written.
    const src = new ShellSource(uri, index);
    appendJoined(src, text, start, end, escapeChar);
    return [src];
  }
  const src = new ShellSource(uri, index);
  appendJoined(src, text, start, end, escapeChar);
  return [src];
}

/**
 * The instruction's heredocs; none when dockerfile-ast cannot tell them (it throws a TypeError on some unterminated
 * ones, `RUN <<EOF` + `\"EOF`): the shell parser then reads the text as written, heredoc syntax included.
 */
function heredocsOf(instr: Instruction): HeredocLike[] {
  try {
    return (instr as unknown as { getHeredocs?: () => HeredocLike[] }).getHeredocs?.() ?? [];
  } catch {
    return [];
  }
}

interface HeredocLike {
  getStartRange(): { start: { line: number; character: number } };
  getContentRange(): { start: { line: number; character: number }; end: { line: number; character: number } } | null;
}

function joinContinuations(text: string, start: number, end: number, escapeChar: string): string {
  let out = '';
  forEachPiece(text, start, end, escapeChar, (s, e) => {
    out += text.slice(s, e);
  });
  return out;
}

function appendJoined(src: ShellSource, text: string, start: number, end: number, escapeChar: string): void {
  forEachPiece(text, start, end, escapeChar, (s, e) => src.appendDoc(s, e));
}

/** Calls back with the document spans that make up the logical line, skipping continuations and comment lines. */
function forEachPiece(text: string, start: number, end: number, escapeChar: string, piece: (s: number, e: number) => void): void {
  let pieceStart = start;
  let i = start;
  while (i < end) {
    const c = text[i];
    if (c === escapeChar) {
      let j = i + 1;
      while (j < end && (text[j] === ' ' || text[j] === '\t')) j++;
      if (j >= end || text[j] === '\n' || text[j] === '\r') {
        piece(pieceStart, i);
        if (text[j] === '\r') j++;
        if (text[j] === '\n') j++;
        // Comment and empty lines inside a continuation are removed by the Dockerfile parser.
        for (;;) {
          let k = j;
          while (k < end && (text[k] === ' ' || text[k] === '\t')) k++;
          if (k < end && (text[k] === '#' || text[k] === '\n' || text[k] === '\r')) {
            const nl = text.indexOf('\n', k);
            if (nl < 0 || nl >= end) {
              j = end;
              break;
            }
            j = nl + 1;
            continue;
          }
          break;
        }
        i = j;
        pieceStart = j;
        continue;
      }
      i += 2;
      continue;
    }
    i++;
  }
  piece(pieceStart, end);
}
