import type { Rule, RuleFinding } from '../types';
import { at, insertLineBefore, line, toolchainFix } from '../util';
import { needsCgoPhrase, needsCgoRelated, programNeedsCgo } from '../../model/program';

export const rule: Rule = {
  meta: {
    id: 'CGO201',
    name: 'cgo-without-c-toolchain',
    severity: 'error',
    title: 'cgo is required but the build has no C compiler',
    summary:
      'With `CGO_ENABLED=1` (or `-race`) the go command needs gcc or clang and libc headers. `golang:*-alpine` ships neither, so the build fails with `cgo: C compiler "gcc" not found: exec: "gcc": executable file not found in $PATH`.',
  },
  check({ plan, text }) {
    const out: RuleFinding[] = [];
    for (const inv of plan.invocations) {
      // Workspace facts: a program that needs cgo (a cgo module, its own `import "C"`) needs the compiler even when
      // nobody set CGO_ENABLED=1 (cgo on by default with Go < 1.20), and turning cgo off is no way out.
      const needs = programNeedsCgo(inv.program);
      if (inv.cgo.state !== 'on' || (inv.cgo.implicit && !needs) || inv.target.viaXx) continue;
      if (inv.env.CC?.value) continue;
      const explicit = inv.cgo.explicit;
      const fixes = [toolchainFix(inv, text, true)];
      if (!needs && explicit?.valueLoc && (explicit.origin === 'inline-prefix' || explicit.origin === 'env-command')) {
        fixes.push({ title: 'Build with CGO_ENABLED=0 instead', preferred: false, safe: false, edits: [at(explicit.valueLoc, '0')] });
      }
      const related = [...(explicit?.loc ? [{ loc: explicit.loc, message: `CGO_ENABLED=1 set by ${explicit.describe}.` }] : []), ...needsCgoRelated(inv)];
      const asked = explicit ? `CGO_ENABLED=1 (line ${line(explicit.loc)})` : `cgo (on because ${inv.cgo.reasons[0]?.text ?? 'of the defaults'})`;
      const noWayOut = needs ? ` Turning cgo off is no way out: ${needsCgoPhrase(inv)}.` : '';
      if (inv.host.cCompiler === 'no') {
        out.push({
          loc: inv.commandLoc,
          stage: inv.stage,
          message: `${asked} needs a C compiler, but ${inv.host.label} has none on PATH: the build fails with \`cgo: C compiler "gcc" not found: exec: "gcc": executable file not found in $PATH\`.${noWayOut}`,
          related,
          fixes: fixes.filter((f) => f !== undefined),
        });
      } else if (inv.host.cCompiler === 'yes' && inv.host.libc === 'musl' && inv.host.libcHeaders === 'no') {
        out.push({
          loc: inv.commandLoc,
          stage: inv.stage,
          message: `gcc is installed but musl-dev is not: the cgo build fails with \`fatal error: errno.h: No such file or directory\` (or \`cannot find crti.o\`).`,
          related,
          fixes: inv.instructionLoc ? [{ title: 'Install musl-dev: apk add --no-cache musl-dev', preferred: true, safe: false, edits: [insertLineBefore(inv.instructionLoc, text, 'RUN', 'apk add --no-cache musl-dev')] }] : [],
        });
      }
    }
    return out;
  },
};
