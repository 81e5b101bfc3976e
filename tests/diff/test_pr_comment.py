"""The sticky pull-request comment against a local HTTP server standing in for GitHub's API.

Real HTTP on a real socket: the server records each exchange (method, path,
token, body) and keeps the comments as GitHub would, so the test sees what
archgen sends and what it does with the answers.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from click.testing import CliRunner

from archgen.cli import main
from archgen.commands.pr_comment import MARKER, MAX_BODY, comment_body
from tests.diff import variants

REPO = "course/capstone"
PR = 7


@dataclass
class FakeGitHub:
    """What the stand-in holds: the pull request's comments, and every request it saw."""

    comments: list[dict[str, Any]] = field(default_factory=list)
    exchanges: list[tuple[str, str, str, str]] = field(default_factory=list)
    read_only: bool = False
    login: str | None = None
    """The token's user for `GET /user`; None: an installation token, which gets 403."""
    writer: str = "github-actions[bot]"
    """Who the comments the token writes are by."""
    url: str = ""


class _Handler(BaseHTTPRequestHandler):
    """GitHub's comment API as the test needs it, over the state of one test."""

    state: FakeGitHub

    def _answer(self, status: int, value: object) -> None:
        data = json.dumps(value).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _record(self) -> dict[str, Any]:
        length = int(self.headers.get("Content-Length") or 0)
        body = json.loads(self.rfile.read(length)) if length else {}
        token = self.headers.get("Authorization", "")
        self.exchange = (self.command, self.path, token, body.get("body", ""))
        self.state.exchanges.append(self.exchange)
        return dict(body)

    def do_GET(self) -> None:
        self._record()
        if self.path == "/user":
            self._user()
            return
        query = parse_qs(urlsplit(self.path).query)
        size, page = int(query["per_page"][0]), int(query["page"][0])
        self._answer(200, self.state.comments[(page - 1) * size : page * size])

    def _user(self) -> None:
        if self.state.login is None:
            self._answer(403, {"message": "Resource not accessible by integration"})
        else:
            self._answer(200, {"login": self.state.login, "type": "User"})

    def do_POST(self) -> None:
        body = self._record()
        if self.state.read_only:
            self._answer(403, {"message": "Resource not accessible by integration"})
            return
        user = {
            "login": self.state.writer,
            "type": "Bot" if "[bot]" in self.state.writer else "User",
        }
        comment = {"id": 1000 + len(self.state.comments), "body": body["body"], "user": user}
        self.state.comments.append(comment)
        self._answer(201, comment)

    def do_PATCH(self) -> None:
        body = self._record()
        comment_id = int(self.path.rsplit("/", 1)[1])
        (comment,) = [c for c in self.state.comments if c["id"] == comment_id]
        if self.state.read_only or comment["user"]["login"] != self.state.writer:
            self._answer(403, {"message": "Must have admin rights to Repository."})
            return
        comment["body"] = body["body"]
        self._answer(200, comment)

    def log_message(self, format: str, *args: object) -> None:
        """Keep the test's output quiet."""


def _handler(state: FakeGitHub) -> type[BaseHTTPRequestHandler]:
    return type("Handler", (_Handler,), {"state": state})


@pytest.fixture
def github() -> Iterator[FakeGitHub]:
    state = FakeGitHub()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    state.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state
    server.shutdown()
    server.server_close()


def _run_in_actions(
    github: FakeGitHub, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, new: str
) -> tuple[int, str, str]:
    """Run `archgen diff --comment` as the Action does, in a job of pull request #7."""
    event = tmp_path / "event.json"
    event.write_text(json.dumps({"pull_request": {"number": PR}}), encoding="utf-8")
    summary = tmp_path / "summary.md"
    for name, value in {
        "GITHUB_TOKEN": "job-token",
        "GITHUB_REPOSITORY": REPO,
        "GITHUB_EVENT_PATH": str(event),
        "GITHUB_API_URL": github.url,
        "GITHUB_STEP_SUMMARY": str(summary),
    }.items():
        monkeypatch.setenv(name, value)
    monkeypatch.chdir(tmp_path)
    Path("old.yaml").write_text(variants.CAPSTONE, encoding="utf-8")
    Path("new.yaml").write_text(new, encoding="utf-8")
    args = ["diff", "old.yaml", "new.yaml", "--format", "json", "--comment"]
    result = CliRunner().invoke(main, args)
    return result.exit_code, result.stderr, summary.read_text(encoding="utf-8")


def test_first_push_creates_the_comment_and_the_next_updates_it(
    github: FakeGitHub, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reviewer = {"login": "reviewer", "type": "User"}
    github.comments = [
        {"id": n, "body": f"a reviewer's remark {n}", "user": reviewer} for n in range(1, 131)
    ]
    code, said, summary = _run_in_actions(github, tmp_path, monkeypatch, variants.BASTION)
    assert (code, said) == (0, f"posted the diff on pull request #{PR}\n")
    listing = f"/repos/{REPO}/issues/{PR}/comments?per_page=100"
    assert [exchange[:3] for exchange in github.exchanges] == [
        ("GET", "/user", "Bearer job-token"),
        ("GET", f"{listing}&page=1", "Bearer job-token"),
        ("GET", f"{listing}&page=2", "Bearer job-token"),
        ("POST", f"/repos/{REPO}/issues/{PR}/comments", "Bearer job-token"),
    ]
    posted = github.comments[-1]
    assert posted["body"] == f"{MARKER}\n{summary}"
    assert "- opens tcp 22 on `bastion` to the internet\n" in posted["body"]

    github.exchanges.clear()
    code, said, _ = _run_in_actions(github, tmp_path, monkeypatch, variants.ONE_ZONE_DB)
    assert (code, said) == (0, f"updated the diff comment 1130 on pull request #{PR}\n")
    assert [exchange[:2] for exchange in github.exchanges] == [
        ("GET", "/user"),
        ("GET", f"{listing}&page=1"),
        ("GET", f"{listing}&page=2"),
        ("PATCH", f"/repos/{REPO}/issues/comments/1130"),
    ]
    assert len(github.comments) == 131  # still one comment of archgen's
    assert "- `db` loses `us-east-1b`" in github.comments[-1]["body"]
    assert "bastion" not in github.comments[-1]["body"]


def test_a_fork_token_posts_nothing_and_says_so(
    github: FakeGitHub, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    github.read_only = True
    code, said, summary = _run_in_actions(github, tmp_path, monkeypatch, variants.BASTION)
    assert code == 0
    assert said == (
        f"the token cannot comment on pull request #{PR}: GitHub answered 403 (Resource not "
        "accessible by integration); a read-only token (as on a pull request from a fork) "
        "posts nothing; the job summary has the diff\n"
    )
    assert [exchange[0] for exchange in github.exchanges] == ["GET", "GET", "POST"]
    assert github.comments == []
    assert "- opens tcp 22 on `bastion` to the internet\n" in summary


HOSTILE = f"{MARKER}\nNothing to see here, archgen says safe"


@pytest.mark.parametrize("login", [None, "platform-ci"])
def test_a_comment_someone_else_wrote_with_the_marker_is_never_edited(
    github: FakeGitHub, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, login: str | None
) -> None:
    github.login = login
    github.writer = login or "github-actions[bot]"
    attacker = {"login": "attacker", "type": "User"}
    github.comments = [{"id": 7, "body": HOSTILE, "user": attacker}]
    code, said, summary = _run_in_actions(github, tmp_path, monkeypatch, variants.BASTION)
    assert (code, said) == (0, f"posted the diff on pull request #{PR}\n")
    assert github.comments[0] == {"id": 7, "body": HOSTILE, "user": attacker}
    assert [exchange[0] for exchange in github.exchanges] == ["GET", "GET", "POST"]
    assert github.comments[1]["body"] == f"{MARKER}\n{summary}"

    github.exchanges.clear()  # the next push finds archgen's own comment, not the attacker's
    code, said, _ = _run_in_actions(github, tmp_path, monkeypatch, variants.ONE_ZONE_DB)
    assert (code, said) == (0, f"updated the diff comment 1001 on pull request #{PR}\n")
    assert github.exchanges[-1][:2] == ("PATCH", f"/repos/{REPO}/issues/comments/1001")
    assert github.comments[0]["body"] == HOSTILE


def test_a_refused_update_says_what_github_said(
    github: FakeGitHub, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bot = {"login": "github-actions[bot]", "type": "Bot"}
    github.comments = [{"id": 9, "body": f"{MARKER}\nold", "user": bot}]
    github.read_only = True
    code, said, _ = _run_in_actions(github, tmp_path, monkeypatch, variants.BASTION)
    assert code == 0
    assert said == (
        f"GitHub refused to update archgen's comment 9 on pull request #{PR}: 403 (Must have "
        "admin rights to Repository.); the job summary has the diff\n"
    )
    assert github.comments[0]["body"] == f"{MARKER}\nold"


def test_outside_a_pull_request_comment_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GITHUB_TOKEN", raising=False)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    path = tmp_path / "a.yaml"
    path.write_text(variants.CAPSTONE, encoding="utf-8")
    result = CliRunner().invoke(main, ["diff", str(path), str(path), "--comment"])
    assert result.exit_code == 2
    assert "--comment runs in GitHub Actions; GITHUB_TOKEN" in result.stderr


def test_a_diff_too_long_for_a_comment_is_cut_with_a_note() -> None:
    body = comment_body("x" * (MAX_BODY * 2))
    assert len(body) == MAX_BODY
    assert body.startswith(MARKER)
    assert body.endswith("the job summary has all of it.*\n")


def test_a_long_diff_drops_its_pictures_before_cutting_the_tables() -> None:
    picture = "```mermaid\nflowchart TB\n" + "  n_a --> n_b\n" * (MAX_BODY // 10) + "```"
    body = comment_body(f"# tables first\n\n{picture}\n\n| the | table |\n")
    assert "```mermaid" not in body
    assert "The picture is left out" in body
    assert body.endswith("| the | table |\n")


def test_an_invalid_new_file_replaces_the_comment_with_where_it_is_invalid(
    github: FakeGitHub, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bot = {"login": "github-actions[bot]", "type": "Bot"}
    github.comments = [{"id": 9, "body": f"{MARKER}\nthe last push's diff", "user": bot}]
    code, said, summary = _run_in_actions(
        github, tmp_path, monkeypatch, variants.CAPSTONE.replace("name: capstone", "name: [x")
    )
    assert code == 2
    assert f"updated the diff comment 9 on pull request #{PR}" in said
    body = github.comments[0]["body"]
    assert body == f"{MARKER}\n{summary}"
    assert "The change cannot be compared" in body
    assert "`new.yaml:4:6`: while parsing a flow sequence" in body
