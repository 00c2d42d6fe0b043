/**
 * Dockerfile variable substitution for instruction arguments (FROM, ENV, ARG, COPY, WORKDIR):
 * `$V`, `${V}`, `${V:-word}`, `${V-word}`, `${V:+word}`, `${V+word}`; `\$` (or the escape character) keeps a
 * literal `$`. dockerfile-ast does not apply these modifiers, so we do.
 *
 * lookup returns the value, undefined when the variable is declared but its value is only known at build
 * time (ARG without default), or null when it is not declared (expands to the empty string).
 */
export type VarLookup = (name: string) => string | undefined | null;

/** Values that double on every ARG (`ARG B=$A$A`) grow exponentially; past this size they count as unknown. */
const MAX_EXPANDED = 64 * 1024;

export function expandDockerVars(text: string, lookup: VarLookup, escapeChar = '\\'): string | undefined {
  const out = expandOnce(text, lookup, escapeChar);
  return out !== undefined && out.length > MAX_EXPANDED ? undefined : out;
}

function expandOnce(text: string, lookup: VarLookup, escapeChar: string): string | undefined {
  let out = '';
  let unknown = false;
  let i = 0;
  while (i < text.length) {
    if (out.length > MAX_EXPANDED) return undefined;
    const c = text[i];
    if (c === escapeChar && text[i + 1] === '$') {
      out += '$';
      i += 2;
      continue;
    }
    if (c !== '$') {
      out += c;
      i++;
      continue;
    }
    if (text[i + 1] === '{') {
      const close = findClose(text, i + 2);
      if (close < 0) {
        out += text.slice(i);
        break;
      }
      const inner = text.slice(i + 2, close);
      const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([\s\S]*))?$/.exec(inner);
      if (!m) {
        unknown = true;
      } else {
        const [, name, op, word] = m;
        const v = lookup(name);
        if (!op) {
          if (v === undefined) unknown = true;
          else out += v ?? '';
        } else {
          const isSet = v !== null;
          // A declared ARG without a value that nobody passes is unset: `${X:-d}` means d, as the author intended.
          if (v === undefined && op.endsWith('-')) {
            const w = expandDockerVars(word, lookup, escapeChar);
            if (w === undefined) unknown = true;
            else out += w;
          } else if (v === undefined && op === ':+') unknown = true;
          else {
            const nonEmpty = isSet && v !== '';
            const useWord = op === ':-' ? !nonEmpty : op === '-' ? !isSet : op === ':+' ? nonEmpty : isSet;
            if (op.endsWith('-')) {
              if (useWord) {
                const w = expandDockerVars(word, lookup, escapeChar);
                if (w === undefined) unknown = true;
                else out += w;
              } else out += v ?? '';
            } else if (useWord) {
              const w = expandDockerVars(word, lookup, escapeChar);
              if (w === undefined) unknown = true;
              else out += w;
            }
          }
        }
      }
      i = close + 1;
      continue;
    }
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i + 1, i + 200));
    if (!m) {
      out += '$';
      i++;
      continue;
    }
    const v = lookup(m[0]);
    if (v === undefined) unknown = true;
    else out += v ?? '';
    i += 1 + m[0].length;
  }
  return unknown ? undefined : out;
}

function findClose(text: string, from: number): number {
  let depth = 1;
  for (let j = from; j < text.length; j++) {
    if (text[j] === '{') depth++;
    else if (text[j] === '}' && --depth === 0) return j;
  }
  return -1;
}
