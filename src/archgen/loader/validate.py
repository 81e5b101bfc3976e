"""Validate plain YAML data against the model and place every error in the file.

pydantic reports errors by `loc`; here each loc becomes a key path into the
user's data (the tags pydantic inserts for unions are dropped) and a message
that names the key and, for typos, the closest valid choice.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from archgen.closest import closest
from archgen.errors import Problem
from archgen.loader.by_type import validate_document
from archgen.model.catalogue import CATALOGUE
from archgen.model.document import FORMAT_VERSION, ArchitectureDocument
from archgen.safe_text import visible
from archgen.source import KeyPath, SourceMap

M = TypeVar("M", bound=BaseModel)


def check_version(data: dict[str, Any], source: SourceMap) -> list[Problem]:
    """Refuse other format versions first: their other keys would only add noise."""
    version = data.get("archgen")
    if "archgen" not in data:
        return [
            Problem(source.span(()), f"missing 'archgen: {FORMAT_VERSION}' (the format version)")
        ]
    if type(version) is not int or version != FORMAT_VERSION:  # not true, not 1.0
        return [
            Problem(
                source.value_span(("archgen",)),
                f"unsupported format version {version!r}: "
                f"this archgen reads version {FORMAT_VERSION}",
            )
        ]
    return []


def validate(data: Any, source: SourceMap) -> tuple[ArchitectureDocument | None, list[Problem]]:
    """Return the validated document, or None and every problem pydantic found.

    Each resource is validated by its own class (loader.by_type), with the
    errors a validation of the whole document as `ArchitectureDocument` gives.
    """
    document, errors = validate_document(data)
    return document, _placed(errors, data, source, ArchitectureDocument)


def validate_as(model: type[M], data: Any, source: SourceMap) -> tuple[M | None, list[Problem]]:
    """Validate `data` as `model` (an architecture, a configuration), placing every error."""
    try:
        return model.model_validate(data), []
    except ValidationError as error:
        return None, _placed(error.errors(include_url=False), data, source, model)


def _placed(
    errors: list[ErrorDetails], data: Any, source: SourceMap, model: type[BaseModel]
) -> list[Problem]:
    """Turn pydantic's errors of `data` as `model` into problems, one per place."""
    problems: dict[KeyPath, tuple[bool, Problem]] = {}
    for detail in errors:
        if _echoes_item_errors(detail):
            continue
        path = _data_path(detail["loc"], data, detail["type"])
        problem = _problem(detail, path, data, source, model)
        problem = Problem(problem.span, visible(problem.message))
        shape = detail["type"] in _SHAPE_ERRORS
        if path not in problems or (problems[path][0] and not shape):
            problems[path] = (shape, problem)
    return [problem for _, problem in problems.values()]


def _echoes_item_errors(detail: Any) -> bool:  # a pydantic ErrorDetails
    """Tell a list that is too short only because its items failed; their errors say why."""
    if detail["type"] != "too_short" or not isinstance(detail["input"], list | tuple):
        return False
    least: int = detail["ctx"]["min_length"]
    return len(detail["input"]) >= least


_SHAPE_ERRORS = frozenset(
    {"literal_error", "string_type", "int_type", "bool_type", "tuple_type", "dict_type"}
    | {"model_type", "model_attributes_type", "none_required", "float_type", "date_type"}
)
"""Errors that say a value has the wrong kind. Where a field takes a union (a tier or a
list of tiers), the member of the value's own kind explains best what is wrong with it,
so its error replaces one of these at the same place."""


def _data_path(loc: tuple[int | str, ...], data: Any, error_type: str) -> KeyPath:
    """Keep the parts of a pydantic loc that index the user's data; drop union tags."""
    path: list[str | int] = []
    current = data
    for index, part in enumerate(loc):
        is_last = index == len(loc) - 1
        if part == "[key]":
            continue
        if _indexes(current, part):
            current = current[part]
            path.append(part)
        elif is_last and error_type == "missing":
            path.append(part)
    return tuple(path)


def _indexes(container: Any, part: int | str) -> bool:
    """Tell whether `part` is a key or index present in the user's data."""
    if isinstance(container, dict):
        return part in container
    return isinstance(container, list) and isinstance(part, int) and 0 <= part < len(container)


def _problem(
    detail: Any, path: KeyPath, data: Any, source: SourceMap, model: type[BaseModel]
) -> Problem:
    kind: str = detail["type"]
    key = str(path[-1]) if path else "document"
    field = next((part for part in reversed(path) if isinstance(part, str)), "document")
    if kind == "missing":
        return Problem(source.span(path[:-1]), f"missing required key '{key}'{_owner(path, data)}")
    if kind == "extra_forbidden":
        allowed = _allowed_keys(model, path[:-1], data)
        hint = _did_you_mean(key, allowed)
        return Problem(source.span(path), f"unknown key '{key}'{_owner(path, data)}{hint}")
    if kind == "union_tag_invalid":
        tag = detail["input"].get("type") if isinstance(detail["input"], dict) else None
        hint = _did_you_mean(str(tag), list(CATALOGUE))
        return Problem(source.value_span((*path, "type")), f"unknown resource type '{tag}'{hint}")
    if kind == "union_tag_not_found":
        return Problem(source.span(path), f"resource '{key}' has no 'type'")
    if loc_is_key(detail["loc"]) and len(path) > 1:
        field = str(path[-2])  # the mapping whose key is wrong, not the key itself
    if loc_is_key(detail["loc"]) and path[:1] == ("resources",):
        return Problem(
            source.span(path),
            f"resource id '{key}' must start with a lowercase letter and hold only "
            "lowercase letters, digits and hyphens",
        )
    if path == ("name",) and kind == "string_pattern_mismatch":
        return Problem(
            source.value_span(path),
            f"name {_shown(detail['input'])} must be a slug of lowercase letters, digits and "
            "hyphens (it names the output files)",
        )
    if kind in ("too_short", "too_long"):
        return Problem(source.value_span(path), f"{field}: {_length_message(detail)}")
    friendly = _FRIENDLY.get(kind)
    if friendly:
        return Problem(
            source.value_span(path), f"{field}: {friendly}, got {_shown(detail['input'])}"
        )
    message = str(detail["msg"]).removeprefix("Value error, ")
    where = source.span(path) if loc_is_key(detail["loc"]) else source.value_span(path)
    return Problem(where, f"{field}: {_lower_first(message)}")


_FRIENDLY = {
    "bool_parsing": "expected true or false",
    "bool_type": "expected true or false",
    "int_parsing": "expected a whole number",
    "int_type": "expected a whole number",
    "int_from_float": "expected a whole number",
    "string_type": "expected text",
    "tuple_type": "expected a list",
    "dict_type": "expected a mapping of keys",
    "model_type": "expected a mapping of keys",
    "model_attributes_type": "expected a mapping of keys",
}


def _shown(value: Any) -> str:  # any plain YAML value
    """Quote a user's value in a message, cut short: it may be a whole pasted document."""
    text = repr(value)
    return text if len(text) <= 60 else f"{text[:57]}..."


def _length_message(detail: Any) -> str:  # a pydantic ErrorDetails of a list's length
    count = len(detail["input"]) if isinstance(detail["input"], list | tuple) else 0
    if detail["type"] == "too_short":
        least: int = detail["ctx"]["min_length"]
        return f"needs at least {least} {'entry' if least == 1 else 'entries'}, got {count}"
    return f"takes at most {detail['ctx']['max_length']} entries, got {count}"


def loc_is_key(loc: tuple[int | str, ...]) -> bool:
    """Tell whether pydantic is complaining about a mapping key rather than its value."""
    return bool(loc) and loc[-1] == "[key]"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _owner(path: KeyPath, data: Any) -> str:
    """Return " in <type> '<id>'" for keys inside a resource, so messages name it."""
    if len(path) >= 2 and path[0] == "resources":
        resource = data.get("resources", {}).get(path[1])
        if isinstance(resource, dict) and len(path) > 2:
            return f" in {resource.get('type', 'resource')} '{path[1]}'"
    return ""


def _did_you_mean(word: str, choices: list[str]) -> str:
    close = closest(word, choices)
    if close:
        return f" (did you mean '{close}'?)"
    if choices:
        return f" (expected one of: {', '.join(choices)})"
    return ""


def _allowed_keys(root: type[BaseModel], path: KeyPath, data: Any) -> list[str]:
    """Return the keys the model accepts at `path`, following the data's own types."""
    annotation: Any = root
    current = data
    for part in path:
        model = _model_for(annotation, current)
        if model is None:
            annotation = _element_annotation(annotation)
        else:
            field = next(
                (f for name, f in model.model_fields.items() if (f.alias or name) == part), None
            )
            if field is None:
                return []
            annotation = field.annotation
        current = current[part]
    found = _model_for(annotation, current)
    if found is None:
        return []
    return [field.alias or name for name, field in found.model_fields.items()]


def _model_for(annotation: Any, value: Any) -> type[BaseModel] | None:
    """Return the model class in `annotation` that describes the mapping `value`."""
    if not isinstance(value, dict):
        return None
    for model in _union_members(annotation):
        type_field = model.model_fields.get("type")
        if type_field is None or typing.get_args(type_field.annotation) == (value.get("type"),):
            return model
    return None


def _union_members(annotation: Any) -> Iterator[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
        return
    if typing.get_origin(annotation) in (typing.Union, types.UnionType, typing.Annotated):
        for arg in typing.get_args(annotation):
            yield from _union_members(arg)


def _element_annotation(annotation: Any) -> Any:
    """Return what one element of a tuple or one value of a dict is declared as."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType, typing.Annotated):
        for arg in typing.get_args(annotation):
            element = _element_annotation(arg)
            if element is not None:
                return element
        return None
    if origin in (tuple, dict):
        args = typing.get_args(annotation)
        return args[0] if origin is tuple else args[1]
    return None
