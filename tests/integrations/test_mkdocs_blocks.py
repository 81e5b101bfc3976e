"""archgen blocks in small MkDocs projects of their own: what they draw, what they refuse.

Each test writes its pages and runs a real `mkdocs build --strict` with the
plugin: inline designs and files, the network view, fences inside the YAML,
bad input named at its line, and hostile blocks, files outside the project,
colliding folders and planted links, none of which may get through.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from archgen.mkdocs_plugin import _write_inside
from tests.conftest import ARCHITECTURES
from tests.explain.hostile import COMBINED, assert_safe_html, write_hostile
from tests.integrations.mkdocs_build import build


def _mini_site(tmp_path: Path, block: str, fence: str = "```") -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    page = f"# Notes\n\n{fence}archgen\n{block}{fence}\n\nAfter the block.\n"
    (docs / "index.md").write_text(page, encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_name: notes\ntheme:\n  name: mkdocs\n  highlightjs: false\n"
        "plugins:\n  - archgen:\n      explain: false\n"
    )
    return config


def test_an_inline_architecture_is_drawn(tmp_path: Path) -> None:
    block = (
        "archgen: 1\nname: inline\ntitle: Inline\nregion: us-east-1\nresources:\n"
        "  users: {type: client}\n  api: {type: api_gateway, access_logging: true}\n"
        "connections:\n  - {from: users, to: api, protocol: https}\n"
    )
    config = _mini_site(tmp_path, block)
    done = build(config, tmp_path / "site")
    assert done.returncode == 0, done.stderr
    page = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert 'src="archgen/index/1/inline.svg"' in page
    assert "Why these services" not in page
    svg = tmp_path / "site" / "archgen" / "index" / "1" / "inline.svg"
    assert svg.read_bytes().startswith(b"<?xml")


INNER_FENCES = {
    "info string": ("```", "  ```yaml"),
    "four blanks": ("```", "    ```"),
    "other character": ("```", "  ~~~"),
    "shorter": ("````", "  ```"),
}
"""Lines inside a `description: |` that CommonMark does not read as closing the block's fence."""


@pytest.mark.parametrize(("fence", "inner"), INNER_FENCES.values(), ids=INNER_FENCES)
def test_a_fence_inside_the_yaml_does_not_end_the_block(
    tmp_path: Path, fence: str, inner: str
) -> None:
    indent = inner[: len(inner) - len(inner.lstrip())]
    block = (
        f"archgen: 1\nname: inline\ntitle: Inline\nregion: us-east-1\ndescription: |\n"
        f"{inner}\n{indent}example\n{inner}\nresources:\n"
        "  users: {type: client}\n  api: {type: api_gateway, access_logging: true}\n"
        "connections:\n  - {from: users, to: api, protocol: https}\n"
    )
    config = _mini_site(tmp_path, block, fence)
    done = build(config, tmp_path / "site")
    assert done.returncode == 0, done.stderr
    page = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert 'src="archgen/index/1/inline.svg"' in page
    assert "api_gateway" not in page
    assert "<p>After the block.</p>" in page


def test_a_broken_architecture_fails_the_build_at_its_line(tmp_path: Path) -> None:
    block = "archgen: 1\nname: broken\ntitle: B\nregion: us-east-1\nresources:\n  x: {type: rdss}\n"
    config = _mini_site(tmp_path, block)
    done = build(config, tmp_path / "site")
    assert done.returncode != 0
    page = tmp_path / "docs" / "index.md"
    assert f"{page}:9:13: unknown resource type 'rdss' (did you mean 'rds'?)" in done.stderr


def test_no_user_code_runs(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    block = f"archgen: 1\nname: !!python/object/apply:os.system ['touch {marker}']\n"
    config = _mini_site(tmp_path, block)
    done = build(config, tmp_path / "site")
    assert done.returncode != 0
    assert not marker.exists()


SITE_CONFIG = (
    "site_name: notes\ntheme:\n  name: mkdocs\n  highlightjs: false\n"
    "markdown_extensions: [attr_list, md_in_html, def_list]\n"
    "plugins:\n  - archgen\n"
)
"""A site with the extensions course notes often add; attr_list can set attributes."""


def _site(tmp_path: Path, pages: dict[str, str]) -> Path:
    """Write a MkDocs project with `pages` (path: Markdown); return its config."""
    for name, text in pages.items():
        page = tmp_path / "docs" / name
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(text, encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text(SITE_CONFIG, encoding="utf-8")
    return config


def _between_markers(page: str) -> str:
    """Return the part of a built page the archgen blocks made (the theme has scripts)."""
    return page.split("<p>BEGIN</p>", 1)[1].split("<p>END</p>", 1)[0]


def test_hostile_blocks_make_no_script(tmp_path: Path) -> None:
    write_hostile(tmp_path, "capstone", COMBINED, COMBINED)
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    inline = write_hostile(scratch, "every-type", COMBINED, COMBINED).read_text(encoding="utf-8")
    page = (
        "# Notes\n\nBEGIN\n\n```archgen\nfile: ../capstone.yaml\n```\n\n"
        f"```archgen\n{inline}```\n\nEND\n"
    )
    config = _site(tmp_path, {"index.md": page})
    done = build(config, tmp_path / "site")
    assert done.returncode == 0, done.stderr
    built = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    made = _between_markers(built)
    assert made.count("<figure") == 2
    assert ".png" not in made  # each explanation's own image gave way to the figure
    assert "How traffic flows" in made
    assert_safe_html(made)
    for svg in (tmp_path / "site" / "archgen").glob("**/*.svg"):
        assert "<script" not in svg.read_text(encoding="utf-8").lower()


def _small(name: str, title: str, backend: str) -> str:
    return (
        f"archgen: 1\nname: {name}\ntitle: {title}\nregion: us-east-1\nresources:\n"
        f"  users: {{type: client}}\n  {backend}: {{type: api_gateway, access_logging: true}}\n"
        f"connections:\n  - {{from: users, to: {backend}, protocol: https}}\n"
    )


def test_architectures_with_one_name_keep_their_own_diagrams(tmp_path: Path) -> None:
    first, second, third = (_small("same", f"Design {n}", n) for n in ("one", "two", "three"))
    config = _site(
        tmp_path,
        {
            "a.md": f"# A\n\n```archgen\n{first}```\n",
            "b/index.md": f"# B\n\n```archgen\n{second}```\n\n```archgen\n{third}```\n",
        },
    )
    done = build(config, tmp_path / "site")
    assert done.returncode == 0, done.stderr
    site = tmp_path / "site"
    shown = {}
    for page in ("a/index.html", "b/index.html"):
        html = (site / page).read_text(encoding="utf-8")
        for source in re.findall(r'<img class="archgen-diagram" src="([^"]+)"', html):
            shown[source] = (site / page).parent.joinpath(source).resolve()
    assert sorted(shown) == [
        "../archgen/a/1/same.svg",
        "../archgen/b/index/1/same.svg",
        "../archgen/b/index/2/same.svg",
    ]
    drawn = [path.read_text(encoding="utf-8") for path in shown.values()]
    for svg, backend in zip(drawn, ("one", "two", "three"), strict=True):
        assert f">{backend}<" in svg
        assert all(f">{other}<" not in svg for other in {"one", "two", "three"} - {backend})


def test_pages_whose_folders_would_collide_fail_the_build(tmp_path: Path) -> None:
    block = _small("same", "Same", "api")
    pages = {
        "a b.md": f"# A\n\n```archgen\n{block}```\n",
        "a_b.md": f"# B\n\n```archgen\n{block}```\n",
    }
    done = build(_site(tmp_path, pages), tmp_path / "site")
    assert done.returncode != 0
    assert "another archgen block already writes archgen/a_b/1/same.svg" in done.stderr


@pytest.mark.parametrize("link", [False, True], ids=["path", "symlink"])
def test_a_file_block_reads_only_inside_the_project(tmp_path: Path, link: bool) -> None:
    outside = tmp_path / "outside.yaml"
    shutil.copy(ARCHITECTURES / "capstone.yaml", outside)
    project = tmp_path / "project"
    named = "inside.yaml" if link else "../../outside.yaml"
    config = _site(project, {"index.md": f"# N\n\n```archgen\nfile: {named}\n```\n"})
    if link:
        (project / "docs" / "inside.yaml").symlink_to(outside)
    done = build(config, tmp_path / "site")
    assert done.returncode != 0
    assert f"file: {named} is outside the project" in done.stderr
    assert not (tmp_path / "site" / "archgen").exists()


def test_a_story_block_reads_only_inside_the_project_and_places_bad_input(
    tmp_path: Path,
) -> None:
    outside = tmp_path / "outside.yaml"
    shutil.copy(ARCHITECTURES / "capstone.yaml", outside)
    project = tmp_path / "project"
    broken = "archgen: 1\nname: Bad\ntitle: B\nregion: us-east-1\nresources: {}\n"
    config = _site(
        project,
        {
            "index.md": "# N\n\n```archgen\nbefore: ../../outside.yaml\nafter: b.yaml\n```\n",
            "b.yaml": broken,
        },
    )
    done = build(config, tmp_path / "site")
    assert done.returncode != 0
    assert "file: ../../outside.yaml is outside the project" in done.stderr
    index = project / "docs" / "index.md"
    index.write_text("# N\n\n```archgen\nbefore: b.yaml\nafter: b.yaml\n```\n", "utf-8")
    done = build(config, tmp_path / "site")
    assert done.returncode != 0
    assert "b.yaml:2:7: name 'Bad' must be a slug" in done.stderr


def test_a_symlink_planted_in_the_site_is_not_followed(tmp_path: Path) -> None:
    site, elsewhere = tmp_path / "site", tmp_path / "docs"
    site.mkdir()
    elsewhere.mkdir()
    (site / "archgen").symlink_to(elsewhere)
    with pytest.raises(PluginError, match="outside the site folder"):
        _write_inside(site, "archgen/index/1/same.svg", b"<svg/>")
    assert list(elsewhere.iterdir()) == []
    (site / "diagram.svg").symlink_to(elsewhere / "source.md")
    _write_inside(site, "diagram.svg", b"<svg/>")
    assert not (elsewhere / "source.md").exists()
    assert (site / "diagram.svg").read_bytes() == b"<svg/>"


def test_a_block_draws_the_network_view(tmp_path: Path) -> None:
    shutil.copy(ARCHITECTURES / "capstone.yaml", tmp_path / "capstone.yaml")
    block = "file: ../capstone.yaml\nview: network\n"
    done = build(_mini_site(tmp_path, block), tmp_path / "site")
    assert done.returncode == 0, done.stderr
    page = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert 'src="archgen/index/1/capstone.network.svg"' in page
    svg = (tmp_path / "site" / "archgen" / "index" / "1" / "capstone.network.svg").read_text()
    assert ">App</text>" in svg  # a security group's box, named in two lines
    assert ">security group</text>" in svg
    assert "0.0.0.0/0 → nat&#45;a" in svg


@pytest.mark.parametrize(
    ("options", "said"),
    [
        ("view: netwrk", "5:7: view is one of default, network (got 'netwrk')"),
        ("veiw: network", "5:1: unknown option 'veiw' (did you mean 'view'?)"),
    ],
    ids=["an unknown view at its value", "an unknown option at its key, with a suggestion"],
)
def test_a_wrong_option_fails_the_build_at_its_place(
    tmp_path: Path, options: str, said: str
) -> None:
    shutil.copy(ARCHITECTURES / "capstone.yaml", tmp_path / "capstone.yaml")
    done = build(_mini_site(tmp_path, f"file: ../capstone.yaml\n{options}\n"), tmp_path / "site")
    assert done.returncode != 0
    assert f"{tmp_path / 'docs' / 'index.md'}:{said}" in done.stderr
