// A named import lets esbuild inline just this field at build time, so the bundle needs no package.json
// beside it, and the same line works when the sources run under vitest.
import { version } from '../../../package.json';

export const VERSION: string = version;
