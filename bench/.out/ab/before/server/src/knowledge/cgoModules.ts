// Go modules that use cgo, as data (knowledge/cgo-facts.md section C, A13, A14, A15, A26, A27).
//
// Every entry says which C library the module needs, what happens when it is built with CGO_ENABLED=0, which
// pure-Go modules can replace it, extra build tags it knows and which shared libraries the binary then needs at run
// time. `confidence` mirrors the status tags of the knowledge base: 'verified' [V] (compiled in the experiments),
// 'sourced' [S] (a cited public source), 'unconfirmed' [U] (plausible, not verified: messages must say so and rules
// report it at most as a warning, never as a certain failure).

export type Confidence = 'verified' | 'sourced' | 'unconfirmed';

export type WithoutCgo =
  /** It compiles; the binary starts and fails on first use with `message`. */
  | { kind: 'runtime-stub'; message: string; confidence: Confidence }
  /** The build fails; `error` is what the go command prints (undefined when the exact text is not known). */
  | { kind: 'build-failure'; error?: string; errorByMajor?: Record<number, string>; confidence: Confidence }
  /** It switches to a slower or less capable pure-Go implementation without telling anyone. */
  | { kind: 'silent-fallback'; note: string; confidence: Confidence };

export interface Alternative {
  module: string;
  url: string;
  note?: string;
  /** The knowledge base marks this alternative [U]. */
  unconfirmed?: boolean;
}

export interface CgoModule {
  /** Module path without a `/vN` major-version suffix; `github.com/x/y/v2` matches `github.com/x/y`. */
  module: string;
  /**
   * Import paths inside the module (relative to it, exact) that need cgo; undefined means every package does.
   * `github.com/google/gopacket` is pure Go except `pcap`.
   */
  packages?: string[];
  /** Only versions below this one (a go.mod version like `v1.24.0`) are affected; undefined = every version. */
  versionsBelow?: string;
  /** Short name for messages: `go-sqlite3`. */
  name: string;
  /** The C library it needs at build time. */
  needs: string;
  /** Another catalogued module it reaches the C code through (`gorm.io/driver/sqlite` → go-sqlite3). */
  via?: string;
  withoutCgo: WithoutCgo;
  alternatives: Alternative[];
  /** Build tags the module understands. */
  buildTags?: { tag: string; when: string }[];
  /** Shared libraries the runtime image must provide (A27). */
  runtimeLibraries?: string[];
  /** A note for the hover (cross-compiling, README advice). */
  note?: string;
  /** Where the knowledge comes from. */
  evidence: string;
}

const pkg = (module: string) => `https://pkg.go.dev/${module}`;
const alt = (module: string, note?: string, unconfirmed?: boolean): Alternative => ({ module, url: pkg(module), ...(note ? { note } : {}), ...(unconfirmed ? { unconfirmed } : {}) });

/** The exact stub error of go-sqlite3 (cgo-facts A13, [V] v1.14.16). */
export const SQLITE_STUB_MESSAGE = "Binary was compiled with 'CGO_ENABLED=0', go-sqlite3 requires cgo to work. This is a stub";
const EXCLUDE_ALL = 'build constraints exclude all Go files in';

export const CGO_MODULES: readonly CgoModule[] = [
  {
    module: 'github.com/mattn/go-sqlite3',
    name: 'go-sqlite3',
    needs: 'SQLite (the amalgamation is bundled: only a C compiler is needed)',
    withoutCgo: { kind: 'runtime-stub', message: SQLITE_STUB_MESSAGE, confidence: 'verified' },
    alternatives: [
      alt('modernc.org/sqlite', 'SQLite translated from C to Go; database/sql driver name "sqlite"'),
      alt('github.com/glebarez/go-sqlite', 'database/sql driver on modernc.org/sqlite (GORM: github.com/glebarez/sqlite)'),
      alt('github.com/ncruces/go-sqlite3', 'SQLite compiled to Wasm and run by wazero ("cgo-free"); database/sql via /driver'),
      alt('zombiezen.com/go/sqlite', 'modernc-based, not database/sql'),
    ],
    buildTags: [{ tag: 'libsqlite3', when: 'links the system libsqlite3 instead of the bundled amalgamation (the runtime image then needs libsqlite3)' }],
    note: '`sql.Open` succeeds; the first query or `db.Ping()` returns the stub error.',
    evidence: 'cgo-facts A13 and section C [V v1.14.16]; mattn/go-sqlite3#523, #855',
  },
  {
    module: 'gorm.io/driver/sqlite',
    name: 'gorm.io/driver/sqlite',
    needs: 'SQLite through github.com/mattn/go-sqlite3',
    via: 'github.com/mattn/go-sqlite3',
    withoutCgo: { kind: 'runtime-stub', message: SQLITE_STUB_MESSAGE, confidence: 'sourced' },
    alternatives: [alt('github.com/glebarez/sqlite', 'GORM driver on modernc.org/sqlite'), alt('github.com/ncruces/go-sqlite3/gormlite', 'GORM driver on the Wasm build of SQLite')],
    evidence: 'cgo-facts section C [S go-gorm/gorm#6468, go-gorm/sqlite#35]',
  },
  {
    module: 'github.com/mutecomm/go-sqlcipher',
    name: 'go-sqlcipher',
    needs: 'SQLCipher',
    withoutCgo: { kind: 'build-failure', confidence: 'unconfirmed' },
    alternatives: [],
    note: 'No equivalent pure-Go module is known.',
    evidence: 'cgo-facts section C [U]',
  },
  {
    module: 'github.com/confluentinc/confluent-kafka-go',
    name: 'confluent-kafka-go',
    needs: 'librdkafka (bundled as static archives for glibc and musl on amd64/arm64, darwin and windows)',
    withoutCgo: {
      kind: 'build-failure',
      error: `${EXCLUDE_ALL} …/confluent-kafka-go/kafka`,
      errorByMajor: { 2: 'undefined: kafka.…' },
      confidence: 'verified',
    },
    alternatives: [alt('github.com/segmentio/kafka-go', 'builds static'), alt('github.com/twmb/franz-go', undefined, true), alt('github.com/IBM/sarama', 'pure Go since ~2019 (IBM/sarama#1477)')],
    buildTags: [
      { tag: 'musl', when: 'required on Alpine / musl builders; without it the glibc archive is linked and the link fails' },
      { tag: 'dynamic', when: 'links the system librdkafka (e.g. for GSSAPI); the runtime image then needs librdkafka' },
    ],
    runtimeLibraries: ['libc (the binary links -lm -ldl -lpthread -lrt dynamically)'],
    note: 'README: "When building your application for Alpine Linux (musl libc) you must pass -tags musl… CGO_ENABLED must NOT be set to 0".',
    evidence: 'cgo-facts A14, A26 and section C [V v0.11.6; v2 source scan]; confluent-kafka-go README, #303, #651, #868',
  },
  {
    module: 'gocv.io/x/gocv',
    name: 'gocv',
    needs: 'OpenCV 4 (C++)',
    withoutCgo: { kind: 'build-failure', confidence: 'unconfirmed' },
    alternatives: [alt('golang.org/x/image', 'partial image operations only', true), alt('github.com/disintegration/imaging', 'partial image operations only', true)],
    evidence: 'cgo-facts section C [U exact text]',
  },
  {
    module: 'github.com/go-gl/gl',
    name: 'go-gl/gl',
    needs: 'OpenGL',
    withoutCgo: { kind: 'build-failure', error: `${EXCLUDE_ALL} …/go-gl/gl/v3.2-core/gl`, confidence: 'sourced' },
    alternatives: [],
    evidence: 'cgo-facts section C [S go-gl/gl#156]',
  },
  {
    module: 'github.com/go-gl/glfw',
    name: 'go-gl/glfw',
    needs: 'GLFW / X11',
    withoutCgo: { kind: 'build-failure', confidence: 'sourced' },
    alternatives: [],
    evidence: 'cgo-facts section C [S]',
  },
  {
    module: 'fyne.io/fyne',
    name: 'fyne',
    needs: 'OpenGL and GLFW through github.com/go-gl/glfw',
    via: 'github.com/go-gl/glfw',
    withoutCgo: { kind: 'build-failure', confidence: 'sourced' },
    alternatives: [],
    note: 'Cross-compiling needs CGO_ENABLED=1 with a target C compiler, or fyne-cross.',
    evidence: 'cgo-facts section C [S docs.fyne.io cross-compiling; fyne README "As Fyne uses CGo you will require a C compiler"]',
  },
  {
    module: 'github.com/h2non/bimg',
    name: 'bimg',
    needs: 'libvips',
    withoutCgo: { kind: 'build-failure', confidence: 'unconfirmed' },
    alternatives: [alt('github.com/disintegration/imaging', 'slower, fewer formats', true), alt('golang.org/x/image', undefined, true)],
    runtimeLibraries: ['libvips'],
    evidence: 'cgo-facts section C [U], A27',
  },
  {
    module: 'github.com/davidbyttow/govips',
    name: 'govips',
    needs: 'libvips',
    withoutCgo: { kind: 'build-failure', confidence: 'unconfirmed' },
    alternatives: [alt('github.com/disintegration/imaging', 'slower, fewer formats', true), alt('golang.org/x/image', undefined, true)],
    runtimeLibraries: ['libvips'],
    evidence: 'cgo-facts section C [U], A27',
  },
  {
    module: 'github.com/tensorflow/tensorflow',
    packages: ['tensorflow/go'],
    name: 'tensorflow/go',
    needs: 'libtensorflow',
    withoutCgo: { kind: 'build-failure', confidence: 'unconfirmed' },
    alternatives: [],
    evidence: 'cgo-facts section C [U]',
  },
  {
    module: 'github.com/google/gopacket',
    packages: ['pcap'],
    name: 'gopacket/pcap',
    needs: 'libpcap',
    withoutCgo: { kind: 'build-failure', error: 'undefined: pcapErrorNotActivated', confidence: 'verified' },
    alternatives: [
      alt('github.com/google/gopacket/pcapgo', 'pcap files; Linux EthernetHandle'),
      alt('github.com/packetcap/go-pcap', undefined, true),
      alt('github.com/mdlayher/packet', undefined, true),
    ],
    runtimeLibraries: ['libpcap'],
    note: 'Only the pcap package uses cgo; the rest of gopacket is pure Go.',
    evidence: 'cgo-facts section C [V v1.1.19], A27',
  },
  {
    module: 'github.com/miekg/pkcs11',
    name: 'pkcs11',
    needs: 'a PKCS#11 module loaded with dlopen',
    withoutCgo: { kind: 'build-failure', error: 'undefined: pkcs11.New', confidence: 'verified' },
    alternatives: [],
    note: 'No pure-Go equivalent (PKCS#11 is a C ABI).',
    evidence: 'cgo-facts section C [V v1.0.3]',
  },
  {
    module: 'github.com/pebbe/zmq4',
    name: 'zmq4',
    needs: 'libzmq',
    withoutCgo: { kind: 'build-failure', confidence: 'unconfirmed' },
    alternatives: [alt('github.com/go-zeromq/zmq4', undefined, true)],
    evidence: 'cgo-facts section C [U]',
  },
  {
    module: 'github.com/DataDog/zstd',
    name: 'DataDog/zstd',
    needs: 'zstd (bundled C sources)',
    withoutCgo: { kind: 'build-failure', error: `${EXCLUDE_ALL} …/DataDog/zstd`, confidence: 'verified' },
    alternatives: [alt('github.com/klauspost/compress/zstd', 'builds static')],
    evidence: 'cgo-facts section C [V v1.4.5]; IBM/sarama#1477, dgraph-io/badger#1709',
  },
  {
    module: 'github.com/valyala/gozstd',
    name: 'gozstd',
    needs: 'zstd (bundled)',
    withoutCgo: { kind: 'build-failure', error: 'undefined: DefaultCompressionLevel', confidence: 'verified' },
    alternatives: [alt('github.com/klauspost/compress/zstd')],
    evidence: 'cgo-facts section C [V v1.17.0]; apache/pulsar-client-go#102',
  },
  {
    module: 'github.com/mattn/go-oci8',
    name: 'go-oci8',
    needs: 'Oracle OCI',
    withoutCgo: { kind: 'build-failure', confidence: 'unconfirmed' },
    alternatives: [alt('github.com/sijms/go-ora')],
    evidence: 'cgo-facts section C [U]',
  },
  {
    module: 'github.com/godror/godror',
    name: 'godror',
    needs: 'ODPI-C (and the Oracle Instant Client at run time)',
    withoutCgo: { kind: 'build-failure', confidence: 'sourced' },
    alternatives: [alt('github.com/sijms/go-ora', 'the Oracle exporter builds it with TAGS=goora CGO_ENABLED=0')],
    runtimeLibraries: ['libclntsh (Oracle Instant Client)'],
    note: 'README: "C compiler with CGO_ENABLED=1 – so cross-compilation is hard".',
    evidence: 'cgo-facts section C [S godror README], A27',
  },
  {
    module: 'github.com/tecbot/gorocksdb',
    name: 'gorocksdb',
    needs: 'RocksDB (C++)',
    withoutCgo: { kind: 'build-failure', confidence: 'unconfirmed' },
    alternatives: [alt('github.com/cockroachdb/pebble', 'different on-disk format', true), alt('github.com/dgraph-io/badger/v4', 'different on-disk format', true)],
    evidence: 'cgo-facts section C [U]',
  },
  {
    module: 'github.com/linxGnu/grocksdb',
    name: 'grocksdb',
    needs: 'RocksDB (C++)',
    withoutCgo: { kind: 'build-failure', confidence: 'unconfirmed' },
    alternatives: [alt('github.com/cockroachdb/pebble', 'different on-disk format', true), alt('github.com/dgraph-io/badger/v4', 'different on-disk format', true)],
    evidence: 'cgo-facts section C [U]',
  },
  {
    module: 'github.com/jmhodges/levigo',
    name: 'levigo',
    needs: 'LevelDB',
    withoutCgo: { kind: 'build-failure', confidence: 'unconfirmed' },
    alternatives: [alt('github.com/syndtr/goleveldb')],
    evidence: 'cgo-facts section C [U]',
  },
  {
    module: 'github.com/libgit2/git2go',
    name: 'git2go',
    needs: 'libgit2',
    withoutCgo: { kind: 'build-failure', confidence: 'unconfirmed' },
    alternatives: [alt('github.com/go-git/go-git', 'builds static (v5)')],
    evidence: 'cgo-facts section C [U build failure; V go-git 5.4.2 static]',
  },
  {
    module: 'github.com/aquasecurity/libbpfgo',
    name: 'libbpfgo',
    needs: 'libbpf',
    withoutCgo: { kind: 'build-failure', confidence: 'unconfirmed' },
    alternatives: [alt('github.com/cilium/ebpf', 'pure Go, builds static')],
    evidence: 'cgo-facts section C [U]',
  },
  {
    module: 'github.com/iovisor/gobpf',
    name: 'gobpf',
    needs: 'BCC',
    withoutCgo: { kind: 'build-failure', confidence: 'unconfirmed' },
    alternatives: [alt('github.com/cilium/ebpf', 'pure Go, builds static')],
    evidence: 'cgo-facts section C [U]',
  },
  {
    module: 'github.com/seccomp/libseccomp-golang',
    name: 'libseccomp-golang',
    needs: 'libseccomp',
    withoutCgo: { kind: 'build-failure', error: `${EXCLUDE_ALL} …/seccomp/libseccomp-golang`, confidence: 'verified' },
    alternatives: [alt('github.com/elastic/go-seccomp-bpf', undefined, true)],
    evidence: 'cgo-facts section C [V v0.10.0]',
  },
  {
    module: 'github.com/proglottis/gpgme',
    name: 'gpgme',
    needs: 'gpgme',
    withoutCgo: { kind: 'build-failure', error: 'undefined: gpgme.EngineCheckVersion', confidence: 'verified' },
    alternatives: [alt('github.com/ProtonMail/go-crypto/openpgp', undefined, true)],
    evidence: 'cgo-facts section C [V v0.1.1]',
  },
  {
    module: 'github.com/ethereum/go-ethereum',
    packages: ['crypto'],
    name: 'go-ethereum/crypto',
    needs: 'libsecp256k1',
    withoutCgo: { kind: 'silent-fallback', note: 'switches to github.com/decred/dcrd/dcrec/secp256k1/v4 (`signature_nocgo.go`, `//go:build … !cgo …`)', confidence: 'sourced' },
    alternatives: [],
    evidence: 'cgo-facts A15 and section C [S source]',
  },
  {
    module: 'github.com/pjbgf/sha1cd',
    name: 'sha1cd',
    needs: 'optional C code',
    withoutCgo: { kind: 'silent-fallback', note: 'uses its pure-Go implementation (`cgo/fallback_no_cgo.go`); the C one is faster', confidence: 'sourced' },
    alternatives: [],
    evidence: 'cgo-facts A15 and section C [S source; fluxcd Dockerfile comment]',
  },
  {
    module: 'github.com/Shopify/sarama',
    versionsBelow: 'v1.24.0',
    name: 'sarama',
    needs: 'zstd through github.com/DataDog/zstd (old versions)',
    withoutCgo: { kind: 'runtime-stub', message: 'zstd compression requires building with cgo enabled', confidence: 'verified' },
    alternatives: [alt('github.com/IBM/sarama', 'current sarama, pure Go (klauspost zstd)')],
    note: 'Only old versions (up to about 1.23, before IBM/sarama#1477); the version bound is approximate.',
    evidence: 'cgo-facts A13 and section C [V sarama 1.22.1 source]',
  },
  {
    module: 'github.com/marcboeker/go-duckdb',
    name: 'go-duckdb',
    needs: 'DuckDB (bundled)',
    withoutCgo: { kind: 'build-failure', confidence: 'unconfirmed' },
    alternatives: [],
    evidence: 'cgo-facts section C [U]',
  },
  {
    module: 'github.com/pganalyze/pg_query_go',
    name: 'pg_query_go',
    needs: 'libpg_query',
    withoutCgo: { kind: 'build-failure', error: `${EXCLUDE_ALL} …/pg_query_go/v2@2.1.2/parser`, confidence: 'sourced' },
    alternatives: [alt('github.com/wasilibs/go-pgquery', 'Wasm build', true)],
    evidence: 'cgo-facts section C [S bytebase blog]',
  },
  {
    module: 'github.com/smacker/go-tree-sitter',
    name: 'go-tree-sitter',
    needs: 'tree-sitter',
    withoutCgo: { kind: 'build-failure', confidence: 'unconfirmed' },
    alternatives: [],
    note: 'Cross builds break (safedep/vet#139).',
    evidence: 'cgo-facts section C [S safedep/vet#139 for cross builds; U without cgo]',
  },
  {
    module: 'github.com/erigontech/mdbx-go',
    name: 'mdbx-go',
    needs: 'libmdbx',
    withoutCgo: { kind: 'build-failure', confidence: 'sourced' },
    alternatives: [],
    note: 'No pure-Go build path ("CGO_ENABLED=0 fails to compile", iotexproject/iotex-core#4876).',
    evidence: 'cgo-facts section C [S iotexproject/iotex-core#4876]',
  },
  {
    module: 'github.com/supranational/blst',
    name: 'blst',
    needs: 'blst',
    withoutCgo: { kind: 'build-failure', confidence: 'sourced' },
    alternatives: [],
    note: 'No pure-Go build path ("CGO_ENABLED=0 fails to compile", iotexproject/iotex-core#4876).',
    evidence: 'cgo-facts section C [S iotexproject/iotex-core#4876]',
  },
  {
    module: 'github.com/coreos/go-systemd',
    packages: ['sdjournal'],
    name: 'go-systemd/sdjournal',
    needs: 'libsystemd (dlopen)',
    withoutCgo: { kind: 'build-failure', confidence: 'unconfirmed' },
    alternatives: [],
    note: 'The `journal` (writer) package is reported to be pure Go (unconfirmed).',
    evidence: 'cgo-facts section C [U]',
  },
  ...(['github.com/gotk3/gotk3', 'github.com/webview/webview', 'github.com/go-vgo/robotgo', 'github.com/veandco/go-sdl2', 'github.com/gordonklaus/portaudio'] as const).map(
    (module): CgoModule => ({
      module,
      name: module.slice(module.lastIndexOf('/') + 1),
      needs: { 'github.com/gotk3/gotk3': 'GTK', 'github.com/webview/webview': 'WebKit / GTK', 'github.com/go-vgo/robotgo': 'X11', 'github.com/veandco/go-sdl2': 'SDL2', 'github.com/gordonklaus/portaudio': 'PortAudio' }[module],
      withoutCgo: { kind: 'build-failure', confidence: 'unconfirmed' },
      alternatives: [],
      evidence: 'cgo-facts section C [U]',
    }),
  ),
];

/** `github.com/x/y/v2` → `github.com/x/y` (and the major version 2); gopkg.in-style `.v2` suffixes are kept. */
export function splitMajor(modulePath: string): { base: string; major?: number } {
  const m = /^(.*)\/v(\d+)$/.exec(modulePath);
  if (m && Number(m[2]) >= 2) return { base: m[1], major: Number(m[2]) };
  return { base: modulePath };
}

/** The catalogue entries for a required module path (`github.com/confluentinc/confluent-kafka-go/v2` too). */
export function cgoModulesForModule(modulePath: string, version?: string): CgoModule[] {
  const { base } = splitMajor(modulePath);
  return CGO_MODULES.filter((e) => e.module === base && versionApplies(e, version));
}

/**
 * The catalogue entry an import path reaches, with the module path it belongs to (as a go.mod would require it,
 * `/vN` included). `version` is the required version when known (for entries that only affect old versions).
 */
export function cgoModuleForImport(importPath: string, requiredVersion?: (modulePath: string) => string | undefined): { entry: CgoModule; module: string } | undefined {
  for (const e of CGO_MODULES) {
    if (importPath !== e.module && !importPath.startsWith(e.module + '/')) continue;
    let rest = importPath.slice(e.module.length + 1);
    let module = e.module;
    const major = /^v(\d+)(\/|$)/.exec(rest);
    if (major && Number(major[1]) >= 2) {
      module = `${e.module}/v${major[1]}`;
      rest = rest.slice(major[0].length);
    }
    if (e.packages && !e.packages.includes(rest)) continue;
    if (!versionApplies(e, requiredVersion?.(module))) continue;
    return { entry: e, module };
  }
  return undefined;
}

function versionApplies(e: CgoModule, version: string | undefined): boolean {
  if (!e.versionsBelow) return true;
  // Without a version the bound cannot be checked: say nothing rather than guess.
  if (!version) return false;
  return compareModuleVersions(version, e.versionsBelow) < 0;
}

/** Compare `v1.22.1` / `v1.22.1-0.2019…` style versions by their numeric release part. */
export function compareModuleVersions(a: string, b: string): number {
  const nums = (v: string) => v.replace(/^v/, '').split(/[-+]/)[0].split('.').map((n) => Number.parseInt(n, 10) || 0);
  const x = nums(a);
  const y = nums(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** The error text to quote for a build failure, by the required module's major version. */
export function buildFailureError(entry: CgoModule, modulePath: string): string | undefined {
  if (entry.withoutCgo.kind !== 'build-failure') return undefined;
  const { major } = splitMajor(modulePath);
  return (major !== undefined ? entry.withoutCgo.errorByMajor?.[major] : undefined) ?? entry.withoutCgo.error;
}

/** Does building without cgo break the program (stub or build failure), as opposed to a silent fallback? */
export function needsCgo(entry: CgoModule): boolean {
  return entry.withoutCgo.kind !== 'silent-fallback';
}
