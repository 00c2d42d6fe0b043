import { Parser, Language } from 'web-tree-sitter';
await Parser.init();
const lang = await Language.load('node_modules/tree-sitter-bash/tree-sitter-bash.wasm');
const p = new Parser(); p.setLanguage(lang);
function dump(n, d=0){ let s='  '.repeat(d)+n.type+(n.isNamed?'':'(anon)')+' '+JSON.stringify(n.text.slice(0,50)) + (n.parent && n.parent.fieldNameForChild ? '' : ''); console.log(s); for (let i=0;i<n.childCount;i++) { const c=n.child(i); const f=n.fieldNameForChild(i); if (f) process.stdout.write('  '.repeat(d+1)+'['+f+']\n'); dump(c,d+1);} }
for (const s of process.argv.slice(2)) { console.log('=== '+s); dump(p.parse(s).rootNode); }
