import { describe, expect, it } from 'vitest';
import { main } from '../../../server/src/cli/main';
import type { Io } from '../../../server/src/cli/io';

function io(env: Record<string, string>, isTTY: boolean): Io & { out: () => string } {
  let out = '';
  return {
    cwd: process.cwd(),
    env,
    stdout: { write: (s) => void (out += s), isTTY },
    stderr: { write: () => undefined },
    out: () => out,
  };
}

// The child-process tests cannot give the CLI a terminal; these check the TTY side in-process.
describe('colour decision', () => {
  it('colours a terminal unless NO_COLOR (any value) or --no-color', async () => {
    const tty = io({}, true);
    expect(await main(['rules'], tty)).toBe(0);
    expect(tty.out()).toMatch(/\u001b\[/);

    for (const env of [{ NO_COLOR: '' }, { NO_COLOR: '1' }]) {
      const t = io(env, true);
      await main(['explain', 'CGO101'], t);
      expect(t.out()).not.toMatch(/\u001b\[/);
    }
    const flag = io({}, true);
    await main(['rules', '--no-color'], flag);
    expect(flag.out()).not.toMatch(/\u001b\[/);

    const pipe = io({}, false);
    await main(['rules'], pipe);
    expect(pipe.out()).not.toMatch(/\u001b\[/);
  });
});
