import { describe, expect, it } from 'vitest';
import { findingsWith, GO, lines, memIndex, ROOT, service, toScratch } from './harness';

const GOMOD = `${ROOT}/go.mod`;
const MOD = lines(
  'module example.com/app',
  '',
  'go 1.22',
  '',
  'require (',
  '\tgithub.com/mattn/go-sqlite3 v1.14.22',
  '\tgithub.com/confluentinc/confluent-kafka-go/v2 v2.3.0',
  '\tgithub.com/google/gopacket v1.1.19 // indirect',
  '\tgocv.io/x/gocv v0.35.0',
  '\tgithub.com/pjbgf/sha1cd v0.3.0',
  '\tgithub.com/lib/pq v1.10.9',
  ')',
);

async function hoverAtLine(line: number, character = 5): Promise<string | undefined> {
  const svc = await service();
  return svc.hover({ uri: GOMOD, text: MOD, languageId: 'go.mod' }, { line, character })?.value;
}

describe('hover on a go.mod require', () => {
  it('go-sqlite3: what it needs, the stub without cgo, the alternatives with links', async () => {
    const h = await hoverAtLine(5);
    expect(h).toContain('**`github.com/mattn/go-sqlite3`** v1.14.22 — a cgo module (go-sqlite3)');
    expect(h).toContain('a C compiler');
    expect(h).toContain("Binary was compiled with 'CGO_ENABLED=0', go-sqlite3 requires cgo to work. This is a stub");
    expect(h).toContain('[`modernc.org/sqlite`](https://pkg.go.dev/modernc.org/sqlite)');
    expect(h).toContain('[`github.com/ncruces/go-sqlite3`](https://pkg.go.dev/github.com/ncruces/go-sqlite3)');
    expect(h).toContain('`-tags libsqlite3`');
    expect(h).toContain('CGO301');
  });

  it('confluent-kafka-go v2: the v2 error, the musl and dynamic tags', async () => {
    const h = await hoverAtLine(6);
    expect(h).toContain('`undefined: kafka.…`');
    expect(h).toContain('**`-tags musl`:**');
    expect(h).toContain('**`-tags dynamic`:**');
    expect(h).toContain('_(unconfirmed)_'); // franz-go is [U]
  });

  it('gopacket: only the pcap package uses cgo; indirect is shown', async () => {
    const h = await hoverAtLine(7);
    expect(h).toContain('(indirect)');
    expect(h).toContain('Only `github.com/google/gopacket/pcap` uses cgo');
  });

  it('[U] entries say so', async () => {
    expect(await hoverAtLine(8)).toContain('unconfirmed: the knowledge base has not verified this');
  });

  it('silent fallbacks are explained as such', async () => {
    expect(await hoverAtLine(9)).toContain('silently uses its pure-Go implementation');
  });

  it('a pure-Go module has no cgo hover', async () => {
    expect(await hoverAtLine(10)).toBeUndefined();
  });

  it('lists the workspace builds that compile it with cgo off', async () => {
    const index = memIndex({ 'go.mod': GO.mod('example.com/app', 'github.com/mattn/go-sqlite3 v1.14.22'), 'main.go': GO.main(['_ "github.com/mattn/go-sqlite3"']) });
    await findingsWith(index, toScratch('RUN CGO_ENABLED=0 go build -o /app .'));
    const svc = await service();
    svc.setIndex(index);
    try {
      const text = GO.mod('example.com/app', 'github.com/mattn/go-sqlite3 v1.14.22');
      const h = svc.hover({ uri: GOMOD, text }, { line: 5, character: 3 })?.value;
      expect(h).toContain('**Built with cgo off in this workspace:**');
      expect(h).toContain('`Dockerfile` line 4');
      // …and the information diagnostic is in the same hover.
      expect(h).toContain('**CGO301**');
    } finally {
      svc.setIndex(undefined);
    }
  });
});
