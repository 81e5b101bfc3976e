r"""User text made inert in Markdown, and the Markdown archgen itself writes.

Architecture files come from strangers' pull requests, and their free text
(titles, labels, reasons, flow names, domains) lands in a `.md` file that
GitHub and MkDocs turn into HTML. Markdown passes raw HTML through, so a label
could carry `<script>`, an event handler, an HTML comment that hides the rest
of the page, a `javascript:` link, or a newline that starts a heading, list,
table or code fence of its own.

The rule is the one HTML templates follow: every value is escaped when it is
written, unless it is `Md`, Markdown archgen built from escaped parts. `md()`
fills a template of archgen's words with escaped values, so a sentence that
names a resource stays formatted while the name inside it stays text.

What `text` escapes, and why only that (ordinary prose keeps its look):

- line breaks of any kind become spaces: a field is one line, so it can never
  start a block (heading, list, quote, table row, fence);
- `<` always, as `&lt;`: without it there is no tag, comment or autolink;
  `&` only where it would start an entity, so the text shows as written;
- `[` `]`: no link, image or reference can form, whatever follows;
- `` ` `` `*` `|` `{` `}` `\`: code spans that would swallow archgen's own,
  emphasis, table cells, attribute lists (`{: onclick=...}` with the
  attr_list extension many MkDocs sites enable) and escapes of escapes;
- `_` only where it can open or close emphasis (not inside `snake_case`);
- `~` as `&#126;` (strikethrough and `~~~` fences; Python-Markdown has no `\~`);
- at the start of a value, the characters that open a block there: `#`, `>`,
  `-`, `+`, `=` and an ordered-list number such as `1.`.

Parentheses, `!`, `:` and `>` inside a line stay as they are: with the
brackets escaped they cannot make a link, and they are common in prose
("Spreads load (HTTP/HTTPS)").
"""

from __future__ import annotations

import html.entities
import re
from collections.abc import Iterable
from dataclasses import dataclass

from archgen.safe_text import visible


class Md(str):
    """Markdown archgen wrote, with every user value in it already escaped.

    Only this type passes the template's escaping unchanged; any other value,
    including the result of string operations on an `Md`, is escaped again.
    """

    __slots__ = ()


_BREAKS = re.compile(r"\r\n|[\n\r\t\v\f\x85\u2028\u2029]")
_LEGACY_ENTITIES = "|".join(
    sorted((name for name in html.entities.html5 if not name.endswith(";")), key=len, reverse=True)
)
"""Entity names a browser decodes even without their `;` (`&copy 2024` shows ©)."""
_INLINE = re.compile(
    r"[\\`*\[\]{}|<~]"  # always special
    rf"|&(?=#|[0-9A-Za-z]+;|{_LEGACY_ENTITIES})"  # an entity would be decoded, not shown
    r"|(?<![^\W_])_|_(?![^\W_])"  # an underscore at a word edge can emphasise
)
_ENTITIES = {"<": "&lt;", "&": "&amp;", "~": "&#126;"}
_BLOCK_START = re.compile(r"[#>+\-]")
_LIST_NUMBER = re.compile(r"(\d{1,9})([.)])(?=\s|$)")


def _inline(match: re.Match[str]) -> str:
    char = match.group(0)
    return _ENTITIES.get(char, "\\" + char)


def _line_start(escaped: str) -> str:
    """Escape what would open a block when the value starts a line."""
    if _BLOCK_START.match(escaped):
        return "\\" + escaped
    if escaped.startswith("="):
        return "&#61;" + escaped[1:]
    return _LIST_NUMBER.sub(r"\1\\\2", escaped, count=1) if escaped[:1].isdigit() else escaped


def text(value: object) -> Md:
    """Return `value` as Markdown that shows it as written, on one line, formatting nothing.

    An `Md` is returned as it is: it was built from escaped parts. Blanks
    around the value go: four of them would start a code block.
    """
    if isinstance(value, Md):
        return value
    return Md(_line_start(fragment(_BREAKS.sub(" ", str(value)).strip())))


def fragment(value: object) -> Md:
    """Return `value` escaped for the middle of a line (a separator), blanks kept."""
    if isinstance(value, Md):
        return value
    return Md(visible(_INLINE.sub(_inline, _BREAKS.sub(" ", str(value)))))


_CODE_SAFE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:/-]*")


def code(value: str) -> Md:
    """Return `value` as a code span when it is an id, CIDR or port; else as escaped text.

    Code spans show their content literally, so only values that need no
    escaping (ids and addresses, which the format restricts) are put in one.
    """
    return Md(f"`{value}`") if _CODE_SAFE.fullmatch(value) else text(value)


def md(template: str, *values: object) -> Md:
    """Fill the `{}` fields of archgen's `template` with escaped `values`."""
    return Md(template.format(*(text(value) for value in values)))


def join(separator: str, values: Iterable[object]) -> Md:
    """Join escaped `values` with archgen's `separator`."""
    return Md(separator.join(text(value) for value in values))


_OPENING = re.compile(r" {0,3}(`{3,}|~{3,})(.*)")
_LANGUAGE = re.compile(r"[A-Za-z0-9_+#.-]*")


@dataclass(frozen=True)
class Fence:
    """An open code fence: its character and length, as CommonMark closes it.

    Where a fenced block ends decides what is code and what is page: a closing
    rule looser than the reader's lets text inside a block (a fence in a
    description) end it early and spill the rest of the block onto the page.
    """

    char: str
    length: int

    def closes(self, line: str) -> bool:
        """Tell whether `line` ends the block.

        CommonMark: at most three spaces of indent, the same character, at
        least as many of it, then nothing but blanks.
        """
        line = line.rstrip("\r\n")
        stripped = line.strip(" ")
        run = len(stripped) - len(stripped.lstrip(self.char))
        indent = len(line) - len(line.lstrip(" "))
        return indent <= 3 and run >= self.length and not stripped[run:].strip()

    def text(self) -> str:
        """Return the fence as archgen writes it, at the margin, the same on both ends."""
        return self.char * self.length


def fence_opening(line: str) -> tuple[Fence, str] | None:
    """Return the fence `line` opens and its language, or None when it opens none."""
    match = _OPENING.fullmatch(line.rstrip("\r\n"))
    if match is None:
        return None
    run, info = match.group(1), match.group(2)
    if run[0] == "`" and "`" in info:
        return None  # CommonMark: not a fence but a code span
    language = _LANGUAGE.match(info.strip())
    return Fence(run[0], len(run)), language.group(0) if language else ""
