import { initShellParser, parseShellTree } from '../../server/src/shell/parser';
import { DockerfileParser } from 'dockerfile-ast';
const now = () => performance.now();
(async () => {
  const g = await import('../generate.mjs');
  const text = g.dockerfile(300);
  let t = now(); await initShellParser(); const init = now() - t;
  t = now(); parseShellTree('CGO_ENABLED=0 go build -o /x .'); const first = now() - t;
  t = now(); parseShellTree('apk add --no-cache gcc && export A=1; if [ -f x ]; then echo "$A"; fi'); const second = now() - t;
  t = now(); parseShellTree('apt-get update && apt-get install -y gcc'); const third = now() - t;
  t = now(); DockerfileParser.parse(text); const dp = now() - t;
  t = now(); DockerfileParser.parse(text); const dp2 = now() - t;
  console.log(`init ${init.toFixed(0)} first ts parse ${first.toFixed(1)} second ${second.toFixed(1)} third ${third.toFixed(1)} | dockerfile-ast cold ${dp.toFixed(1)} warm ${dp2.toFixed(1)}`);
})();
