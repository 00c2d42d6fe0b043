import type { BuildPlan } from '../../model/types';
import type { CustomImage } from '../../config/settings';

export interface DockerfileReadOptions { images: Record<string, CustomImage> }

export function readDockerfile(uri: string, text: string, options: DockerfileReadOptions): BuildPlan {
  return { uri, kind: 'dockerfile', stages: [], invocations: [], deliveries: [], installs: [], occurrences: [], goEnvWrites: [], godebug: [], loaderSymlinks: [], notes: [] };
}
