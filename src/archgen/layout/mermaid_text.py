"""Ids and labels made safe for Mermaid source: nothing a YAML file holds can escape a label.

Mermaid reads a flowchart line by line, and a label is the only place user text
goes. A quote ends it, brackets and pipes end a shape or an edge label, `%%`
starts a comment or an `%%{init}%%` directive, a backtick starts Markdown, a
newline starts a new statement (`click n1 href "javascript:..."`), and `#...;`
is Mermaid's own entity syntax; even a colon is written out, so no scanner
reads `javascript:` in a label as a link. So every character of user text that is not a
letter, a digit, a space or harmless punctuation is written as a numeric
entity (`#35;`), which Mermaid decodes to text after parsing, never to syntax.

Ids come from the model, but scene ids hold `@`, `:`, `/` and `>`, and some
plain words (`end`, `click`, `style`, `graph`) are Mermaid keywords. An id is
therefore written with a fixed prefix and its other characters mapped one to
one onto letters, digits and `_`, so two ids never meet and every one decodes.
A box (cloud, region, VPC, legend) takes another prefix than a node: its id is
archgen's word, which a resource may also be named (`region`, `legend`), and
Mermaid has one namespace for nodes and subgraphs.
"""

from __future__ import annotations

import re

PREFIX = "n_"
"""Starts every node's Mermaid id: no keyword starts so, nor does `o` or `x` (edge ends)."""
GROUP_PREFIX = "g_"
"""Starts every box's Mermaid id, so no node id can equal one."""

_KEPT_ID = re.compile(r"[a-z0-9]")
_NIBBLES = "ABCDEFGHIJKLMNOP"
"""Hex digits written as capitals: raw capitals never occur in an encoded id."""
_WIDE = "Z"
"""Marks a character above U+00FF: six nibbles follow instead of two."""

_SAFE_LABEL = re.compile(r"[A-Za-z0-9 .,/()+=@-]")
"""Characters a label keeps as they are; each other is a numeric entity."""


def mermaid_id(scene_id: str) -> str:
    """Return the Mermaid id of a scene id: `web-alb` is `n_web_alb`, `db@db-a` is `n_db_EAdb_a`."""
    return PREFIX + "".join(_id_char(char) for char in scene_id)


def group_id(scene_id: str) -> str:
    """Return the Mermaid id of a box: `region` is `g_region`, never a node's `n_region`."""
    return GROUP_PREFIX + "".join(_id_char(char) for char in scene_id)


def _id_char(char: str) -> str:
    if _KEPT_ID.fullmatch(char):
        return char
    if char == "-":
        return "_"
    code = ord(char)
    if code <= 0xFF:
        return "_" + _nibbles(code, 2)
    return "_" + _WIDE + _nibbles(code, 6)


def _nibbles(code: int, width: int) -> str:
    return "".join(_NIBBLES[int(digit, 16)] for digit in f"{code:0{width}x}")


def scene_id(mermaid: str) -> str:
    """Return the scene id a Mermaid id was made from (the inverse of both id functions)."""
    if not mermaid.startswith((PREFIX, GROUP_PREFIX)):
        raise ValueError(f"not an archgen Mermaid id: {mermaid!r}")
    body, out, index = mermaid[len(PREFIX) :], [], 0
    while index < len(body):
        char = body[index]
        wide = body[index + 1 : index + 2] == _WIDE
        width = 6 if wide else 2
        digits = body[index + 1 + wide : index + 1 + wide + width]
        if char == "_" and len(digits) == width and all(d in _NIBBLES for d in digits):
            hex_digits = "".join(f"{_NIBBLES.index(d):x}" for d in digits)
            out.append(chr(int(hex_digits, 16)))
            index += 1 + wide + width
        else:
            out.append("-" if char == "_" else char)
            index += 1
    return "".join(out)


def label(text: str) -> str:
    """Return user text as the inside of a quoted Mermaid label, one line, inert.

    Line breaks, tabs and other controls become spaces first: a label is one
    line of the source, and archgen adds its own breaks (`<br/>`) between parts.
    """
    flat = " ".join(text.split())
    return "".join(char if _SAFE_LABEL.fullmatch(char) else f"#{ord(char)};" for char in flat)
