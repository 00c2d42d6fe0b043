import type { CustomImage } from '../../config/settings';
import { classifyImage, type ImageFacts } from '../../knowledge/images';

/**
 * `classifyImage` is a pure function of the image text and the custom images; most Dockerfiles name the same few
 * images (every edit re-reads them), so results for the default (no custom images) are kept. Callers must treat the
 * returned facts as read-only, which they already do: they are shared by every stage built on the image.
 */
const memo = new Map<string, ImageFacts>();
const MAX_MEMO = 500;

export function classifyImageCached(text: string, custom: Record<string, CustomImage>): ImageFacts {
  for (const _ in custom) return classifyImage(text, { custom }); // custom images: not memoised
  let facts = memo.get(text);
  if (!facts) {
    facts = classifyImage(text, { custom });
    if (memo.size >= MAX_MEMO) memo.delete(memo.keys().next().value as string);
    memo.set(text, facts);
  }
  return facts;
}
