import { initShellParser, parseShellTree, type ShellNode } from '../../server/src/shell/parser';
const show = (n: ShellNode, d = 0): string => `${'  '.repeat(d)}${n.field ? n.field + ': ' : ''}${n.isNamed ? n.type : JSON.stringify(n.type)} [${n.startIndex},${n.endIndex}]${n.children.length ? '' : ' ' + JSON.stringify(n.text)}\n` + n.children.map((c) => show(c, d + 1)).join('');
(async () => {
  await initShellParser();
  for (const t of process.argv.slice(2)) { const r = parseShellTree(t); console.log(JSON.stringify(t), r.hasError ? 'ERROR' : ''); console.log(show(r.rootNode)); }
})();
