import { Composer, Lexer, Parser, YAMLParseError, type CST, type Document, type DocumentOptions, type ParseOptions, type SchemaOptions } from 'yaml';

/**
 * Nesting bound for every YAML document CGO Lens parses. The yaml package builds and composes nested collections
 * recursively: 50,000 levels of `- ` overflow the stack, and a few thousand levels of `[` leave so little of it that
 * V8 aborts the whole process when it compiles a regular expression there ("RegExpCompiler Allocation failed") —
 * uncatchable, the language server dies. Real files nest a dozen levels; 200 leaves a wide margin on both sides.
 */
export const MAX_YAML_DEPTH = 200;

/**
 * Past this many syntax errors a text is not YAML anyone is editing (a half-typed file has a handful) and the parse
 * stops: in error mode the yaml package costs ~1 µs a character and allocates an error per token (200 KB of `- - -`
 * after a stray CR: 100,000 errors, 0.3 s).
 */
export const MAX_YAML_ERRORS = 1000;

/** Why the parse stopped before the end: nesting past the bound, or too many syntax errors. */
export interface YamlAbandoned {
  /** Where (UTF-16 offset). */
  offset: number;
  message: string;
}

export interface BoundedYaml {
  /** The parsed document; empty when `abandoned` is set. */
  doc: Document.Parsed;
  abandoned?: YamlAbandoned;
}

type YamlOptions = ParseOptions & DocumentOptions & SchemaOptions;

/** Thrown out of the token stream to stop composing a document that nests too deeply or is too broken. */
const ABANDON = Symbol('YAML parse abandoned');

/**
 * `parseDocument(text, options)` (first document; more than one is an error, as there), guarded: the text goes through
 * the yaml package's own lexer and parser one token at a time, and the parser's stack of open nodes — exactly the
 * nesting the recursive stages (the parser closing nodes, the composer) will walk — is checked after each token. Past
 * `max` levels (or past MAX_YAML_ERRORS syntax errors) the parse stops there and an empty document comes back with
 * `abandoned` set. One linear pass: the tokens checked are the ones composed, nothing is parsed twice. A scan of the
 * text that models nesting itself cannot be trusted: on broken input the parser nests where no indentation or bracket
 * says so (`*a  k:` on each of 300 lines nests 300 mappings).
 *
 * Error objects are made cheap while parsing: broken YAML costs the yaml package one YAMLError per problem, and the
 * stack trace each captures is most of that (64 KB of `"`: ~32,000 errors, ~0.2 s with traces, ~0.05 s without).
 * Nothing here shows their traces. Synchronous, so the global limit is restored before anything else runs.
 * `prettyErrors` is not supported (callers want one-line messages).
 */
export function parseBoundedYaml(text: string, options: YamlOptions, max = MAX_YAML_DEPTH): BoundedYaml {
  const parser = new Parser(options.lineCounter?.addNewLine);
  let abandoned: YamlAbandoned | undefined;
  let errors = 0;
  const abandon = (message: string): never => {
    abandoned = { offset: Math.min(parser.offset, text.length), message };
    throw ABANDON;
  };
  function* tokens(): Generator<CST.Token, void> {
    options.lineCounter?.addNewLine(0); // what Parser.parse does first
    for (const lexeme of new Lexer().lex(text)) {
      for (const token of parser.next(lexeme)) {
        if (token.type === 'error' && ++errors > MAX_YAML_ERRORS) abandon(`YAML with more than ${MAX_YAML_ERRORS} syntax errors: skipped`);
        yield token;
      }
      if (parser.stack.length > max) abandon(`YAML nested deeper than ${max} levels: skipped`);
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
    if (e !== ABANDON) throw e;
  } finally {
    Error.stackTraceLimit = limit;
  }
  const empty = [...new Composer(options).compose([], true, 0)][0]!;
  return { doc: empty, abandoned };
}
