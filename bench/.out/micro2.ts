import { initShellParser, parseWithTreeSitter } from '../../server/src/shell/parser';
(async () => {
  await initShellParser();
  const t = 'if [ -x "$(command -v upx)" ]; then upx --best /out/svc0; fi\nset -eux\nexport CGO_ENABLED=1 && go test ./... | tee /tmp/x 2>&1\nfor f in a b c; do echo "$f"; done';
  const res: string[] = [];
  for (let round = 0; round < 6; round++) {
    const c = process.cpuUsage(); const t0 = performance.now();
    for (let i = 0; i < 3000; i++) parseWithTreeSitter(t);
    const d = process.cpuUsage(c);
    res.push(`${((performance.now() - t0) / 3).toFixed(0)}µs/${((d.user + d.system) / 3000).toFixed(0)}cpu`);
  }
  console.log(res.join(' '), 'rss', (process.memoryUsage().rss / 1048576).toFixed(0));
})();
