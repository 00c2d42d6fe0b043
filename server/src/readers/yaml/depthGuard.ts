import { Composer, Lexer, Parser, YAMLParseError, type CST, type Document, type DocumentOptions, type ParseOptions, type SchemaOptions } from 'yaml';

/**
 * Nesting bound for every YAML document CGO Lens parses. The yaml package builds and composes nested collections
 * recursively: 50,000 levels of `- ` overflow the stack, and a few thousand levels of `[` leave so little of it that
 * V8 aborts the whole process when it compiles a regular expression there ("RegExpCompiler Allocation failed") —
 * uncatchable, the language server dies. Real files nest a dozen levels; 200 leaves a wide margin on both sides.
 */
export const MAX_YAML_DEPTH = 200;

export interface YamlTooDeep {
  /** Where the nesting first went past the bound (UTF-16 offset). */
  offset: number;
  message: string;
}

export interface BoundedYaml {
  /** The parsed document; empty when `tooDeep` is set. */
  doc: Document.Parsed;
  tooDeep?: YamlTooDeep;
}

type YamlOptions = ParseOptions & DocumentOptions & SchemaOptions;

/** Thrown out of the token stream to stop composing a document that nests too deeply. */
const TOO_DEEP = Symbol('YAML nested too deeply');

/**
 * `parseDocument(text, options)` (first document; more than one is an error, as there), guarded: the text goes through
 * the yaml package's own lexer and parser one token at a time, and the parser's stack of open nodes — exactly the
 * nesting the recursive stages (the parser closing nodes, the composer) will walk — is checked after each token. Past
 * `max` levels the parse stops there and an empty document comes back with `tooDeep` set. One linear pass: the
 * tokens checked are the ones composed, nothing is parsed twice. A scan of the text that models nesting itself
 * cannot be trusted: on broken input the parser nests where no indentation or bracket says so (`*a  k:` on each of
 * 300 lines nests 300 mappings).
 *
 * Error objects are made cheap while parsing: broken YAML costs the yaml package one YAMLError per problem, and the
 * stack trace each captures is most of that (64 KB of `"`: ~32,000 errors, ~0.2 s with traces, ~0.05 s without).
 * Nothing here shows their traces. Synchronous, so the global limit is restored before anything else runs.
 * `prettyErrors` is not supported (callers want one-line messages).
 */
export function parseBoundedYaml(text: string, options: YamlOptions, max = MAX_YAML_DEPTH): BoundedYaml {
  const parser = new Parser(options.lineCounter?.addNewLine);
  let tooDeep: YamlTooDeep | undefined;
  function* tokens(): Generator<CST.Token, void> {
    options.lineCounter?.addNewLine(0); // what Parser.parse does first
    for (const lexeme of new Lexer().lex(text)) {
      yield* parser.next(lexeme);
      if (parser.stack.length > max) {
        tooDeep = { offset: Math.min(parser.offset, text.length), message: `YAML nested deeper than ${max} levels: skipped` };
        throw TOO_DEEP;
      }
    }
    yield* parser.end();
  }
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    const composer = new Composer(options);
    let doc: Document.Parsed | undefined;
    for (const d of composer.compose(tokens(), true, text.length)) {
      if (!doc) doc = d;
      else if (doc.options.logLevel !== 'silent') {
        doc.errors.push(new YAMLParseError(d.range.slice(0, 2) as [number, number], 'MULTIPLE_DOCS', 'Source contains multiple documents; please use YAML.parseAllDocuments()'));
        break;
      }
    }
    return { doc: doc! };
  } catch (e) {
    if (e !== TOO_DEEP) throw e;
  } finally {
    Error.stackTraceLimit = limit;
  }
  const empty = [...new Composer(options).compose([], true, 0)][0]!;
  return { doc: empty, tooDeep };
}
