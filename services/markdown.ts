import MarkdownIt from "markdown-it";

/**
 * Markdown as Tandem shows it (comments, a task's description): rendered on the server, once, for
 * both doors, to a small safe subset (decision 0024). markdown-it's "zero" preset with only these
 * rules on: paragraphs and line breaks, emphasis, code (inline, indented and fenced), lists,
 * links and bare URLs. Everything else is shown as the text that was typed:
 *
 * - raw HTML never (`html: false`: `<script>` is shown as text, escaped);
 * - links only to http:, https: and mailto: (`validateLink`; anything else, `javascript:` and
 *   relative links among them, stays text), each with `rel="noopener nofollow ugc"`;
 * - images are not rendered: the image rule is off, so `![alt](https://…)` reads as "!" and a link
 *   to the picture; no page makes a request to another origin because of a comment;
 * - no headings, tables, block quotes or horizontal rules (a comment is not a document).
 *
 * The output holds no `style` or `on…` attribute and no script, so it stays within the CSP
 * (app/security-headers.server.ts). tests/unit/services/markdown.test.ts and
 * tests/security/markdown.test.ts hold it.
 */
const markdown = new MarkdownIt("zero", { html: false, linkify: true, breaks: true, typographer: false });
markdown.enable(["list", "code", "fence", "emphasis", "backticks", "link", "autolink", "linkify", "escape", "entity"]);

const ALLOWED_LINK = /^(https?:|mailto:)/i;
markdown.validateLink = (url: string) => ALLOWED_LINK.test(url.trim());

markdown.renderer.rules.link_open = (tokens, index, options, _env, self) => {
  tokens[index]!.attrSet("rel", "noopener nofollow ugc");
  return self.renderToken(tokens, index, options);
};

/** Markdown text as safe HTML (a fragment: paragraphs, lists, code; links to http(s) and mailto only). */
export function renderMarkdown(text: string): string {
  return markdown.render(text);
}
