"""The architecture's `description`: Markdown by the contract, but never HTML or a script link.

The description opens the explanation, so its author may use paragraphs,
lists, emphasis, code and links. What it may not do, whoever wrote it:

- carry raw HTML or an HTML comment: every `<` becomes `&lt;`, also inside
  code, because renderers disagree about what is code (Python-Markdown ends a
  code span at a line end, CommonMark does not), and a sanitiser that trusts
  its own reading of the text loses to the renderer that reads it differently;
- set attributes: `{` and `}` are escaped (the attr_list extension turns
  `{: onclick=...}` into an event handler), and a fence keeps only a plain
  language name, as its info string can carry attributes too;
- link anywhere but http, https, mailto or a relative URL: a link, image or
  reference definition to another scheme (`javascript:`, `data:`,
  `vbscript:`...) is shown as text, with the scheme judged after undoing the
  entities, escapes and blanks a browser would undo;
- run past its end: a code fence left open is closed, so it cannot swallow
  the explanation that follows.
"""

from __future__ import annotations

import html
import re

from archgen.safe_markdown import Fence, Md, fence_opening
from archgen.safe_text import visible

ALLOWED_SCHEMES = ("http", "https", "mailto")

_NEWLINES = re.compile(r"\r\n|[\r\x85\u2028\u2029]")
_UNSAFE = re.compile(r"\\\\|\\[<{}]|[<{}]")
_BRACKET = re.compile(r"(?<!\\)((?:\\\\)*)\](?=[ \t]*\n?[ \t]*[(:])")
_SCHEME = re.compile(r"([a-z][a-z0-9+.\-]*):")
_BLANKS = re.compile(r"[\x00-\x20\x7f]+")


def description(value: str) -> Md:
    """Return the description as Markdown that keeps its formatting and cannot run script."""
    lines = _NEWLINES.sub("\n", value).split("\n")
    out: list[str] = []
    prose: list[str] = []
    fence: Fence | None = None
    for line in lines:
        line = "".join(char if char == "\t" else visible(char) for char in line)
        if fence is not None:
            if fence.closes(line):
                out.append(fence.text())
                fence = None
            else:
                out.append(_inert(line))
            continue
        opening = fence_opening(line)
        if opening is None:
            prose.append(line)
            continue
        if prose:
            out.append(_prose("\n".join(prose)))
        prose = []
        fence, language = opening
        out.append(fence.text() + language)
    if prose:
        out.append(_prose("\n".join(prose)))
    if fence is not None:
        out.append(fence.text())
    return Md("\n".join(out).strip("\n"))


_ESCAPED = {"\\<": "\\&lt;", "<": "&lt;", "{": "\\{", "}": "\\}"}


def _escape(match: re.Match[str]) -> str:
    """Escape one `<`, `{` or `}`; an escaped backslash or brace stays as it is."""
    found = match.group(0)
    return _ESCAPED.get(found, found)


def _inert(text: str) -> str:
    """Escape what could make tags or attributes, however a renderer reads `text`."""
    return _UNSAFE.sub(_escape, text)


def _prose(text: str) -> str:
    """Make prose inert, then show links to a scheme other than the allowed ones as text."""
    text = _inert(text)
    return _BRACKET.sub(lambda m: _link(text, m), text)


def _link(text: str, match: re.Match[str]) -> str:
    """Escape the `]` of a link or reference whose destination's scheme is not allowed."""
    after = text[match.end() :].lstrip(" \t\n")[1:]  # past the `(` or `:`
    destination = re.split(r"[)\"']|\n\s*\n", after, maxsplit=1)[0]
    scheme = _scheme_of(destination)
    if scheme is None or scheme in ALLOWED_SCHEMES:
        return match.group(0)
    return match.group(1) + "\\]"


def _scheme_of(destination: str) -> str | None:
    """Return the scheme a browser would find in `destination`, or None when relative.

    Entities are decoded and backslash escapes, blanks and control characters
    dropped first: browsers ignore tabs and newlines inside a URL, so
    `java&#x09;script:` is still javascript.
    """
    plain = html.unescape(destination)
    plain = re.sub(r"\\(?=[!-/:-@\[-`{-~])", "", plain)
    plain = _BLANKS.sub("", plain).lstrip("<").lower()
    match = _SCHEME.match(plain)
    return match.group(1) if match else None
