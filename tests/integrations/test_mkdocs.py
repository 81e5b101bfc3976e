"""Course notes: the site of this project in a real `mkdocs build --strict`, in a real browser."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser import ask
from tests.conftest import ARCHITECTURES, ROOT
from tests.drawio.viewer import VIEWER, require_viewer
from tests.integrations.mkdocs_build import build
from tests.phrases import assert_says

ARTIFACTS = ROOT / "test-artifacts" / "mkdocs"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("site")
    done = build(ROOT / "mkdocs.yml", target)
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
