"""Course notes: the MkDocs plugin in a real `mkdocs build --strict`, the page in a real browser."""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from mkdocs.exceptions import PluginError

from archgen.mkdocs_plugin import _write_inside
from tests.browser import ask
from tests.conftest import ARCHITECTURES, ROOT
from tests.drawio.viewer import VIEWER, require_viewer
from tests.explain.hostile import COMBINED, assert_safe_html, write_hostile
from tests.phrases import assert_says

ARTIFACTS = ROOT / "test-artifacts" / "mkdocs"


@dataclass(frozen=True)
class Built:
    """How `mkdocs build` ended: its exit status, and what it said on standard error."""

    returncode: int
    stderr: str


def _build(config: Path, site: Path) -> Built:
    """Run `mkdocs build --strict` through mkdocs' own command line, in this process.

    What is tested is archgen's plugin in a real build, found as mkdocs finds
    plugins; a process of its own only added Python's start and mkdocs' imports
    to every build, and drew again the designs the session has drawn.
    """
    from mkdocs.__main__ import cli

    args = ["build", "--strict", "-f", str(config), "-d", str(site)]
    result = CliRunner().invoke(cli, args)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception  # a crash is no build failure: show its traceback
    return Built(result.exit_code, result.stderr)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("site")
    done = _build(ROOT / "mkdocs.yml", target)
    assert done.returncode == 0, done.stderr
    return target


def test_the_site_has_the_diagrams_and_drawio_files(site: Path) -> None:
    written = sorted(p.relative_to(site).as_posix() for p in site.glob("archgen/**/*.*"))
    redesign = [(2, "employee-directory-ec2"), (3, "employee-directory-serverless")]
    gallery = sorted((ARCHITECTURES / "gallery").glob("*.yaml"))
    assert written == sorted(
        [
            f"archgen/architectures/{path.stem}/1/{path.stem}.{ext}"
            for path in ARCHITECTURES.glob("*.yaml")
            for ext in ("svg", "drawio")
        ]
        + [
            f"archgen/architectures/redesign/{n}/{stem}.{ext}"
            for n, stem in redesign
            for ext in ("svg", "drawio")
        ]
        + [
            f"archgen/architectures/gallery/{n}/gallery-{path.stem}.{ext}"
            for n, path in enumerate(gallery, 1)
            for ext in ("svg", "drawio")
        ]
    )
    page = (site / "architectures" / "capstone" / "index.html").read_text(encoding="utf-8")
    assert_says(
        page,
        'src="../../archgen/architectures/capstone/1/capstone.svg"',
        'href="../../archgen/architectures/capstone/1/capstone.drawio"',
        "How traffic flows",
        "<strong>A3</strong>",
    )


def test_the_redesign_page_tells_the_story_before_the_two_designs(site: Path) -> None:
    page = (site / "architectures" / "redesign" / "index.html").read_text(encoding="utf-8")
    said = [
        '<h2 id="what-left">What left</h2>',
        "<li>Application Load Balancer: <code>alb</code></li>",
        '<h2 id="what-came">What came</h2>',
        "<li>AWS Lambda: <code>directory-fn</code></li>",
        "<li>It closes tcp 443 on <code>alb</code> to the internet.</li>",
        "The new one places none in a zone",
        "<li>fixes warning AG209 on <code>web</code>:",
        "17 before, 0 after.",
        '<h2 id="before-the-ec2-design">Before: the EC2 design</h2>',
        'src="../../archgen/architectures/redesign/2/employee-directory-ec2.svg"',
        'src="../../archgen/architectures/redesign/3/employee-directory-serverless.svg"',
    ]
    places = [page.find(text) for text in said]
    assert -1 not in places, [text for text, at in zip(said, places, strict=True) if at < 0]
    assert places == sorted(places)


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
    done = _build(config, tmp_path / "site")
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
    done = _build(config, tmp_path / "site")
    assert done.returncode == 0, done.stderr
    page = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert 'src="archgen/index/1/inline.svg"' in page
    assert "api_gateway" not in page
    assert "<p>After the block.</p>" in page


def test_a_broken_architecture_fails_the_build_at_its_line(tmp_path: Path) -> None:
    block = "archgen: 1\nname: broken\ntitle: B\nregion: us-east-1\nresources:\n  x: {type: rdss}\n"
    config = _mini_site(tmp_path, block)
    done = _build(config, tmp_path / "site")
    assert done.returncode != 0
    page = tmp_path / "docs" / "index.md"
    assert f"{page}:9:13: unknown resource type 'rdss' (did you mean 'rds'?)" in done.stderr


def test_no_user_code_runs(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    block = f"archgen: 1\nname: !!python/object/apply:os.system ['touch {marker}']\n"
    config = _mini_site(tmp_path, block)
    done = _build(config, tmp_path / "site")
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
    done = _build(config, tmp_path / "site")
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
    done = _build(config, tmp_path / "site")
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
    done = _build(_site(tmp_path, pages), tmp_path / "site")
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
    done = _build(config, tmp_path / "site")
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
    done = _build(config, tmp_path / "site")
    assert done.returncode != 0
    assert "file: ../../outside.yaml is outside the project" in done.stderr
    index = project / "docs" / "index.md"
    index.write_text("# N\n\n```archgen\nbefore: b.yaml\nafter: b.yaml\n```\n", "utf-8")
    done = _build(config, tmp_path / "site")
    assert done.returncode != 0
    assert "b.yaml:2:7: name 'Bad' must be a slug" in done.stderr


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """Keep the test output clean."""


@pytest.fixture
def served(site: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_the_capstone_page_in_a_real_browser(served: str) -> None:
    screenshot = ARTIFACTS / "capstone.png"
    screenshot.parent.mkdir(parents=True, exist_ok=True)
    require_viewer()
    url = f"{served}/architectures/capstone/"
    report = ask(VIEWER, "page", [str(VIEWER), url, str(screenshot)], timeout=120)
    assert (report["pageErrors"], report["consoleErrors"]) == ([], [])
    assert [image["src"] for image in report["images"]] == [
        "../../archgen/architectures/capstone/1/capstone.svg"
    ]
    assert report["images"][0]["naturalWidth"] > 1000
    text = report["text"]
    assert_says(
        text,
        "How traffic flows",
        "A1 Researchers and public → Application Load Balancer: HTTPS 443",
        "The answer comes back on the same connections: MySQL database",
        "The answer retraces these hops.",
        "app-nacl out 100, db-nacl in 100 / db-nacl out 100, app-nacl in 120",
        "If us-east-1a fails",
    )
    assert screenshot.stat().st_size > 10_000


def test_the_readme_mkdocs_snippet_is_the_site_config() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "plugins:\n  - search\n  - archgen\n" in readme
    assert "plugins:\n  - search\n  - archgen\n" in (ROOT / "mkdocs.yml").read_text()
    assert shutil.which("node") is not None


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
    done = _build(_mini_site(tmp_path, block), tmp_path / "site")
    assert done.returncode == 0, done.stderr
    page = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert 'src="archgen/index/1/capstone.network.svg"' in page
    svg = (tmp_path / "site" / "archgen" / "index" / "1" / "capstone.network.svg").read_text()
    assert ">App</text>" in svg  # a security group's box, named in two lines
    assert ">security group</text>" in svg
    assert "0.0.0.0/0 → nat&#45;a" in svg


def test_an_unknown_view_fails_the_build_at_its_block(tmp_path: Path) -> None:
    shutil.copy(ARCHITECTURES / "capstone.yaml", tmp_path / "capstone.yaml")
    done = _build(_mini_site(tmp_path, "file: ../capstone.yaml\nview: netwrk\n"), tmp_path / "site")
    assert done.returncode != 0
    page = tmp_path / "docs" / "index.md"
    assert f"{page}:5:7: view is one of default, network (got 'netwrk')" in done.stderr


def test_an_unknown_option_is_named_at_its_key_with_a_suggestion(tmp_path: Path) -> None:
    shutil.copy(ARCHITECTURES / "capstone.yaml", tmp_path / "capstone.yaml")
    done = _build(
        _mini_site(tmp_path, "file: ../capstone.yaml\nveiw: network\n"), tmp_path / "site"
    )
    assert done.returncode != 0
    page = tmp_path / "docs" / "index.md"
    assert f"{page}:5:1: unknown option 'veiw' (did you mean 'view'?)" in done.stderr
