import { initShellParser, parseWithTreeSitter } from '../../server/src/shell/parser';
import { fastParse } from '../../server/src/shell/fastParse';
import type { ShellNode } from '../../server/src/shell/tree';
const shape = (n: ShellNode): unknown => [n.type, n.isNamed, n.startIndex, n.endIndex, n.field, n.children.map(shape)];
const show = (n: ShellNode, d = 0): string => `${'  '.repeat(d)}${n.field ? n.field + ': ' : ''}${n.type} [${n.startIndex},${n.endIndex}]\n` + n.children.map((c) => show(c, d + 1)).join('');
function prng(seed: number) { let a = seed >>> 0; return () => { a = (a + 0x6d2b79f5) >>> 0; let t = a; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; }; }
(async () => {
  await initShellParser();
  const vocab = ['go', 'build', 'apk', 'add', '--no-cache', '-o', '/out/app', './...', 'CGO_ENABLED=0', 'CGO_ENABLED=1', 'GOOS=$TARGETOS', 'A=${B}', 'A="x y"', "A='q'", 'A=x$B', 'A=-1', 'A=a=b', '-ldflags="-s -w"', '"$A"', '"a$B/c"', '"${A}b"', '"$A "', '""', "''", "'it s'", '$A', '${A}', '$A$B', 'x$A', '${A}x', '5', '-1', '08', '1.5', '0x1F', '+5', 'a@b', 'a,b', 'a:b', '50%', 'a=b', '--x=1', 'c++', '-', '--', 'x-y_z.1', 'A_1=2', '_=x', '|', '>', '2>&1', '*', '?', '#c', '$(a)', '`a`', '${A:-x}', '$1', '~', '{', '}', '(', ')', '\\x', '!', 'if', 'then', 'export', '[', ']'];
  const subset = process.env.SUBSET ? vocab.slice(0, vocab.indexOf('|')) : vocab;
  const extra = ['"a b"', '"$A$B"', '"x${A}y$B"', "'a\"b'", 'A1="$B"', 'B=$A$A', 'C=""', "D=''", 'a.b/c', '/usr/bin/x', './x.sh', 'x.y', '..', '.', '-a=b', '=x', 'a==b', 'A=1=2', '"x\ny"', '"-"', '"a,b"', '"50%"', '"@"', 'Z=%', 'Z=@', 'Z=+', 'Z=,', 'Z=:', 'Z=.', 'Z=/', 'Z=--', '/var/lib/apt/lists/*', '*.go', 'a*b', '*', '?', 'x?', '~', '~/x', 'a~b', 'Z=~/x', 'Z=*', 'Z=a*', 'Z=?', '"*"', '"~"', 'x*$A', '$A*', '*=1', '~=x', '?=y', 'Z=~', '**', '*/', 'export', 'export A=1', 'export A', 'export A B=$C', 'export _A', 'export A="x"', 'export -n A', 'export A=', 'export 1'];
  if (process.env.SUBSET) subset.push(...extra);
  const seps = [' ', '  ', '\t', ' && ', ' || ', '; ', ';', '\n', ' &&\n ', ' ;\n'];
  const seeds = process.argv.slice(2).map(Number);
  let bad = 0, acc = 0, total = 0;
  for (const seed of seeds.length ? seeds : [20261124, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]) {
    const rnd = prng(seed); const pick = <T,>(a: readonly T[]) => a[Math.floor(rnd() * a.length)];
    for (let n = 0; n < 4000; n++) {
      const parts: string[] = []; const len = 1 + Math.floor(rnd() * 9);
      for (let k = 0; k < len; k++) { parts.push(pick(subset)); parts.push(rnd() < 0.75 ? pick([' ', ' ', ' ', '  ']) : pick(seps)); }
      const text = (rnd() < 0.2 ? pick([' ', '\n', '  ']) : '') + parts.join('').trimEnd() + (rnd() < 0.2 ? pick([';', '\n', ' ']) : '');
      total++;
      const f = fastParse(text); if (!f) continue; acc++;
      const t = parseWithTreeSitter(text);
      if (t.hasError || JSON.stringify(shape(f)) !== JSON.stringify(shape(t.rootNode))) { bad++; if (bad <= 4) console.log(JSON.stringify(text), t.hasError ? 'TS-ERROR' : '', '\nFAST\n' + show(f) + 'TS\n' + show(t.rootNode)); }
    }
  }
  console.log(`total ${total} accepted ${acc} mismatches ${bad}`);
})();
