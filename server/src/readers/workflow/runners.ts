import type { BuildHost, Location } from '../../model/types';
import type { GoVersion } from '../../knowledge/images';
import { classifyImage } from '../../knowledge/images';
import type { CustomImage } from '../../config/settings';
import { goAtLeast120, parseGoVersion } from '../../knowledge/goReleases';
import { hostFromImage } from '../dockerfile/stageState';
import type { Platform } from '../yaml/invocation';

/**
 * GitHub-hosted runner images (cgo-facts A3, F): the Ubuntu images' glibc decides what a cgo binary built on
 * them needs. gcc is installed on these images [U]: the C compiler stays 'unknown' so nothing is claimed.
 */
interface RunnerImage { label: string; os: 'linux' | 'darwin' | 'windows'; arch: 'amd64' | 'arm64'; glibc?: string }

const UBUNTU: Record<string, { release: string; glibc: string }> = {
  '20.04': { release: '20.04', glibc: '2.31' },
  '22.04': { release: '22.04', glibc: '2.35' },
  '24.04': { release: '24.04', glibc: '2.39' },
};

/** `ubuntu-latest` has pointed at ubuntu-24.04 since early 2025 [S iotex#4876]. */
const UBUNTU_LATEST = '24.04';

export function runnerImage(label: string): RunnerImage | undefined {
  const l = label.trim().toLowerCase();
  let m = /^ubuntu-(latest|\d\d\.\d\d)(-arm)?$/.exec(l);
  if (m) {
    const version = m[1] === 'latest' ? UBUNTU_LATEST : m[1];
    const u = UBUNTU[version];
    if (!u) return undefined;
    return { label: `\`${label}\` runner (Ubuntu ${u.release})`, os: 'linux', arch: m[2] ? 'arm64' : 'amd64', glibc: u.glibc };
  }
  m = /^macos-(latest|\d+)(-large|-xlarge)?$/.exec(l);
  if (m) {
    // Apple silicon since macos-14 (and `latest`); macos-13 and the -large images are Intel.
    const intel = m[2] === '-large' || (m[1] !== 'latest' && Number(m[1]) <= 13);
    return { label: `\`${label}\` runner (macOS)`, os: 'darwin', arch: intel ? 'amd64' : 'arm64' };
  }
  m = /^windows-(latest|\d+)(-arm)?$|^windows-11-arm$/.exec(l);
  if (m) return { label: `\`${label}\` runner (Windows)`, os: 'windows', arch: l.includes('arm') ? 'arm64' : 'amd64' };
  return undefined;
}

export interface JobHost {
  host: BuildHost;
  /** Known GOOS/GOARCH of the machine the steps run on. */
  platform?: Platform;
  /** Where `container:` is (to replace) or where to add it (before `runs-on:`), for the older-glibc fix. */
  containerLoc?: Location;
  runsOnLoc?: Location;
}

/** The host of a job's `run:` steps: its `container:` image when set, else the runner. */
export function jobHost(runsOn: string[] | undefined, runsOnLoc: Location | undefined, container: string | undefined, containerLoc: Location | undefined, images: Record<string, CustomImage>): JobHost {
  const runner = runsOn?.length === 1 ? runnerImage(runsOn[0]) : undefined;
  const selfHosted = runsOn && runsOn.length > 1 ? labelsPlatform(runsOn) : undefined;
  if (container !== undefined) {
    const image = classifyImage(container, { custom: images });
    const host = hostFromImage(image, container, containerLoc ?? runsOnLoc ?? { uri: '', range: zeroRange });
    host.label = `\`${container}\` container`;
    // Hosted runners are Docker hosts of their own architecture; containers run only on Linux runners.
    const arch = runner?.arch ?? selfHosted?.arch;
    return { host, platform: arch ? { os: 'linux', arch } : undefined, containerLoc, runsOnLoc };
  }
  if (runner) {
    const host: BuildHost = {
      label: runner.label,
      libc: runner.os === 'linux' ? 'glibc' : 'unknown',
      libcVersion: runner.glibc,
      cCompiler: 'unknown',
      libcHeaders: 'unknown',
      loc: runsOnLoc,
    };
    return { host, platform: { os: runner.os, arch: runner.arch }, runsOnLoc };
  }
  const label = runsOn === undefined ? 'a runner chosen at run time' : `\`${runsOn.join(', ')}\` runner`;
  const host: BuildHost = { label, libc: 'unknown', cCompiler: 'unknown', libcHeaders: 'unknown', loc: runsOnLoc };
  const p = selfHosted?.os && selfHosted.arch ? { os: selfHosted.os, arch: selfHosted.arch } : undefined;
  return { host, platform: p, runsOnLoc };
}

const zeroRange = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** Self-hosted label sets such as `[self-hosted, linux, arm64]` say the platform, nothing about libc. */
function labelsPlatform(labels: string[]): { os?: string; arch?: string } {
  const l = labels.map((x) => x.toLowerCase());
  const os = l.includes('linux') ? 'linux' : l.includes('macos') ? 'darwin' : l.includes('windows') ? 'windows' : undefined;
  const arch = l.includes('arm64') ? 'arm64' : l.includes('x64') ? 'amd64' : undefined;
  return { os, arch };
}

/**
 * actions/setup-go `go-version`: `1.22`, `1.22.x`, `^1.22`, `>=1.21.0`, `stable`, `oldstable`. Ranges give
 * a lower bound, which is all the cgo default needs (≥ 1.20 or not).
 */
export function setupGoVersion(spec: string): { version?: GoVersion; atLeast120?: boolean } {
  const s = spec.trim().replace(/^v/, '');
  if (s === 'stable' || s === 'oldstable' || s === 'latest') return { atLeast120: true };
  const m = /^([~^]|>=?)?\s*(\d+\.\d+)(?:\.(\d+|x|\*))?(?:-.*)?$/.exec(s);
  if (!m) return {};
  const version = parseGoVersion(m[3] && /^\d+$/.test(m[3]) ? `${m[2]}.${m[3]}` : m[2]);
  if (!version) return {};
  // `^1.19` and `>=1.19` install the newest matching release, which is ≥ 1.20; `~1.19` and `1.19.x` stay on 1.19.
  if (m[1] === '^' || m[1]?.startsWith('>')) return { atLeast120: true };
  return { version, atLeast120: goAtLeast120(version) };
}

/** The version a `go-version-file` asks for: go.mod's `toolchain go1.x.y` (else `go 1.x`), or a plain `.go-version`. */
export function goVersionFromFile(text: string): string | undefined {
  const toolchain = /^\s*toolchain\s+go(\d+\.\d+(?:\.\d+)?)\s*$/m.exec(text);
  if (toolchain) return toolchain[1];
  const go = /^\s*go\s+(\d+\.\d+(?:\.\d+)?)\s*$/m.exec(text);
  if (go) return go[1];
  const plain = /^\s*(?:golang\s+|go\s+)?v?(\d+\.\d+(?:\.\d+)?)\s*$/m.exec(text);
  return plain?.[1];
}

/** Apply a setup-go result to a host (later steps of the job use that Go). */
export function withGo(host: BuildHost, spec: { version?: GoVersion; atLeast120?: boolean }): BuildHost {
  if (spec.atLeast120 === undefined && !spec.version) return host;
  return { ...host, goVersion: spec.version, goAtLeast120: spec.atLeast120 };
}
