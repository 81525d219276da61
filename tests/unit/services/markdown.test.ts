import { describe, expect, it } from "vitest";
import { renderMarkdown } from "#services/markdown.ts";

describe("renderMarkdown: the safe subset (decision 0024)", () => {
  it("renders paragraphs, emphasis, code, lists and links", () => {
    const html = renderMarkdown("Some *stress* and **strong**, `code`\n\n- one\n- two\n\n1. first\n\n```\nfenced <b>\n```\n\n[docs](https://example.com/x)");
    expect(html).toContain("<em>stress</em>");
    expect(html).toContain("<strong>strong</strong>");
    expect(html).toContain("<code>code</code>");
    expect(html).toContain("<ul>\n<li>one</li>");
    expect(html).toContain("<ol>");
    expect(html).toContain("<pre><code>fenced &lt;b&gt;\n</code></pre>");
    expect(html).toContain('<a href="https://example.com/x" rel="noopener nofollow ugc">docs</a>');
  });

  it("links bare URLs and mailto, with the same rel", () => {
    expect(renderMarkdown("see https://example.com")).toContain('<a href="https://example.com" rel="noopener nofollow ugc">https://example.com</a>');
    expect(renderMarkdown("[mail](mailto:a@example.com)")).toContain('<a href="mailto:a@example.com" rel="noopener nofollow ugc">mail</a>');
  });

  it("shows raw HTML as text", () => {
    const html = renderMarkdown('<script>alert(1)</script> <img src=x onerror="alert(1)"> <iframe src="https://evil.example"></iframe>');
    expect(html).not.toMatch(/<script|<img|<iframe/i);
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  });

  it.each(["javascript:alert(1)", "JAVASCRIPT:alert(1)", " javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "vbscript:x", "/relative", "//evil.example/x"])(
    "links to %s stay text",
    (url) => {
      const html = renderMarkdown(`[click](${url}) <${url}>`);
      expect(html).not.toContain("<a");
      expect(html).not.toMatch(/href/i);
    },
  );

  it("renders no image: the alt text and a link instead", () => {
    const html = renderMarkdown("![a cat](https://other.example/cat.png)");
    expect(html).not.toContain("<img");
    expect(html).not.toMatch(/src=/i);
    expect(html).toContain('<a href="https://other.example/cat.png" rel="noopener nofollow ugc">a cat</a>');
  });

  it("renders no headings, tables or block quotes, and no style or event attribute anywhere", () => {
    const html = renderMarkdown("# Big\n\n> quoted\n\n| a | b |\n| - | - |\n| 1 | 2 |\n\n---");
    expect(html).not.toMatch(/<h1|<blockquote|<table|<hr/);
    expect(renderMarkdown('[x](https://a.example "t\\" onclick=\\"alert(1)")')).not.toMatch(/"\s*onclick/);
    expect(renderMarkdown("*x*{style=color:red}")).not.toMatch(/<[^>]*\sstyle=/);
  });
});
