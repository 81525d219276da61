import MarkdownIt from "markdown-it";
type Token = InstanceType<typeof MarkdownIt.prototype.core.State.prototype.Token>;
import { splitMentions, type Mention } from "./mentions.ts";

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
// A bare address is not made a mailto: link, so `@grace@example.com` can be a mention
// (services/mentions.ts); `<grace@example.com>` still links.
markdown.linkify.set({ fuzzyEmail: false });
markdown.enable(["list", "code", "fence", "emphasis", "backticks", "link", "autolink", "linkify", "escape", "entity"]);

const ALLOWED_LINK = /^(https?:|mailto:)/i;
markdown.validateLink = (url: string) => ALLOWED_LINK.test(url.trim());

markdown.renderer.rules.link_open = (tokens, index, options, _env, self) => {
  tokens[index]!.attrSet("rel", "noopener nofollow ugc");
  return self.renderToken(tokens, index, options);
};

/**
 * Mentions (services/mentions.ts) become links to the person, showing the name they had when the
 * text was written: after the inline rules, each text run outside a link is split at the stored
 * handles. Code is not text here, so `@Ada` in code stays code.
 */
markdown.core.ruler.push("mentions", (state) => {
  const mentions = (state.env as { mentions?: Mention[] }).mentions ?? [];
  if (mentions.length === 0) return;
  for (const block of state.tokens) {
    if (block.type !== "inline" || !block.children) continue;
    const children: Token[] = [];
    let inLink = 0;
    for (const token of block.children) {
      if (token.type === "link_open") inLink++;
      if (token.type === "link_close") inLink--;
      if (token.type !== "text" || inLink > 0) {
        children.push(token);
        continue;
      }
      for (const part of splitMentions(token.content, mentions)) {
        if (typeof part === "string") {
          const text = new state.Token("text", "", 0);
          text.content = part;
          children.push(text);
          continue;
        }
        const open = new state.Token("mention_open", "a", 1);
        open.attrs = [["href", `/users/${encodeURIComponent(part.id)}`], ["class", "mention"]];
        const name = new state.Token("text", "", 0);
        name.content = `@${part.name}`;
        children.push(open, name, new state.Token("mention_close", "a", -1));
      }
    }
    block.children = children;
  }
});

/**
 * Markdown text as safe HTML (a fragment: paragraphs, lists, code; links to http(s) and mailto
 * only), with the stored mentions as links to the people.
 */
export function renderMarkdown(text: string, mentions: Mention[] = []): string {
  return markdown.render(text, { mentions });
}

/** The plain-text runs of a Markdown text (not code, not inside links): where mentions are recognised. */
export function markdownTextRuns(text: string): string[] {
  const runs: string[] = [];
  for (const block of markdown.parse(text, {})) {
    let inLink = 0;
    for (const token of block.children ?? []) {
      if (token.type === "link_open") inLink++;
      else if (token.type === "link_close") inLink--;
      else if (token.type === "text" && inLink === 0) runs.push(token.content);
    }
  }
  return runs;
}
