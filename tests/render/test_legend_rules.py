"""The legend says what each rule marked on the picture means (issue 15, item 5).

A student reading a flawed design's picture sees an amber `AG301` on two
subnets and on the database an `AG401`; the legend names each rule once, in
rule-id order, with the rule's title as `archgen rules` lists it. The tests
read the legend graphviz drew (its JSON) and the draw.io legend cell.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from archgen.layout import style
from archgen.layout.drawing import build_scene, draw, plan
from archgen.layout.geometry import from_dot_json
from archgen.layout.marks import MARK_PREFIX
from archgen.loader import load_file, load_text
from archgen.model.architecture import Architecture
from archgen.render.drawio import render_drawio
from archgen.rules.engine import run_rules
from archgen.rules.registry import rule_by_id

ROOT = Path(__file__).resolve().parents[2]
FLAWED = ROOT / "architectures" / "gallery" / "student-flawed.yaml"
CAPSTONE = ROOT / "architectures" / "capstone.yaml"


def _title(rule: str) -> str:
    found = rule_by_id(rule)
    assert found is not None
    return found.title


def _legend_label(arch: Architecture) -> str:
    """Return the legend's HTML label as graphviz drew it for `arch` marked with its findings."""
    data = json.loads(draw(plan(arch, run_rules(arch)), ("json",)).outputs["json"])
    return str(next(o for o in data["objects"] if o.get("name") == "legend")["label"])


def _drawn_legend(arch: Architecture) -> str:
    """Return the text of the legend graphviz drew for `arch` marked with its findings."""
    return re.sub(r"<[^>]*>", " ", _legend_label(arch)).replace("&nbsp;", " ")


def _tag_colours(arch: Architecture) -> dict[str, str]:
    """Return the colour of each rule id's tag in the drawn legend."""
    found = re.findall(
        r'BGCOLOR="(#[0-9A-Fa-f]{6})"[^>]*>(?:<[^>]*>)*&nbsp;(AG\d{3})&', _legend_label(arch)
    )
    return {rule: colour for colour, rule in found}


def _drawio_legend(arch: Architecture) -> str:
    drawing = draw(plan(arch, run_rules(arch)), ("json",))
    xml = render_drawio(drawing.scene, from_dot_json(drawing.outputs["json"])).data
    cell = next(
        c
        for c in ET.fromstring(xml).iter("mxCell")  # noqa: S314 (archgen's own output)
        if c.get("id", "").startswith("legend:")
    )
    return re.sub(r"<[^>]*>", " ", cell.get("value", "")).replace("&nbsp;", " ")


def test_each_marked_rule_has_its_own_row_with_its_title_in_rule_id_order() -> None:
    arch = load_file(FLAWED)
    rows = [row for row in build_scene(arch, run_rules(arch)).legend if row[0].startswith("mark:")]
    assert rows == [
        (f"{MARK_PREFIX}warning:AG301", f"warning, rule not met: {_title('AG301')}"),
        (f"{MARK_PREFIX}warning:AG401", f"warning, rule not met: {_title('AG401')}"),
    ]


def test_the_drawn_legend_names_each_rule_once_beside_its_marker() -> None:
    for text in (_drawn_legend(load_file(FLAWED)), _drawio_legend(load_file(FLAWED))):
        for rule in ("AG301", "AG401"):
            assert text.count(_title(rule)) == 1
        assert text.index("AG301") < text.index(_title("AG301")) < text.index("AG401")
        assert text.index("AG401") < text.index(_title("AG401"))
        assert "found by archgen check" not in text


def test_a_rule_row_is_drawn_in_the_style_of_its_worst_finding() -> None:
    text = CAPSTONE.read_text(encoding="utf-8").replace("multi_az: true", "multi_az: false", 1)
    arch = load_text(text, "capstone.yaml")
    legend = dict(build_scene(arch, run_rules(arch)).legend)
    assert legend[f"{MARK_PREFIX}error:AG104"] == f"error, rule not met: {_title('AG104')}"
    assert [key for key in legend if key.startswith(MARK_PREFIX)] == [f"{MARK_PREFIX}error:AG104"]
    assert _tag_colours(arch) == {"AG104": style.BLOCKED}
    assert _tag_colours(load_file(FLAWED)) == {"AG301": style.WARNING, "AG401": style.WARNING}


def test_a_clean_design_has_no_marker_row_in_any_legend() -> None:
    arch = load_file(CAPSTONE)
    assert not [key for key, _ in build_scene(arch, run_rules(arch)).legend if "mark:" in key]
    for text in (_drawn_legend(arch), _drawio_legend(arch)):
        assert not re.search(r"\bAG\d{3}\b", text)
