import type { Rule, RuleFinding } from '../types';

export const rule: Rule = {
  meta: {
    id: 'CGO105',
    name: 'glibc-compat-hack',
    severity: 'warning',
    title: 'libc6-compat, gcompat or a hand-made loader symlink runs glibc binaries on musl',
    summary:
      '`apk add libc6-compat`/`gcompat` or a symlink to `ld-linux-x86-64.so.2` lets simple glibc binaries start on Alpine, but breaks as soon as the binary uses glibc-only symbols (`Error relocating ./app: __strdup: symbol not found`). Build the binary for the image instead.',
  },
  check({ plan }) {
    const out: RuleFinding[] = [];
    const seen = new Set<string>();
    const report = (loc: RuleFinding['loc'], what: string, stage?: number) => {
      const key = `${loc.range.start.line}:${loc.range.start.character}`;
      if (seen.has(key)) return;
      seen.add(key);
      out.push({
        loc,
        stage,
        message: `${what} makes glibc binaries start on musl only until they use a glibc-only symbol; then they fail with errors such as \`Error relocating ./app: __strdup: symbol not found\`. Build a static binary (CGO_ENABLED=0) or use a glibc runtime image instead.`,
      });
    };
    for (const inst of plan.installs) {
      const compat = inst.packages.filter((p) => p.value === 'libc6-compat' || p.value === 'gcompat');
      for (const p of compat) report(p.loc, `\`${p.value}\``, inst.stage);
    }
    for (const s of plan.loaderSymlinks) report(s.loc, 'A hand-made `ld-linux` symlink', s.stage);
    return out;
  },
};
