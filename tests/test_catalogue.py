"""Every resource type declares every fact once, and every declared icon and shape is real.

The facts on each class are all that layout, render and explain learn of a
type, so a missing or misspelt one would only show as a blank box, a missing
icon or a KeyError in a user's render: these tests catch it at the declaration.
"""

from __future__ import annotations

import dataclasses
import importlib
import json
from pathlib import Path
from typing import get_args

import pytest

from archgen.explain.knowledge import RATIONALES
from archgen.layout.icons import node_icon
from archgen.model import resources
from archgen.model.catalogue import CATALOGUE, TYPES, Resource
from archgen.model.resources.base import ResourceBase
from archgen.model.resources.facts import (
    Facts,
    HasSecurityGroups,
    HoldsRole,
    InSubnet,
    InSubnets,
    InVpc,
    MayBePublic,
    Shape,
)
from archgen.render.drawio_styles import node_style
from tests.conftest import ROOT
from tests.drawio.viewer import stencil_names

REFERENCE_STYLES = ROOT / "tests" / "data" / "aws4_styles.json"
"""draw.io's own aws4 styles of common services (copied beside the SARIF schema)."""
NAMES = sorted(CATALOGUE)
DRAWN = [name for name in NAMES if CATALOGUE[name].facts.drawn != "hidden"]


def _style(text: str) -> dict[str, str]:
    pairs = [part.split("=", 1) for part in text.split(";") if "=" in part]
    return {key: value for key, value in pairs}


def test_every_resource_class_is_in_the_resource_union() -> None:
    """A class written but left out of `Resource` would load nowhere and draw nothing."""
    package = Path(resources.__file__).parent
    defined = {
        cls
        for module in sorted(package.glob("*.py"))
        for cls in vars(importlib.import_module(f"archgen.model.resources.{module.stem}")).values()
        if isinstance(cls, type) and issubclass(cls, ResourceBase) and cls is not ResourceBase
    }
    assert defined == set(get_args(get_args(Resource)[0]))
    assert len(CATALOGUE) == len(TYPES) == len(defined)
    for name, cls in CATALOGUE.items():
        assert get_args(cls.model_fields["type"].annotation) == (name,)


def test_facts_have_no_defaults_so_a_type_states_each_one() -> None:
    missing = dataclasses.MISSING
    defaulted = [f.name for f in dataclasses.fields(Facts) if f.default is not missing]
    assert defaulted == []


@pytest.mark.parametrize("name", NAMES)
def test_each_type_declares_its_own_facts(name: str) -> None:
    cls = CATALOGUE[name]
    assert "facts" in vars(cls), f"{cls.__name__} inherits its facts instead of declaring them"
    facts = cls.facts
    assert isinstance(facts, Facts)
    assert facts.service.strip() == facts.service != ""
    drawn = facts.drawn != "hidden"
    assert (facts.icon is not None) == drawn, "an icon exactly when drawn as one"
    assert (facts.shape is not None) == drawn, "a draw.io shape exactly when drawn as one"
    if facts.rationale is not None:
        assert facts.rationale in RATIONALES
    else:
        assert not drawn, "every drawn type is explained in the text"
    if facts.drawn in ("per_subnet", "primary_standby", "across_zones", "interfaces"):
        assert issubclass(cls, InSubnets), "drawn in its subnets, so it must have subnets"


def test_every_rationale_belongs_to_a_type() -> None:
    used = {cls.facts.rationale for cls in TYPES}
    assert set(RATIONALES) <= used


@pytest.mark.parametrize("name", DRAWN)
def test_each_declared_icon_is_a_file_of_the_diagrams_aws_icons(name: str) -> None:
    path = CATALOGUE[name].facts.icon
    assert path is not None
    assert path.startswith("aws/")
    icon = node_icon(name)
    assert icon.suffix == ".png"
    assert icon.is_file(), icon


@pytest.mark.parametrize("name", DRAWN)
def test_each_declared_shape_is_a_drawio_aws4_stencil(name: str) -> None:
    shape = CATALOGUE[name].facts.shape
    assert isinstance(shape, Shape)
    assert f"mxgraph.aws4.{shape.name}" in stencil_names(), shape.name
    style = _style(node_style(name))
    key = "shape" if shape.glyph else "resIcon"
    assert style[key] == f"mxgraph.aws4.{shape.name}"
    assert style["fillColor"] == shape.fill


@pytest.mark.parametrize("name", DRAWN)
def test_shapes_the_reference_styles_know_are_drawn_as_the_reference_draws_them(
    name: str,
) -> None:
    """Where draw.io's own aws4 style names the stencil, use it the same way, in its colour."""
    shape = CATALOGUE[name].facts.shape
    assert shape is not None
    stencil = f"mxgraph.aws4.{shape.name}"
    reference = json.loads(REFERENCE_STYLES.read_text(encoding="utf-8"))
    for text in reference.values():
        style = _style(text)
        if stencil in (style.get("shape"), style.get("resIcon")):
            assert shape.glyph == (style.get("shape") == stencil)
            assert shape.fill == style["fillColor"]


FIELD_TRAITS = [
    ("subnet", InSubnet),
    ("subnets", InSubnets),
    ("security_groups", HasSecurityGroups),
    ("role", HoldsRole),
    ("vpc", InVpc),
]


@pytest.mark.parametrize("name", NAMES)
def test_a_type_with_a_trait_field_mixes_in_the_trait(name: str) -> None:
    """A field such as `subnets` means nothing to the network analysis without its trait."""
    cls = CATALOGUE[name]
    for field, trait in FIELD_TRAITS:
        assert (field in cls.model_fields) == issubclass(cls, trait), (field, trait.__name__)
    if cls.facts.placement == "subnet":
        assert issubclass(cls, InSubnet | InSubnets)


@pytest.mark.parametrize("name", [n for n in NAMES if issubclass(CATALOGUE[n], MayBePublic)])
def test_a_type_that_may_be_public_says_when(name: str) -> None:
    owners = [k for k in CATALOGUE[name].__mro__ if "has_public_address" in vars(k)]
    assert owners[0] is not MayBePublic, "the trait's method only raises NotImplementedError"
