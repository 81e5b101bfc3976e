"""The DOT archgen writes: each statement as graphviz reads it, no value able to leave its place."""

from __future__ import annotations

import json
import subprocess

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from archgen.layout.dot_writer import DotGraph, quote
from archgen.layout.run import program


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("spam", "spam"),
        ("_x9", "_x9"),
        ("-4.2", "-4.2"),
        (".42", ".42"),
        ("", '""'),
        ("DejaVu Sans", '"DejaVu Sans"'),
        ("#232F3E", '"#232F3E"'),
        ("db@data-a", '"db@data-a"'),
        ("Node", '"Node"'),  # a keyword in any case
        ("subgraph", '"subgraph"'),
        ("spam\n", '"spam\n"'),
        ("<<B>x</B>>", "<<B>x</B>>"),
    ],
)
def test_a_value_is_written_bare_only_when_dot_reads_it_as_one_name(
    value: str, written: str
) -> None:
    assert quote(value) == written


@pytest.mark.parametrize("value", ['a"b', "a\\", 'x" URL="evil', "\\N"])
def test_a_value_with_a_quote_or_a_backslash_is_refused(value: str) -> None:
    with pytest.raises(ValueError, match="not a DOT value"):
        quote(value)


def test_statements_are_written_label_first_then_by_name_each_level_a_tab_deeper() -> None:
    graph = DotGraph("three-az")
    graph.attr(rankdir="TB", bgcolor="white")
    graph.attr("node", shape="plain")
    graph.attr("edge")  # no attributes: no statement
    with graph.subgraph("cluster_vpc") as vpc:
        vpc.attr(label="<VPC>", margin="12")
        vpc.node("web", tooltip="ec2", label="<W>")
        with vpc.subgraph("row0") as row:
            row.node("web")
    graph.edge("web", "db:s", label="", style="invis", id="e1")
    assert graph.source == (
        'digraph "three-az" {\n'
        "\tbgcolor=white rankdir=TB\n"
        "\tnode [shape=plain]\n"
        "\tsubgraph cluster_vpc {\n"
        "\t\tlabel=<VPC> margin=12\n"
        "\t\tweb [label=<W> tooltip=ec2]\n"
        "\t\tsubgraph row0 {\n"
        "\t\t\tweb\n"
        "\t\t}\n"
        "\t}\n"
        '\tweb -> db:s [label="" id=e1 style=invis]\n'
        "}\n"
    )


def test_an_unnamed_graph_is_written_without_a_name_and_a_value_of_none_not_at_all() -> None:
    graph = DotGraph("")
    graph.attr("edge", style=None)
    graph.node("a", label=None, tooltip=None, shape="box")
    assert graph.source == "digraph {\n\ta [shape=box]\n}\n"


_TEXT = st.text(
    st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters='"\\'),
    min_size=1,
    max_size=40,
).filter(lambda text: not (text.startswith("<") and text.endswith(">")))
"""Any printable text but an HTML-like label (archgen's own) or one with a quote or backslash."""


@settings(max_examples=60, deadline=None, derandomize=True)
@given(names=st.lists(_TEXT, min_size=1, max_size=4, unique=True), value=_TEXT)
def test_any_name_and_value_reach_graphviz_as_written_and_nothing_more(
    names: list[str], value: str
) -> None:
    """The dot program reads back exactly the nodes written, each with its tooltip, no other."""
    graph = DotGraph("g")
    for name in names:
        graph.node(name, tooltip=value)
    done = subprocess.run(
        [program("dot"), "-Tjson0"], input=graph.source.encode(), capture_output=True, check=True
    )
    objects = json.loads(done.stdout).get("objects", [])
    assert sorted((o["name"], o["tooltip"]) for o in objects) == sorted(
        (name, value) for name in names
    )
