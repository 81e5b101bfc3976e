"""Validating resource by resource says exactly what validating the whole document says.

The loader validates each resource by the class its `type` names, so a run
builds only the validators its files use (loader.by_type). The oracle is
pydantic's validation of the whole `ArchitectureDocument`: for mutants of every
shipped design, both give the same errors and the same problems at the same
places, and an equal document when it is valid.
"""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError
from pydantic_core import ErrorDetails

from archgen.loader.by_type import validate_document
from archgen.loader.validate import validate, validate_as
from archgen.model.catalogue import CATALOGUE
from archgen.model.document import ArchitectureDocument
from tests.conftest import python_output
from tests.fuzz_mutants import SOURCES, mutate, operations, parsed_source, resource_ids

_TYPES = (*CATALOGUE, "ec3", "lamda", "", "EC2", None, 5, ["ec2"], {"ec2": 1})
"""What a resource's `type` becomes: every known type, typos, and values of other kinds."""
_IDS = ("Web", "1db", "web_1", "a" * 64, 7, True, 2**64, 1.5, None, date(2027, 1, 2), "fresh")
"""What a resource's id becomes: ids the pattern refuses, keys of other kinds, a good one."""


def _retype(document: Any, index: int, where: int, pick: int) -> None:
    resources = document.get("resources")
    ids = resource_ids(index)
    if isinstance(resources, dict) and isinstance(resources.get(ids[where % len(ids)]), dict):
        resources[ids[where % len(ids)]]["type"] = copy.deepcopy(_TYPES[pick % len(_TYPES)])


def _rename(document: Any, index: int, where: int, pick: int) -> None:
    resources = document.get("resources")
    rid = resource_ids(index)[where % len(resource_ids(index))]
    if isinstance(resources, dict) and rid in resources:
        resources[_IDS[pick % len(_IDS)]] = resources.pop(rid)


_changes = st.one_of(
    operations,
    st.tuples(st.sampled_from(("retype", "rename")), st.integers(0, 999), st.integers(0, 999)),
)


def _mutant(index: int, changes: list[tuple[str, int, int]]) -> Any:
    document = copy.deepcopy(parsed_source(index).value)
    for kind, where, pick in changes:
        if kind == "retype":
            _retype(document, index, where, pick)
        elif kind == "rename":
            _rename(document, index, where, pick)
        else:
            mutate(document, index, (kind, where, pick))
    return document


def _whole(data: Any) -> tuple[ArchitectureDocument | None, list[ErrorDetails]]:
    try:
        return ArchitectureDocument.model_validate(data), []
    except ValidationError as error:
        return None, error.errors(include_url=False)


@given(
    st.integers(0, len(SOURCES) - 1),
    st.lists(_changes, min_size=0, max_size=3),
)
def test_each_resource_by_its_class_reports_what_the_whole_document_reports(
    index: int, changes: list[tuple[str, int, int]]
) -> None:
    data = _mutant(index, changes)
    document, errors = validate_document(data)
    expected_document, expected_errors = _whole(data)
    assert sorted(map(repr, errors)) == sorted(map(repr, expected_errors))
    assert document == expected_document
    source = parsed_source(index).source
    placed = validate(data, source)[1]
    assert sorted(placed) == sorted(validate_as(ArchitectureDocument, data, source)[1])


def test_a_valid_document_is_the_one_pydantic_validates_whole() -> None:
    for index in range(len(SOURCES)):
        data = parsed_source(index).value
        document, errors = validate_document(data)
        assert errors == []
        assert document is not None
        assert repr(document) == repr(ArchitectureDocument.model_validate(data))
        assert document.model_fields_set == {key for key in data if key != "archgen"} | {"archgen"}


@pytest.mark.parametrize(
    ("resource", "kind"),
    [
        ({"vpc": "main"}, "union_tag_not_found"),
        ({"type": "ec3"}, "union_tag_invalid"),
        ({"type": ["ec2"]}, "union_tag_invalid"),
        ("ec2", "model_attributes_type"),
    ],
)
def test_a_resource_no_class_can_judge_gets_the_unions_error(resource: Any, kind: str) -> None:
    data = copy.deepcopy(parsed_source(0).value)
    data["resources"]["odd"] = resource
    errors = validate_document(data)[1]
    assert [(error["type"], error["loc"]) for error in errors] == [(kind, ("resources", "odd"))]


def test_loading_a_design_builds_only_the_validators_of_its_types() -> None:
    code = (
        "from pathlib import Path\n"
        "from archgen.loader import load_file\n"
        "from archgen.model.catalogue import CATALOGUE\n"
        "from archgen.model.document import ArchitectureDocument\n"
        "arch = load_file(Path('architectures/employee-directory-serverless.yaml'))\n"
        "used = {type(r) for r in arch.document.resources.values()}\n"
        "built = {c for c in CATALOGUE.values() if c.__pydantic_complete__}\n"
        "print(built == used, ArchitectureDocument.__pydantic_complete__, len(used))\n"
    )
    output = python_output(code)
    same, whole_built, used = output.split()
    assert (same, whole_built) == ("True", "False")
    assert int(used) < len(CATALOGUE)
