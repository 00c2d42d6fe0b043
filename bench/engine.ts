// Entry point of the in-process engine bundle used by the benchmark (B1): the same sources and esbuild options as
// dist/server.js, exposing the service façade and the Dockerfile parser it bundles.
export { CgoLensService } from '../server/src/service/service';
export { defaultSettings } from '../server/src/config/settings';
export { DockerfileParser } from 'dockerfile-ast';
export { clearShellCache } from '../server/src/shell/parser';
