"""tools/devenv.py: pip's package sources passed to uv, and folders cached once per user."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tools import devenv

SCRIPT = ROOT / "tools" / "devenv.py"


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Give the test a per-user cache of its own, where devenv keeps its folders."""
    home = tmp_path / "xdg"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    return home / "archgen-dev"


def writer(calls: list[Path], text: str = "v1") -> devenv.Installer:
    """Return an installer that records each call and writes one file into the staging folder."""

    def install(stage: Path) -> None:
        calls.append(stage)
        (stage / "lib.js").write_text(text, encoding="utf-8")

    return install


def test_pip_settings_become_uv_settings_with_pip_precedence() -> None:
    listing = "\n".join(
        [
            "global.cert='/etc/ssl/ca.crt'",
            "global.find-links='/opt/wheels'",
            "global.index-url='https://mirror.example/simple'",
            "global.extra-index-url='file:///opt/a/simple\\nfile:///opt/b/simple'",
            "install.index-url='https://install.example/simple'",
            ":env:.find-links='/srv/one /srv/two'",
            "global.timeout='60'",
            "freeze.index-url='https://ignored.example/simple'",
        ]
    )
    assert devenv.uv_settings(listing) == {
        "SSL_CERT_FILE": "/etc/ssl/ca.crt",
        "UV_FIND_LINKS": "/srv/one,/srv/two",
        "UV_DEFAULT_INDEX": "https://install.example/simple",
        "UV_INDEX": "file:///opt/a/simple file:///opt/b/simple",
        "UV_INDEX_STRATEGY": "unsafe-best-match",
    }


def test_no_pip_settings_leave_uv_on_its_defaults() -> None:
    assert devenv.uv_settings("global.timeout='60'\nglobal.cert=<unreadable>\n") == {}


def test_the_settings_of_the_real_pip_reach_uv(tmp_path: Path) -> None:
    config = tmp_path / "pip.conf"
    config.write_text("[global]\nindex-url = https://mirror.example/simple\n", encoding="utf-8")
    env = {
        "PATH": os.environ["PATH"],
        "HOME": str(tmp_path),
        "PIP_CONFIG_FILE": str(config),
        "PIP_FIND_LINKS": "/srv/one /srv/two",
        "PIP_TRUSTED_HOST": "mirror.example",
    }
    listing = subprocess.run(
        [sys.executable, "-m", "pip", "config", "list"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    settings = devenv.uv_settings(listing)
    assert settings["UV_DEFAULT_INDEX"] == "https://mirror.example/simple"
    assert settings["UV_FIND_LINKS"] == "/srv/one,/srv/two"
    assert settings["UV_INSECURE_HOST"] == "mirror.example"


def test_a_folder_is_installed_once_and_linked_into_every_clone(
    tmp_path: Path, cache_home: Path
) -> None:
    calls: list[Path] = []
    first, second = tmp_path / "a" / ".cache" / "lib", tmp_path / "b" / ".cache" / "lib"
    folder = devenv.provide(first, "lib-1.0", writer(calls))
    assert devenv.provide(second, "lib-1.0", writer(calls)) == folder == cache_home / "lib-1.0"
    assert len(calls) == 1
    assert calls[0] != folder, "the install went into a staging folder, renamed at the end"
    assert first.readlink() == second.readlink() == folder
    assert (second / "lib.js").read_text(encoding="utf-8") == "v1"
    assert sorted(path.name for path in cache_home.iterdir()) == ["lib-1.0"]


def test_a_new_version_replaces_the_link_or_an_old_real_folder(
    tmp_path: Path, cache_home: Path
) -> None:
    link = tmp_path / ".cache" / "lib"
    link.mkdir(parents=True)
    (link / "old.js").write_text("installed in the clone", encoding="utf-8")
    devenv.provide(link, "lib-1.0", writer([]))
    devenv.provide(link, "lib-2.0", writer([], "v2"))
    assert link.readlink() == cache_home / "lib-2.0"
    assert (link / "lib.js").read_text(encoding="utf-8") == "v2"
    assert (cache_home / "lib-1.0" / "lib.js").is_file(), "other clones may still use it"


def test_a_failed_install_leaves_nothing_and_a_broken_folder_is_redone(
    tmp_path: Path, cache_home: Path
) -> None:
    def fail(stage: Path) -> None:
        (stage / "half.js").write_text("", encoding="utf-8")
        raise subprocess.CalledProcessError(1, ["npm", "install"])

    with pytest.raises(subprocess.CalledProcessError):
        devenv.provide(tmp_path / "lib", "lib-1.0", fail)
    assert not cache_home.exists() or list(cache_home.iterdir()) == []
    (cache_home / "lib-1.0").mkdir(parents=True)  # an install cut short, before the rename
    calls: list[Path] = []
    devenv.provide(tmp_path / "lib", "lib-1.0", writer(calls))
    assert len(calls) == 1
    assert (tmp_path / "lib" / devenv.STAMP).is_file()


def test_the_command_line_installs_with_a_command_into_the_staging_folder(
    tmp_path: Path,
) -> None:
    write = "import pathlib, sys; (pathlib.Path(sys.argv[1]) / 'x.txt').write_text(sys.argv[1])"
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "xdg")}
    link = tmp_path / "clone" / ".cache" / "x"
    command = [sys.executable, str(SCRIPT), "provide", str(link), "x-1", "--"]
    for _ in range(2):
        subprocess.run([*command, sys.executable, "-c", write, "{}"], env=env, check=True)
    staged = Path((link / "x.txt").read_text(encoding="utf-8"))
    assert staged.parent == link.resolve().parent == tmp_path / "xdg" / "archgen-dev"
    assert staged.name.startswith(".x-1.part-")
    assert link.resolve().name == "x-1"
