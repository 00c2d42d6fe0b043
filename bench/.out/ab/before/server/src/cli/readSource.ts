import * as fs from 'node:fs';
import { ioReason } from './walk';

/** Binary sniffing window: what git and grep look at. */
const SNIFF_BYTES = 8 * 1024;

export type SourceRead = { ok: true; text: string } | { ok: false; reason: string };

/** Read one candidate file, or say in a few words why it is not analysed. Never throws. */
export function readSource(abs: string, maxBytes: number): SourceRead {
  let buf: Buffer;
  try {
    // stat first, so an oversized file is never loaded into memory.
    const size = fs.statSync(abs).size;
    if (size > maxBytes) return { ok: false, reason: `file is ${formatBytes(size)}, over the ${formatBytes(maxBytes)} limit` };
    buf = fs.readFileSync(abs);
  } catch (err) {
    return { ok: false, reason: ioReason(err) };
  }
  if (buf.length > maxBytes) return { ok: false, reason: `file is ${formatBytes(buf.length)}, over the ${formatBytes(maxBytes)} limit` };
  if (buf.subarray(0, SNIFF_BYTES).includes(0)) return { ok: false, reason: 'binary file (NUL byte in the first 8 KB)' };
  let text = buf.toString('utf8');
  // Editors drop a BOM before computing positions; so must we, or every column on line 1 is off by one.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { ok: true, text };
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${n} bytes`;
}
