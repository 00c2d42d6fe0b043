import type { ShellNode as Node } from './parser';
import type { ShellEnv } from './env';

/**
 * Resolve a shell word node to its value, or undefined when it depends on something we cannot know
 * (command substitution, unknown variables, globs are kept literally). Follows POSIX parameter
 * expansion for the forms build scripts use: $V ${V} ${V:-x} ${V-x} ${V:+x} ${V+x} ${V:=x}.
 */
export function resolveWord(node: Node, env: ShellEnv, depth = 0): string | undefined {
  if (depth > 20) return undefined;
  switch (node.type) {
    case 'word':
    case 'number':
      return unescapeBare(node.text);
    case 'raw_string':
      return node.text.slice(1, -1);
    case 'ansi_c_string':
      return undefined;
    case 'string_content':
      return node.text;
    case 'concatenation':
      return joinConcatenation(node, env, depth);
    case 'string':
    case 'translated_string': {
      let out = '';
      for (const child of node.namedChildren) {
        if (!child) continue;
        const v = resolveWord(child, env, depth + 1);
        if (v === undefined) return undefined;
        out += child.type === 'string_content' ? unescapeDouble(v) : v;
      }
      return out;
    }
    case 'simple_expansion':
    case 'expansion':
      return resolveExpansion(node, env, depth);
    default:
      return undefined;
  }
}

function joinConcatenation(node: Node, env: ShellEnv, depth: number): string | undefined {
  let out = '';
  for (const child of node.children) {
    if (!child) continue;
    if (!child.isNamed) {
      out += child.text;
      continue;
    }
    const v = resolveWord(child, env, depth + 1);
    if (v === undefined) return undefined;
    out += v;
  }
  return out;
}

function resolveExpansion(node: Node, env: ShellEnv, depth: number): string | undefined {
  const nameNode = node.namedChildren.find((c) => c?.type === 'variable_name');
  if (!nameNode) return undefined; // $@, $1, ${#V}, ${V[i]} …
  const name = nameNode.text;
  const v = env.get(name);
  const opNode = node.childForFieldName('operator');
  if (!opNode) {
    if (node.type === 'expansion' && node.children.some((c) => c && !c.isNamed && /^[#%/^,]/.test(c.text) && c.text !== '${' && c.text !== '}')) return undefined;
    return v ? v.value : '';
  }
  const op = opNode.text;
  const alt = () => {
    const parts = node.namedChildren.filter((c) => c && c !== nameNode && c.startIndex > opNode.startIndex) as readonly Node[];
    let out = '';
    for (const p of parts) {
      const r = resolveWord(p, env, depth + 1);
      if (r === undefined) return undefined;
      out += r;
    }
    return out;
  };
  const isSet = v !== undefined;
  const known = !isSet || v.value !== undefined;
  const nonEmpty = isSet && v.value !== undefined && v.value !== '';
  switch (op) {
    case ':-':
    case ':=':
      if (!known) return undefined;
      return nonEmpty ? v!.value : alt();
    case '-':
    case '=':
      if (!known) return undefined;
      return isSet ? v!.value : alt();
    case ':+':
      if (!known) return undefined;
      return nonEmpty ? alt() : '';
    case '+':
      return isSet ? alt() : '';
    default:
      return undefined;
  }
}

/** Outside quotes a backslash escapes the next character. */
function unescapeBare(s: string): string {
  return s.includes('\\') ? s.replace(/\\(.)/gs, '$1') : s;
}

/** Inside double quotes a backslash escapes only $ ` " \ and newline. */
function unescapeDouble(s: string): string {
  return s.includes('\\') ? s.replace(/\\([$`"\\\n])/g, '$1') : s;
}
