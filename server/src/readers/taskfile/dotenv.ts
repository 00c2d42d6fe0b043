/**
 * `NAME=value` / `NAME: value` → [, NAME, value], as /^([A-Za-z_][A-Za-z0-9_.]*)\s*[=:]\s*(.*)$/ matched it (a scan:
 * with an optional `export\s+` before it that pattern backtracks quadratically on a long run of blanks).
 */
function assignment(s: string): [string, string, string] | undefined {
  if (!/^[A-Za-z_]/.test(s)) return undefined;
  let i = 1;
  while (i < s.length && /[A-Za-z0-9_.]/.test(s[i]!)) i++;
  const name = s.slice(0, i);
  while (i < s.length && s[i]!.trim() === '') i++;
  if (s[i] !== '=' && s[i] !== ':') return undefined;
  i++;
  while (i < s.length && s[i]!.trim() === '') i++;
  const value = s.slice(i);
  return /[\n\r\u2028\u2029]/.test(value) ? undefined : [s, name, value];
}

/** `KEY=value` lines of a dotenv file (`export KEY=value`, quotes and `# comments` as godotenv reads them). */
export function parseDotenv(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const raw of text.split(/\r?\n/).slice(0, 10_000)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const m = (/^export\s/.test(line) ? assignment(line.slice(6).trimStart()) : undefined) ?? assignment(line);
    if (!m) continue;
    let v = m[2].trim();
    const dq = /^"((?:[^"\\]|\\.)*)"/.exec(v);
    if (dq) v = dq[1].replace(/\\n/g, '\n').replace(/\\(.)/g, '$1');
    else if (/^'[^']*'/.test(v)) v = /^'([^']*)'/.exec(v)![1];
    else v = v.replace(/\s+#.*$/, '');
    out.set(m[1], v);
  }
  return out;
}

/**
 * Is Task's env-precedence experiment on for this project (`.taskrc.yml` `experiments: {ENV_PRECEDENCE: 1}`, or
 * `TASK_X_ENV_PRECEDENCE=1` in the `.env` next to the Taskfile)? Then `env:` beats the OS environment.
 */
export function envPrecedenceEnabled(taskrc: string | undefined, dotenv: string | undefined): boolean {
  if (taskrc && /^\s*ENV_PRECEDENCE\s*:\s*['"]?1['"]?\s*$/m.test(taskrc)) return true;
  if (dotenv && parseDotenv(dotenv).get('TASK_X_ENV_PRECEDENCE') === '1') return true;
  return false;
}
