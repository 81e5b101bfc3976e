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


LEGACY_COMMAND = "##["
"""GitHub's runner still obeys `##[name]data` anywhere in a line (ActionCommand.TryParse)."""


def log_line(line: str) -> str:
    """Return one output line so that no CI runner reads it as a workflow command.

    GitHub's runner takes a line whose first non-blank characters are `::` for a
    command (`::error::`, `::add-mask::`, `::stop-commands::`), and `##[` anywhere
    in a line for a legacy one. A file name or a quoted key can bring either, so
    the first `:` of such a line and the `[` of every `##[` are shown as escapes,
    in the style of `visible`. The line must already be one line (its user text
    passed through `visible`); `::` elsewhere, as in the IPv6 route `::/0`,
    stays as it is.
    """
    line = without_legacy_commands(line)
    body = line.lstrip()
    if body.startswith("::"):
        line = line[: len(line) - len(body)] + "\\x3a" + body[1:]
    return line


def without_legacy_commands(text: str, bracket: str = "\\x5b") -> str:
    r"""Return `text` with the `[` of every `##[` written as `bracket`.

    The default shows it as `log_line` does; a JSON or XML document passes its
    own escape of `[` (`\u005b`, `&#91;`), which reads back as the same text.
    """
    return text.replace(LEGACY_COMMAND, "##" + bracket)


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
