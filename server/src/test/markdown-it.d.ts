/** The part of markdown-it's API the tests use (the package ships no types of its own). */
declare module 'markdown-it' {
  interface Token {
    type: string;
    tag: string;
    content: string;
    children: Token[] | null;
    attrs: [string, string][] | null;
  }
  class MarkdownIt {
    constructor(options?: { html?: boolean; linkify?: boolean });
    parse(source: string, env: object): Token[];
  }
  export = MarkdownIt;
}
