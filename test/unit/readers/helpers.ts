import { readDockerfile } from '../../../server/src/readers/dockerfile/reader';
import type { BuildPlan, GoInvocation } from '../../../server/src/model/types';

export const URI = 'file:///w/Dockerfile';

export function plan(text: string): BuildPlan {
  return readDockerfile(URI, text, { images: {} });
}

/** The invocation's CGO_ENABLED as the process sees it, and the decided state. */
export function cgoOf(inv: GoInvocation | undefined): { env: string | undefined; state: string | undefined } {
  return { env: inv?.env.CGO_ENABLED?.value, state: inv?.cgo.state };
}

export const lines = (...l: string[]) => l.join('\n') + '\n';
