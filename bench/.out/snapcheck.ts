import * as fs from 'node:fs';
import * as path from 'node:path';
import { initShellParser, parseShell, parseShellTree, type ShellNode } from '../../server/src/shell/parser';
import type { Node } from 'web-tree-sitter';

function cmp(a: Node, b: ShellNode, where: string): number {
  let bad = 0;
  if (a.type !== b.type || a.text !== b.text || a.startIndex !== b.startIndex || a.endIndex !== b.endIndex || a.isNamed !== b.isNamed || a.childCount !== b.childCount) {
    console.log('DIFF', where, JSON.stringify([a.type, b.type, a.text, b.text, a.startIndex, b.startIndex, a.childCount, b.childCount]));
    return 1;
  }
  for (let i = 0; i < a.childCount; i++) {
    if (a.fieldNameForChild(i) !== b.fieldNameForChild(i)) { console.log('FIELD', where, i, a.fieldNameForChild(i), b.fieldNameForChild(i)); bad++; }
    bad += cmp(a.child(i)!, b.child(i)!, where + '/' + i);
  }
  for (const f of ['name', 'value', 'body', 'condition', 'operator', 'argument', 'redirect']) {
    const x = a.childForFieldName(f); const y = b.childForFieldName(f);
    if ((x?.startIndex ?? -1) !== (y?.startIndex ?? -1) || (x?.type ?? '') !== (y?.type ?? '')) { console.log('CFF', where, f, x?.type, y?.type); bad++; }
  }
  if (a.namedChildren.length !== b.namedChildren.length) { console.log('NAMED', where); bad++; }
  return bad;
}

(async () => {
  await initShellParser();
  const texts: string[] = ['echo "héllo wörld 日本" && CGO_ENABLED=0 go build -o /x ./… # ☃', "a=1; b=$'x\\ny' c='ü' go test", 'if [ -f x ]; then export A=1; else A=2; fi\nfor i in 1 2; do echo $i; done', '((', 'echo ${A:-$(cat <<EOF\nx\nEOF\n)}'];
  const root = 'test/fuzz/corpus';
  const walk = (d: string) => { for (const e of fs.readdirSync(d, { withFileTypes: true })) { const p = path.join(d, e.name); if (e.isDirectory()) walk(p); else texts.push(fs.readFileSync(p, 'utf8')); } };
  walk(root);
  let bad = 0;
  for (const t of texts) {
    const tree = parseShell(t);
    const snap = parseShellTree(t);
    bad += cmp(tree.rootNode, snap.rootNode, t.slice(0, 20));
    if (tree.rootNode.hasError !== snap.hasError) { bad++; console.log('HASERR'); }
    tree.delete();
  }
  console.log(`${texts.length} texts, ${bad} differences`);
})();
