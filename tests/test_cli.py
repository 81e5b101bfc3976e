"""The command line over the real pipeline: exit codes, formats, files and imports."""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from archgen.cli import main
from tests.conftest import ARCHITECTURES, ROOT, WriteArch, run_console_script

OVERLAP = (
    "archgen: 1\nname: t\ntitle: T\nregion: us-east-1\nresources:\n"
    "  vpc: {type: vpc, cidr: 10.0.0.0/16}\n"
    "  a: {type: subnet, vpc: vpc, zone: us-east-1a, cidr: 10.0.0.0/24, nacl: acl}\n"
    "  b: {type: subnet, vpc: vpc, zone: us-east-1b, cidr: 10.0.0.0/25, nacl: acl}\n"
    "  acl: {type: network_acl, vpc: vpc}\n"
)


def test_shipped_architectures_pass_with_only_warnings() -> None:
    shipped = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "architectures").glob("*.yaml"))
    with contextlib.chdir(ROOT):  # the gallery's findings are its goldens: tests/gallery
        result = CliRunner().invoke(main, ["check", "--format", "json", *shipped])
    assert result.exit_code == 0, result.output
    findings = json.loads(result.output)["findings"]
    assert [(f["file"], f["rule"], f["resource"], f["severity"]) for f in findings] == [
        # The original design's one fleet serves pages and logic: why the course redesigns it.
        ("architectures/employee-directory-ec2.yaml", "AG209", "web", "warning"),
    ]


def test_text_report_shows_the_line_and_a_caret(write_arch: WriteArch) -> None:
    path = write_arch(OVERLAP)
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 1
    assert result.output == (
        f"{path}:8:49: error AG001 b: CIDR 10.0.0.0/25 overlaps subnet a (10.0.0.0/24)\n"
        f" 8 |   b: {{type: subnet, vpc: vpc, zone: us-east-1b, cidr: 10.0.0.0/25, nacl: acl}}\n"
        f"   | {' ' * 48}^\n"
        "1 file checked: 1 error, 0 warnings, 0 notes\n"
    )


def test_json_report(write_arch: WriteArch) -> None:
    path = write_arch(OVERLAP)
    result = CliRunner().invoke(main, ["check", "--format", "json", str(path)])
    assert result.exit_code == 1
    assert json.loads(result.output) == {
        "findings": [
            {
                "rule": "AG001",
                "severity": "error",
                "file": str(path),
                "line": 8,
                "column": 49,
                "resource": "b",
                "message": "CIDR 10.0.0.0/25 overlaps subnet a (10.0.0.0/24)",
                "suppressed": False,
            }
        ],
        "summary": {"files": 1, "error": 1, "warning": 0, "note": 0, "suppressed": 0},
    }


def test_fail_on_never_exits_0(write_arch: WriteArch) -> None:
    result = CliRunner().invoke(main, ["check", "--fail-on", "never", str(write_arch(OVERLAP))])
    assert result.exit_code == 0
    assert "1 error" in result.output


def test_output_file(write_arch: WriteArch, tmp_path: Path) -> None:
    report = tmp_path / "out" / "report.json"
    result = CliRunner().invoke(
        main, ["check", "--format", "json", "--output", str(report), str(write_arch(OVERLAP))]
    )
    assert result.exit_code == 1
    assert result.output == ""
    assert json.loads(report.read_text(encoding="utf-8"))["summary"]["error"] == 1


def test_unknown_format_is_a_usage_error() -> None:
    result = CliRunner().invoke(main, ["check", "--format", "xml"])
    assert result.exit_code == 2
    assert "Invalid value for '--format'" in result.output


def test_a_mistyped_command_is_told_the_closest_of_them_all() -> None:
    """The commands of other modules are imported when asked for, and still suggested."""
    result = CliRunner().invoke(main, ["explian"])
    assert result.exit_code == 2
    assert "No such command 'explian'. Did you mean 'explain'?" in result.output


def test_schema_command_prints_json() -> None:
    result = CliRunner().invoke(main, ["schema"])
    assert result.exit_code == 0
    assert json.loads(result.output)["title"] == "archgen architecture (format v1)"


def _modules_after(code: str, folder: Path = ROOT) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys; print(' '.join(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
        cwd=folder,
    ).stdout
    return set(out.split())


HEAVY = {"archgen.layout.dot", "diagrams", "jinja2"}


def test_import_archgen_loads_no_renderer() -> None:
    assert _modules_after("import archgen") & HEAVY == set()


def test_check_loads_no_renderer() -> None:
    code = (
        "from click.testing import CliRunner\nfrom archgen.cli import main\n"
        "r = CliRunner().invoke(main, ['check', '--fail-on', 'never', 'architectures'])\n"
        "assert r.exit_code == 0"
    )
    modules = _modules_after(code)
    assert "archgen.loader" in modules
    assert modules & HEAVY == set()


def test_a_png_render_loads_only_what_a_picture_needs(tmp_path: Path) -> None:
    """No templates, no schema, and no search for pydantic plugins the command does not load."""
    setup = "import atexit, sys\natexit.register(lambda: print(' '.join(sys.modules)))"
    capstone = str(ROOT / "architectures" / "capstone.yaml")
    done = run_console_script(setup, "render", capstone, "--format", "png", "--out", str(tmp_path))
    assert done.returncode == 0, done.stderr
    modules = set(done.stdout.split())
    assert {"pydantic", "archgen.rules.engine", "archgen.layout.dot"} <= modules  # marked findings
    unused = {"importlib.metadata", "jinja2", "markdown", "jsonschema", "graphviz", "diagrams"}
    elsewhere = {
        "archgen.cli_diff",
        "archgen.cli_read",
        "archgen.layout.netview",
    }  # commands, views
    assert (unused | elsewhere) & modules == set()


def test_check_of_just_rendered_outputs_loads_no_model(tmp_path: Path) -> None:
    """A project of one design: the repository's twenty would only make the test longer."""
    project, out = tmp_path / "project", tmp_path / "out"
    (project / "architectures").mkdir(parents=True)
    shutil.copy(ROOT / "pyproject.toml", project)
    shutil.copy(ARCHITECTURES / "capstone.yaml", project / "architectures")
    with contextlib.chdir(project):
        assert CliRunner().invoke(main, ["render", "--out", str(out)]).exit_code == 0
    code = (
        "from click.testing import CliRunner\nfrom archgen.cli import main\n"
        f"r = CliRunner().invoke(main, ['render', '--check', '--out', {str(out)!r}])\n"
        "assert r.exit_code == 0 and r.stdout == '4 outputs checked: up to date\\n', r.output"
    )
    modules = _modules_after(code, project)
    assert "archgen.commands.files" in modules
    assert {"pydantic", "archgen.model", "archgen.loader", "archgen.layout.dot"} & modules == set()


def test_check_of_a_stale_explanation_does_not_write_one(tmp_path: Path) -> None:
    """Without --verify a stale explanation is only reported: no rules run, no template."""
    code = (
        "from click.testing import CliRunner\nfrom archgen.cli import main\n"
        f"args = ['render', 'architectures/capstone.yaml', '--check', '--out', {str(tmp_path)!r}]\n"
        "r = CliRunner().invoke(main, args)\n"
        "assert r.exit_code == 1 and r.stdout == '4 outputs checked: 4 missing\\n', r.output"
    )
    modules = _modules_after(code)
    assert "archgen.loader" in modules
    assert {"jinja2", "archgen.render.markdown", "archgen.rules.engine"} & modules == set()


def test_console_script_runs_without_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("archgen: 1\nname: [\n", encoding="utf-8")
    script = Path(sys.executable).parent / "archgen"
    done = subprocess.run([str(script), "check", str(bad)], capture_output=True, text=True)
    assert done.returncode == 2
    assert done.stderr.startswith(f"{bad}:3:1: ")
    assert "Traceback" not in done.stderr


def test_console_script_delivers_all_output_and_its_exit_code(tmp_path: Path) -> None:
    design = tmp_path / "single-az.yaml"
    source = (ROOT / "architectures" / "capstone.yaml").read_text(encoding="utf-8")
    design.write_text(source.replace("multi_az: true", "multi_az: false"), encoding="utf-8")
    script = Path(sys.executable).parent / "archgen"
    done = subprocess.run(
        [str(script), "check", "--format", "json", str(design)], capture_output=True, text=True
    )
    assert done.returncode == 1, done.stderr
    findings = json.loads(done.stdout)
    assert findings["summary"]["error"] >= 1


def test_console_script_ends_quietly_when_the_reader_leaves() -> None:
    reader, writer = os.pipe()
    fcntl.fcntl(writer, fcntl.F_SETPIPE_SZ, 4096)  # far smaller than the schema
    script = Path(sys.executable).parent / "archgen"
    with subprocess.Popen(
        [str(script), "schema"], stdout=writer, stderr=subprocess.PIPE
    ) as process:
        os.close(writer)
        assert os.read(reader, 10).startswith(b"{")
        os.close(reader)
        assert process.stderr is not None
        stderr = process.stderr.read().decode()
        assert process.wait() == 0  # as click and `head` treat a reader that has seen enough
    assert "Traceback" not in stderr
    assert "Exception ignored" not in stderr


def test_console_script_runs_atexit_handlers_and_keeps_its_exit_code(tmp_path: Path) -> None:
    """run() leaves through os._exit for speed, but what registered for the exit still runs."""
    done = run_console_script(
        "import atexit\natexit.register(lambda: print('handler ran', flush=False))",
        "check",
        str(tmp_path / "missing.yaml"),
    )
    assert done.returncode == 2, done.stderr
    assert done.stdout == "handler ran\n"
    assert "no such file or folder" in done.stderr


def test_python_dash_m_archgen_runs_the_command(write_arch: WriteArch) -> None:
    path = write_arch(OVERLAP)
    result = subprocess.run(
        [sys.executable, "-m", "archgen", "check", str(path)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    )
    assert result.returncode == 1, result.stderr
    assert "AG001" in result.stdout


def _pydantic_plugin(site: Path) -> str:
    """Install a pydantic plugin into `site` (a real entry point); return the setup to see it."""
    (site / "probe_plugin.py").write_text(
        "print('plugin loaded')\n"
        "class Probe:\n"
        "    def new_schema_validator(self, *args, **kwargs):\n"
        "        return None, None, None\n"
        "plugin = Probe()\n",
        encoding="utf-8",
    )
    dist = site / "probe_plugin-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: probe-plugin\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text("[pydantic]\nprobe = probe_plugin:plugin\n")
    return f"import sys\nsys.path.insert(0, {str(site)!r})"


@pytest.mark.parametrize(("setting", "loaded"), [(None, False), ("", True)])
def test_the_command_looks_for_pydantic_plugins_only_when_told(
    tmp_path: Path, setting: str | None, loaded: bool
) -> None:
    """Another package's plugin is not searched for nor run, unless the user's setting says so."""
    setup = _pydantic_plugin(tmp_path)
    if setting is not None:
        setup += f"\nimport os\nos.environ['PYDANTIC_DISABLE_PLUGINS'] = {setting!r}"
    done = run_console_script(setup, "check", str(ROOT / "architectures" / "capstone.yaml"))
    assert done.returncode == 0, done.stderr
    assert ("plugin loaded" in done.stdout) is loaded
