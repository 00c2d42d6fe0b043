import type { PackageInstall, Word } from '../../model/types';
import type { ShellCommand } from '../../shell/interpret';

type Manager = PackageInstall['manager'];

const INSTALL_VERBS: Record<string, { manager: Manager; verbs: string[] }> = {
  apk: { manager: 'apk', verbs: ['add'] },
  'xx-apk': { manager: 'xx-apk', verbs: ['add'] },
  'apt-get': { manager: 'apt', verbs: ['install'] },
  apt: { manager: 'apt', verbs: ['install'] },
  'xx-apt-get': { manager: 'xx-apt', verbs: ['install'] },
  'xx-apt': { manager: 'xx-apt', verbs: ['install'] },
  dnf: { manager: 'dnf', verbs: ['install'] },
  yum: { manager: 'yum', verbs: ['install'] },
  microdnf: { manager: 'microdnf', verbs: ['install'] },
};

const REMOVE_VERBS: Record<string, string[]> = { apk: ['del'], 'apt-get': ['remove', 'purge'], apt: ['remove', 'purge'], dnf: ['remove'], yum: ['remove'] };

export interface PackageChange {
  install?: PackageInstall;
  removed?: string[];
}

/** Recognise a package-manager command and the packages it installs or removes. */
export function packageChange(cmd: ShellCommand): PackageChange | undefined {
  const name = base(cmd.name.value);
  const inst = INSTALL_VERBS[name];
  const words = cmd.args;
  const verbIndex = words.findIndex((w) => w.value !== undefined && !w.value.startsWith('-'));
  const verb = verbIndex >= 0 ? words[verbIndex].value : undefined;
  if (inst && verb && inst.verbs.includes(verb)) {
    const packages = packageWords(words.slice(verbIndex + 1), inst.manager);
    return { install: { manager: inst.manager, packages, loc: cmd.loc } };
  }
  const rm = REMOVE_VERBS[name];
  if (rm && verb && rm.includes(verb)) {
    return { removed: packageWords(words.slice(verbIndex + 1), 'apk').map((w) => w.value ?? '') };
  }
  return undefined;
}

function packageWords(words: Word[], manager: Manager): Word[] {
  const out: Word[] = [];
  for (let i = 0; i < words.length; i++) {
    const v = words[i].value;
    if (v === undefined) continue;
    if (v.startsWith('-')) {
      // Options that take a separate value.
      if ((manager === 'apk' || manager === 'xx-apk') && /^(-X|--repository|-t|--virtual|-p|--root|--arch)$/.test(v)) i++;
      continue;
    }
    out.push(words[i]);
  }
  return out;
}

/** The package name without version pins or arch qualifiers: `gcc=12.2.0-3` → `gcc`, `musl-dev~1.2` → `musl-dev`. */
export function packageBaseName(p: string): string {
  return p.replace(/[=<>~].*$/, '').replace(/:(amd64|arm64|armhf|i386)$/, '');
}

export const C_COMPILERS = new Set(['gcc', 'clang', 'build-base', 'build-essential', 'gcc-c++', 'g++', 'cc', 'tcc', 'zig']);
export const LIBC_HEADERS = new Set(['musl-dev', 'libc6-dev', 'libc-dev', 'build-base', 'build-essential', 'glibc-devel', 'glibc-headers']);
export const COMPAT_PACKAGES = new Set(['libc6-compat', 'gcompat']);

/** `ln -s … /lib64/ld-linux-x86-64.so.2` (or the aarch64 loader): a hand-made glibc loader on musl. */
export function isLoaderSymlink(cmd: ShellCommand): boolean {
  if (base(cmd.name.value) !== 'ln') return false;
  const opts = cmd.args.filter((a) => a.value?.startsWith('-')).map((a) => a.value ?? '');
  if (!opts.some((o) => /^-[a-zA-Z]*s/.test(o) || o === '--symbolic')) return false;
  return cmd.args.some((a) => a.value !== undefined && /ld-linux[-\w]*\.so\.\d/.test(a.value));
}

function base(v: string | undefined): string {
  if (!v) return '';
  return v.slice(v.lastIndexOf('/') + 1);
}
