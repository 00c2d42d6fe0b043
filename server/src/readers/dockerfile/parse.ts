import { DockerfileParser, type Dockerfile } from 'dockerfile-ast';
import './astMemo';

/**
 * dockerfile-ast's parse, given text that ends with a line break. Its parser-directive scan restarts at every `#` of a
 * leading comment line that runs to the end of the text without one: quadratic, 2 s for a 24 KB line of `#` (minutes
 * for 200 KB). The added line break is past the end of every instruction, so no position changes.
 */
export function parseDockerfile(text: string): Dockerfile {
  const last = text.charCodeAt(text.length - 1);
  return DockerfileParser.parse(last === 10 /* \n */ || last === 13 /* \r */ ? text : text + '\n');
}
