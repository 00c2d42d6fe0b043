/** Minimal SGR styling; a no-op palette when colour is off keeps call sites free of conditionals. */
export interface Palette {
  bold(s: string): string;
  dim(s: string): string;
  italic(s: string): string;
  underline(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
  blue(s: string): string;
  cyan(s: string): string;
  gray(s: string): string;
}

const sgr = (open: number, close: number) => (s: string) => (s === '' ? s : `\u001b[${open}m${s}\u001b[${close}m`);

export function palette(color: boolean): Palette {
  if (!color) {
    const id = (s: string) => s;
    return { bold: id, dim: id, italic: id, underline: id, red: id, yellow: id, blue: id, cyan: id, gray: id };
  }
  return {
    bold: sgr(1, 22),
    dim: sgr(2, 22),
    italic: sgr(3, 23),
    underline: sgr(4, 24),
    red: sgr(31, 39),
    yellow: sgr(33, 39),
    blue: sgr(34, 39),
    cyan: sgr(36, 39),
    gray: sgr(90, 39),
  };
}
