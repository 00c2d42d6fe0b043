import { initShellParser, parseShell, parseShellTree, clearShellCache } from '../../server/src/shell/parser';
const cpu = (f: () => void, n: number) => { for (let i = 0; i < 200; i++) f(); const c = process.cpuUsage(); for (let i = 0; i < n; i++) f(); const d = process.cpuUsage(c); return ((d.user + d.system) / n).toFixed(1) + 'µs'; };
(async () => {
  await initShellParser();
  const texts = ['go mod download && go mod verify', 'apk add --no-cache ca-certificates', '    CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH go build -tags netgo -trimpath       -ldflags="-s -w -extldflags \'-static\'"       -o /out/svc0 ./cmd/svc0', 'apt-get update  && apt-get install -y --no-install-recommends       pkg-config       tzdata  && rm -rf /var/lib/apt/lists/*'];
  for (const t of texts) {
    const tr = parseShell(t); let nodes = 0; const c = tr.walk(); const visit = (): void => { nodes++; if (c.gotoFirstChild()) { do visit(); while (c.gotoNextSibling()); c.gotoParent(); } }; visit(); c.delete(); tr.delete();
    console.log(t.length, 'chars', nodes, 'nodes | parse+delete', cpu(() => parseShell(t).delete(), 3000), '| parse+snapshot', cpu(() => { clearShellCache(); parseShellTree(t); }, 3000), '| cached', cpu(() => parseShellTree(t), 3000));
  }
})();
