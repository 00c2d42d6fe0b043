import type { Rule } from '../types';

export const rule: Rule = {
  meta: {
    id: 'CGO204',
    name: 'cgo-setting-has-no-effect',
    severity: 'error',
    title: 'A CGO_ENABLED assignment never reaches the go command',
    summary: '`CGO_ENABLED=0 && go build` and `CGO_ENABLED=0; go build` set a shell variable, not an environment variable; `export` in an earlier `RUN` is lost; a global `ARG` is only visible to `FROM`. The go command never sees the value and falls back to its default.',
  },
  check: () => [],
};
