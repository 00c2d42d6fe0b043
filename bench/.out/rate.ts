import { DockerfileParser } from 'dockerfile-ast';
import { LineIndex } from '../../server/src/text/lineIndex';
import { runShellSources } from '../../server/src/readers/dockerfile/runSource';
import { fastParse } from '../../server/src/shell/fastParse';
(async () => {
  const g = await import('../generate.mjs');
  const text = g.dockerfile(3000);
  const idx = new LineIndex(text);
  let ok = 0, no = 0; const misses = new Map<string, number>();
  for (const i of DockerfileParser.parse(text).getInstructions()) {
    if (i.getKeyword() !== 'RUN') continue;
    for (const src of runShellSources(i, idx, 'file:///x', '\\')) { if (fastParse(src.text)) ok++; else { no++; const k = src.text.slice(0, 70); misses.set(k, (misses.get(k) ?? 0) + 1); } }
  }
  console.log('fast', ok, 'tree-sitter', no);
  console.log([...misses].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([k, n]) => n + '  ' + JSON.stringify(k)).join('\n'));
})();
