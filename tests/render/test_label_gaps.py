"""No line label reads into another text on its baseline, in every design and view (issue 15).

The review found capstone's "resolves to" (Route 53's alias line) a word's
width left of the node name "Internet gateway", on the same baseline: it
read "resolves to Internet gateway". A label keeps `GAP` ems from any text
beside it on its baseline. Read from graphviz's JSON of the picture `archgen
render` draws (`box_borders.picture`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from benchmarks.picture_text import Rect, text_ops, text_rect

from tests.render.box_borders import picture
from tests.render.design_views import design_view_cases

GAP = 1.5
"""Ems a label keeps from a text beside it: at 1.2 ems "resolves to" still read into a name."""

HELD: dict[tuple[str, str], str] = {}
"""The designs and views where some label still stands beside another text, and why: none."""

Text = tuple[str, str, Rect, float, bool]
"""Owner, text, text box, font size, and whether it is a line's label."""


def _texts(data: dict[str, Any]) -> list[Text]:
    """Return every name, title and line label in the picture."""
    found: list[Text] = []
    for item in data.get("objects", []):
        for op, size in text_ops(item.get("_ldraw_", [])):
            found.append((f"o{item['_gvid']}", op["text"], text_rect(op, size), size, False))
    for edge in data.get("edges", []):
        for key in ("_ldraw_", "_xldraw_"):
            for op, size in text_ops(edge.get(key, [])):
                found.append((f"e{edge['_gvid']}", op["text"], text_rect(op, size), size, True))
    return found


def _on_one_baseline(a: Rect, b: Rect) -> bool:
    """Tell whether two texts share most of a line's height."""
    shared = min(a[3], b[3]) - max(a[1], b[1])
    return shared >= 0.5 * min(a[3] - a[1], b[3] - b[1])


def read_into(data: dict[str, Any]) -> list[str]:
    """Return "'label' N pt from 'text'" for each label nearer than `GAP` ems to a text."""
    texts = _texts(data)
    found = []
    for owner, text, box, size, is_label in texts:
        for other, words, near, _, _ in texts:
            if not is_label or other == owner or not _on_one_baseline(box, near):
                continue
            gap = max(near[0] - box[2], box[0] - near[2])
            if 0 <= gap < GAP * size:
                found.append(f"'{text}' {gap:.1f} pt from '{words}'")
    return found


@pytest.mark.parametrize(("path", "view"), design_view_cases(HELD))
def test_no_label_reads_into_a_text_beside_it(path: Path, view: str) -> None:
    assert read_into(picture(path, view)) == []


def test_a_label_beside_a_name_is_found() -> None:
    """The check sees capstone's case: a label 18 pt (1.2 ems) left of a name on its baseline."""
    label = {"op": "T", "pt": [778.0, 1608.0], "align": "l", "width": 82.0, "text": "resolves to"}
    name = {"op": "T", "pt": [878.0, 1608.0], "align": "l", "width": 137.0, "text": "Internet"}
    data = {
        "objects": [{"_gvid": 0, "_ldraw_": [{"op": "F", "size": 15.0}, name]}],
        "edges": [{"_gvid": 0, "_ldraw_": [{"op": "F", "size": 15.0}, label]}],
    }
    assert read_into(data) == ["'resolves to' 18.0 pt from 'Internet'"]
