"""Free text from a stranger's pull request is shown in the explanation, never obeyed.

Every free-text field of two real architectures (title, labels, reasons,
suppression reasons, flow names, connection labels, the domain, the Bedrock
model) carries each payload in turn. The `.md` archgen writes must hold no
raw HTML, script URL or comment but its own stamp, and the payloads must not
change its block structure; the HTML that a GitHub-like and a MkDocs-like
renderer make of it must hold no script, event handler or script URL.
"""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from archgen.cli import main
from archgen.explain.description import description
from archgen.safe_markdown import Md, md, text
from archgen.safe_text import visible
from tests.conftest import ROOT
from tests.explain.hostile import (
    BASES,
    COMBINED,
    PAYLOADS,
    assert_safe_html,
    block_structure,
    to_html,
    write_hostile,
)
from tests.golden import Goldens
from tests.phrases import assert_says

CASES = [*PAYLOADS, COMBINED]
CAPSTONE_MD = Goldens(ROOT / "tests" / "explain" / "golden").file("capstone.md")
"""The explanation golden, read here and never rewritten: archgen's own output refreshes it."""
TAG_WITH_HANDLER = re.compile(r"<[a-z][^>]*\bon[a-z]+\s*=", re.IGNORECASE)
SCRIPT_LINK = re.compile(r"(?<!\\)\]\(\s*<?\s*(javascript|vbscript|data):", re.IGNORECASE)
STAMP = re.compile(r"\n<!-- archgen-source: [0-9a-f]{64} [0-9a-f]{64} -->\n\Z")


def _render(path: Path, out: Path) -> str:
    """Run `archgen render --format md` and return the .md it wrote, stamp included."""
    result = CliRunner().invoke(main, ["render", str(path), "--format", "md", "--out", str(out)])
    assert result.exit_code == 0, result.output
    return next(out.glob("*.md")).read_text(encoding="utf-8")


def _assert_inert_markdown(written: str) -> str:
    """Check the .md as text; return it without archgen's stamp."""
    assert STAMP.search(written), written[-200:]
    body = STAMP.sub("\n", written)
    assert "<script" not in body.lower()
    assert TAG_WITH_HANDLER.search(body) is None
    assert SCRIPT_LINK.search(body) is None
    assert "<!--" not in body
    assert re.search(r"<[a-z!/]", body, re.IGNORECASE) is None  # no tag of any kind
    return body


@pytest.fixture(scope="module")
def baselines(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Render each base with plain words in every field: the structure to keep."""
    folder = tmp_path_factory.mktemp("baseline")
    return {
        base: _render(write_hostile(folder, base, "plain", "Plain."), folder / base)
        for base in BASES
    }


@pytest.mark.parametrize("base", sorted(BASES))
@pytest.mark.parametrize("payload", CASES, ids=range(len(CASES)))
def test_one_line_fields_stay_text(
    base: str, payload: str, tmp_path: Path, baselines: dict[str, str]
) -> None:
    written = _render(write_hostile(tmp_path, base, payload, "Plain."), tmp_path / "out")
    body = _assert_inert_markdown(written)
    assert block_structure(written) == block_structure(baselines[base])
    for page in to_html(body).values():
        assert_safe_html(page)


@pytest.mark.parametrize("payload", CASES, ids=range(len(CASES)))
def test_the_description_keeps_markdown_but_not_html(payload: str, tmp_path: Path) -> None:
    written = _render(write_hostile(tmp_path, "capstone", "plain", payload), tmp_path / "out")
    body = _assert_inert_markdown(written)
    for page in to_html(body).values():
        assert_safe_html(page)
        # the description ends where it should: archgen's own sections still follow
        assert "<h2>Why these services</h2>" in re.sub(r' id="[^"]*"', "", page)
        assert re.sub(r' id="[^"]*"', "", page).count("<h2>") == 5


def test_the_description_keeps_its_formatting() -> None:
    written = description(
        "Runs **two** tiers with `nginx` and _care_.\n\n"
        "- see [AWS](https://aws.amazon.com/) or [notes](notes/index.md)\n"
        "- write to [us](mailto:team@example.org)\n\n"
        "```yaml\nkey: <value>\n```"
    )
    page = to_html(written)["markdown-it"]
    assert_says(
        page,
        "<strong>two</strong>",
        "<code>nginx</code>",
        "<em>care</em>",
        '<a href="https://aws.amazon.com/">AWS</a>',
        '<a href="notes/index.md">notes</a>',
        '<a href="mailto:team@example.org">us</a>',
        '<pre><code class="language-yaml">',
    )


def test_an_unclosed_fence_is_closed() -> None:
    assert description("Before\n```\n<b>code</b>") == "Before\n```\n&lt;b>code&lt;/b>\n```"


def test_a_fence_keeps_only_a_plain_language() -> None:
    assert description("```python {: onclick=alert(1) }\nx\n```") == "```python\nx\n```"


@pytest.mark.parametrize(
    ("link", "kept"),
    [
        ("[a](https://example.org)", True),
        ("[a](../page.md#part)", True),
        ("[a](mailto:x@example.org)", True),
        ("[a](javascript:alert(1))", False),
        ("![a](data:image/png;base64,AAAA)", False),
        ("[a]( JAVA&#x09;SCRIPT&colon;alert(1) )", False),
        ("[a](\njavascript:alert(1))", False),
        ("[a]\n(javascript:alert(1))", False),
        ("[r]:\n  vbscript:msgbox(1)", False),
        ("[a](javascript\\:alert(1))", False),
    ],
)
def test_only_web_and_mail_links_remain_links(link: str, kept: bool) -> None:
    written = description(link)
    assert (written == link) is kept, written
    if not kept:
        page = to_html(written)["python-markdown"] + to_html(written)["markdown-it"]
        assert "<a " not in page
        assert "<img" not in page


def test_ordinary_text_reads_as_written() -> None:
    for plain in (
        "Highly available three-tier web application",
        "Spreads load (HTTP/HTTPS)",
        "Reads snake_case names: 99.9% of requests, R&D -> ops!",
        "10.0.0.0/16",
    ):
        assert text(plain) == plain


def test_what_is_special_is_escaped_only_where_it_is() -> None:
    assert text("# not a heading\nnor # this") == "\\# not a heading nor # this"
    assert text("1. first") == "1\\. first"
    assert text("- item") == "\\- item"
    assert text("a <b> & &amp; c") == "a &lt;b> & &amp;amp; c"
    assert text("[x](y) `z` *w* _v_ a_b {c} |d| ~e~") == (
        "\\[x\\](y) \\`z\\` \\*w\\* \\_v\\_ a_b \\{c\\} \\|d\\| &#126;e&#126;"
    )
    assert text("\\[x](javascript:alert(1))") == "\\\\\\[x\\](javascript:alert(1))"
    assert text("bidi \u202e and \x1b[31m") == "bidi \\u202e and \\x1b\\[31m"


def test_archgen_markdown_passes_and_values_are_escaped() -> None:
    sentence = md("{} ({})", "<b>Web</b>", Md("`web`"))
    assert sentence == "&lt;b>Web&lt;/b> (`web`)"
    assert text(sentence) is sentence


def test_user_templates_get_escaped_values(tmp_path: Path) -> None:
    hostile = write_hostile(tmp_path, "capstone", "<script>alert(1)</script>\n# x", "Plain.")
    (tmp_path / "explanation.md.j2").write_text(
        "{{ x.title }}\n{{ x.title | upper }}\n{{ x.services[0].resources[0].name }}\n"
        "{{ x.regional | map(attribute='name') | join('; ') }}\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["explain", str(hostile), "--templates", str(tmp_path)])
    assert result.exit_code == 0, result.output
    title, upper, name, regional = result.output.splitlines()
    assert title == "&lt;script>alert(1)&lt;/script> # x"
    assert upper == "&lt;SCRIPT>ALERT(1)&lt;/SCRIPT> # X"
    assert name == "&lt;script>alert(1)&lt;/script> # x (`users`)"
    assert regional.startswith("&lt;script>alert(1)&lt;/script> # x (`vpc`); ")


def test_a_copy_of_the_template_writes_what_archgen_writes(tmp_path: Path) -> None:
    copy = shutil.copytree(ROOT / "templates", tmp_path / "templates")
    path = ROOT / "architectures" / "capstone.yaml"
    result = CliRunner().invoke(main, ["explain", str(path), "--templates", str(copy)])
    assert result.exit_code == 0
    assert result.output.encode("utf-8") == CAPSTONE_MD.read_bytes()


_PIECES = [
    *"\\`*_[]{}|<>&#~-+=!():;.1aZ é→\n\t\r\"' /",
    *("\x1b", "\u202e", "\u2028", "    ", "1. ", "```", "~~~", "<!--", "-->", "](", "]:"),
    *("&amp;", "&copy", "&#58;", "&#x6a;", "&colon;", "javascript:", "data:", "JaVa", "script"),
    *("<a ", "<img src=x ", "<script>", "onerror=", "{:", "\\<", "http://x", "www.x.org"),
]
_MARKDOWNISH = st.lists(st.sampled_from(_PIECES), max_size=25).map("".join)
"""Text built from the pieces Markdown and HTML are made of, so most of it means something."""


@given(_MARKDOWNISH)
def test_any_text_shows_as_written_and_formats_nothing(value: str) -> None:
    expected = visible(re.sub(r"\r\n|[\n\r\t\u2028]", " ", value).strip())
    for renderer, page in to_html(f"Before {text(value)} after").items():
        inner = page.strip().removeprefix("<p>").removesuffix("</p>")
        assert "<" not in inner, (renderer, page)
        assert html.unescape(inner) == f"Before {expected} after".strip(), renderer


@given(_MARKDOWNISH)
def test_any_description_is_safe_and_ends_where_it_should(value: str) -> None:
    for page in to_html(description(value) + "\n\n## End\n").values():
        assert_safe_html(page)
        assert re.search(r"<h2[^>]*>End</h2>", page), page
