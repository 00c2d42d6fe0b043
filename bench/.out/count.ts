import { initShellParser, parseShellTree, clearShellCache, type ShellNode } from '../../server/src/shell/parser';
import { readDockerfile } from '../../server/src/readers/dockerfile/reader';
import * as sp from '../../server/src/shell/parser';
import { dockerfile } from '../generate.mjs';
(async () => {
  await initShellParser();
  const text = dockerfile(3000);
  const orig = sp.parseShellTree;
  let calls = 0, chars = 0, nodes = 0; const distinct = new Set<string>();
  const count = (n: ShellNode): number => 1 + n.children.reduce((a, c) => a + count(c), 0);
  (sp as any).__count = true;
  const texts: string[] = [];
  // Re-read, recording RUN shell texts through the cache wrapper.
  const t0 = process.cpuUsage();
  readDockerfile('file:///x/Dockerfile', text, { images: {} });
  const c = process.cpuUsage(t0);
  console.log('read cpu ms', (c.user + c.system) / 1000);
})();
