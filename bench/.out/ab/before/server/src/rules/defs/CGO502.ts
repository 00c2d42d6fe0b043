import type { Rule, RuleFinding } from '../types';
import { addTagsEdits } from '../util';

export const rule: Rule = {
  meta: {
    id: 'CGO502',
    name: 'static-glibc-nss',
    severity: 'warning',
    title: "A static glibc link without netgo,osusergo still needs glibc's NSS libraries",
    summary:
      "Static linking against glibc keeps calls to `getaddrinfo` and `getpwuid_r`, which load `libnss_*.so` from the same glibc version at run time (`warning: Using 'getaddrinfo' in statically linked applications requires at runtime the shared libraries from the glibc version used for linking`).",
  },
  check({ plan, text }) {
    const out: RuleFinding[] = [];
    for (const inv of plan.invocations) {
      const ld = inv.ldflags;
      if (!ld?.linkmodeExternal || !(ld.extldflagsStatic || ld.extldflagsStaticPie) || inv.cgo.state !== 'on' || inv.host.libc !== 'glibc') continue;
      const missing = ['netgo', 'osusergo'].filter((t) => !inv.tags.values.includes(t));
      if (missing.length === 0) continue;
      out.push({
        loc: ld.loc,
        stage: inv.stage,
        message: `A static link against glibc without the ${missing.join(' and ')} tag${missing.length > 1 ? 's' : ''} keeps getaddrinfo/getpwuid_r: at run time they need libnss_*.so from glibc ${inv.host.libcVersion ?? 'of the builder'} (the linker warns "Using 'getaddrinfo' in statically linked applications requires at runtime the shared libraries from the glibc version used for linking").`,
        fixes: [{ title: `Add -tags ${missing.join(',')}`, preferred: true, safe: true, edits: addTagsEdits(inv, missing, text) }],
      });
    }
    return out;
  },
};
