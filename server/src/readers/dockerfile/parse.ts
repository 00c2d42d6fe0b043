import { DockerfileParser, type Dockerfile } from 'dockerfile-ast';
import './astMemo';

/**
 * dockerfile-ast's parse, guarded against its one quadratic path: the parser-directive scan restarts at every `#` of a
 * leading comment line that runs to the end of the text without a line break (2 s for a 24 KB line of `#`, minutes for
 * 200 KB). Only a text of nothing but comments and blank lines can reach that (an instruction ends the scan), so such a
 * text gets a final line break; any other text is parsed as it is (a line break added after a trailing `\` would
 * stretch the last instruction's range onto a line that does not exist).
 */
export function parseDockerfile(text: string): Dockerfile {
  const last = text.charCodeAt(text.length - 1);
  const endsLine = last === 10 /* \n */ || last === 13; /* \r */
  return DockerfileParser.parse(!endsLine && commentsOnly(text) ? text + '\n' : text);
}

/** Every line is blank or a comment. One pass over the text. */
function commentsOnly(text: string): boolean {
  let lineStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) lineStart = true;
    else if (!lineStart || c === 32 || c === 9) continue;
    else if (c === 35 /* # */) lineStart = false;
    else return false;
  }
  return true;
}
