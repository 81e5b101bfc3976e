r"""User text made safe to show on a terminal, in a CI log or in any one-line field.

Architecture files arrive in pull requests from strangers, and YAML's escapes
("\e", "\n", "\u202e") let any string carry control characters: a newline
followed by `::error` or `::add-mask::` becomes a GitHub workflow command, an
ESC sequence rewrites a terminal, a bidirectional override reorders what a
reviewer reads. Every output that shows user text on a line of its own passes
it through `visible` first, so such a character is shown, never obeyed.
"""

from __future__ import annotations

import html
import re

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}

_INVISIBLE = re.compile(
    "[\x00-\x1f\x7f-\x9f"  # C0 and C1 controls, DEL
    "\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff"  # bidi marks, separators, zero width
    "]"
)
"""Characters that act on the text around them instead of being read."""


def _escape(match: re.Match[str]) -> str:
    char = match.group(0)
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    r"""Return `text` with every control or invisible formatting character written as an escape.

    The result is one line: a newline shows as the two characters `\n`.
    """
    return _INVISIBLE.sub(_escape, text)


def has_invisible(text: str) -> bool:
    """Tell whether `text` holds a character that `visible` would escape."""
    return _INVISIBLE.search(text) is not None


_BREAKS = re.compile("[\t\n\v\f\r\x85\u2028\u2029]+")
"""Line breaks and tabs: the wrapping of a label in a picture is archgen's, not the text's."""


def html_text(text: str) -> str:
    r"""Return user text as one line of HTML text or a quoted attribute value.

    Every picture shows the same text (DESIGN: one layout, every output), so
    the DOT label graphviz draws into PNG and SVG, draw.io's `html=1` values and
    the MkDocs figure's attributes all use this: a run of line breaks and tabs
    becomes a space, any other control or invisible character is shown as an
    escape (``; graphviz's parser and XML 1.0 refuse them raw), then `&`,
    `<`, `>` and both quotes are escaped, so the text is never markup.
    """
    return html.escape(visible(_BREAKS.sub(" ", text)), quote=True)
