"""Hostile free text for architectures, and checks that rendered HTML runs no script.

Shared by the explanation tests and the MkDocs build tests: the same payloads go
into every free-text field of a real architecture, and the same assertions judge
the HTML that GitHub-like (markdown-it) and MkDocs-like (Python-Markdown)
renderers make of the result.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import markdown
import yaml
from markdown_it import MarkdownIt

from tests.conftest import ARCHITECTURES, ROOT

PAYLOADS = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<IMG SRC=x OnError = alert(1)>",
    "[x](javascript:alert(1))",
    "![x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](jav&#x61;script:alert(1))",
    "[x](java\tscript:alert(1))",
    "[x](<javascript:alert(1)>)",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[x](vbscript:msgbox(1))",
    "\\[x](javascript:alert(1))",
    "[r]: javascript:alert(1)\n[y][r]",
    "<javascript:alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    "<!--",
    "-->",
    "line\n# heading",
    "a\n```",
    "a\n~~~\n<script>alert(1)</script>",
    "| a | b |\n|---|---|\n| c | d |",
    "x {: onclick=alert(1) }",
    "# heading {: onmouseover=alert(1) }",
    "> quote",
    "- item",
    "1. item",
    "    indented <script>alert(1)</script>",
    "===",
    "*em* _em_ `code` ~~gone~~",
    "text\u2028# heading\u2029<script>alert(1)</script>\r\n# heading",
)
"""What a stranger's pull request may put into any free-text field."""


def _combined(limit: int) -> str:
    """Return as many payloads joined by newlines as fit the shortest text field (a title)."""
    parts: list[str] = []
    for payload in PAYLOADS:
        if len("\n".join([*parts, payload])) + 3 <= limit:  # flow names get a suffix
            parts.append(payload)
    return "\n".join(parts)


COMBINED = _combined(200)

ALLOWED_SCHEMES = ("http", "https", "mailto")


def _with_text(document: dict[str, Any], text: str, description: str) -> dict[str, Any]:
    """Put `text` into every free-text field of `document`, and `description` in its own."""
    document = {**document, "title": text, "description": description}
    resources = {}
    for rid, resource in document["resources"].items():
        resource = {**resource, "label": text, "why": text}
        if resource["type"] == "route53":
            resource["domain"] = text
        if resource["type"] == "bedrock":
            resource["model"] = text
        if resource["type"] == "rds":
            resource["multi_az"] = False  # a finding whose message names the resource
        resources[rid] = resource
    document["resources"] = resources
    document["connections"] = [{**c, "label": text} for c in document.get("connections", [])]
    flows = document.get("flows", [])
    document["flows"] = [{**f, "name": f"{text} {i}"} for i, f in enumerate(flows)]
    return document


BASES = {
    "capstone": ARCHITECTURES / "capstone.yaml",
    "every-type": ROOT / "tests" / "data" / "every-type.yaml",
}


def write_hostile(folder: Path, base: str, text: str, description: str) -> Path:
    """Write the `base` architecture with `text` in every one-line field; return its path."""
    document = yaml.safe_load(BASES[base].read_text(encoding="utf-8"))
    hostile = _with_text(document, text, description)
    if base == "capstone":
        resource = hostile["resources"]["db"]
        resource["suppress"] = [{"rule": "AG105", "reason": text}]
    path = folder / f"{base}.yaml"
    path.write_text(yaml.safe_dump(hostile, sort_keys=False, allow_unicode=True), "utf-8")
    return path


class _Collector(HTMLParser):
    """Every start tag with its attributes, and every comment, of an HTML text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.comments: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Keep the tag and its attributes as a browser would read them."""
        self.tags.append((tag, attrs))

    def handle_comment(self, data: str) -> None:
        """Keep comments: one would hide the rest of a page."""
        self.comments.append(data)


SCRIPTABLE = {"script", "iframe", "object", "embed", "style", "form", "svg", "math", "base"}


def _scheme(url: str) -> str | None:
    """Return the scheme a browser would see in `url`, or None for a relative URL."""
    cleaned = re.sub(r"[\x00-\x20\x7f]", "", html.unescape(url)).lower()
    match = re.match(r"([a-z][a-z0-9+.\-]*):", cleaned)
    return match.group(1) if match else None


def assert_safe_html(page: str) -> None:
    """Fail when `page` has a script, an event handler, a script URL or a comment."""
    collector = _Collector()
    collector.feed(page)
    collector.close()
    assert collector.comments == []
    for tag, attributes in collector.tags:
        assert tag not in SCRIPTABLE, tag
        for name, value in attributes:
            assert not name.startswith("on"), (tag, name, value)
            assert name not in ("style", "srcdoc", "formaction"), (tag, name)
            if name in ("href", "src") and value is not None:
                assert _scheme(value) in (None, *ALLOWED_SCHEMES), (tag, name, value)
    assert "<script" not in page.lower()


GITHUB_LIKE = MarkdownIt("commonmark").enable(["table", "strikethrough"])
"""CommonMark with raw HTML on, the way GitHub and most Markdown viewers parse."""

MKDOCS_EXTENSIONS = ["toc", "tables", "fenced_code", "attr_list", "md_in_html", "def_list"]
"""MkDocs' own extensions and the ones course sites commonly add."""


def to_html(text: str) -> dict[str, str]:
    """Render `text` the GitHub-like way and the MkDocs way."""
    return {
        "markdown-it": GITHUB_LIKE.render(text),
        "python-markdown": markdown.markdown(text, extensions=MKDOCS_EXTENSIONS),
    }


def block_structure(text: str) -> list[tuple[str, str, int]]:
    """Return the Markdown blocks of `text`: what user text must never change."""
    return [
        (token.type, token.tag, token.level)
        for token in GITHUB_LIKE.parse(text)
        if token.block and token.type != "inline"
    ]
