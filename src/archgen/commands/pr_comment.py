"""One sticky pull-request comment with the diff, updated in place on every push.

The comment is found again by a hidden marker on its first line, so each push
edits the same comment instead of adding one; only a comment the token's own
identity wrote counts, since anyone can write the marker and archgen must
never edit a stranger's words. The identity is `GET /user` for a personal
token; the job's `GITHUB_TOKEN` may not call it (403) and writes as
`github-actions[bot]`. The token needs only `pull-requests: write`; a pull
request from a fork runs with a read-only token, and GitHub answers 403:
archgen then posts nothing and says what GitHub said, since failing the
check would blame the contributor for the repository's settings.
Standard-library HTTP only: this runs once per pull request.
"""

from __future__ import annotations

import json
import os
import re
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from archgen.errors import UsageError
from archgen.safe_text import visible

MARKER = "<!-- archgen:diff -->"
MAX_BODY = 65536
"""GitHub refuses a comment longer than this many characters."""
_PICTURE = re.compile(r"```mermaid\n.*?```", re.DOTALL)
"""A Mermaid picture in the diff: its labels hold no backtick, so the first fence ends it."""
_NO_PICTURE = "*(The picture is left out: the comment would be longer than GitHub allows.)*"
_CUT = "\n\n*The diff is longer than a comment holds; the job summary has all of it.*\n"
_PAGE = 100
ACTIONS_BOT = "github-actions[bot]"
"""Who writes a comment with the job's `GITHUB_TOKEN`, which cannot ask `GET /user`."""


@dataclass(frozen=True)
class PullRequest:
    """Where the comment goes: the API, the repository, the pull request, and the token."""

    api: str
    repository: str
    number: int
    token: str


def pull_request_from_env(environ: Mapping[str, str] = os.environ) -> PullRequest:
    """Read the pull request of the running GitHub Actions job from its environment."""
    missing = [
        name
        for name in ("GITHUB_TOKEN", "GITHUB_REPOSITORY", "GITHUB_EVENT_PATH")
        if not environ.get(name)
    ]
    if missing:
        raise UsageError(f"--comment runs in GitHub Actions; {', '.join(missing)} is not set")
    try:
        event: Any = json.loads(Path(environ["GITHUB_EVENT_PATH"]).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise UsageError(f"--comment cannot read the event of this run: {error}") from None
    number = event.get("pull_request", {}).get("number") if isinstance(event, dict) else None
    if not isinstance(number, int):
        raise UsageError("--comment needs a pull_request event: this run has no pull request")
    api = environ.get("GITHUB_API_URL", "https://api.github.com").rstrip("/")
    return PullRequest(api, environ["GITHUB_REPOSITORY"], number, environ["GITHUB_TOKEN"])


def post_sticky(pull: PullRequest, markdown: str) -> str:
    """Create or update archgen's comment on the pull request; return what happened."""
    body = comment_body(markdown)
    client = _Client(pull)
    existing = _find(client, pull, own_login(client))
    try:
        if existing is None:
            client.call("POST", f"issues/{pull.number}/comments", {"body": body})
            return f"posted the diff on pull request #{pull.number}"
        client.call("PATCH", f"issues/comments/{existing}", {"body": body})
        return f"updated the diff comment {existing} on pull request #{pull.number}"
    except _Forbidden as refused:
        if existing is None:
            return (
                f"the token cannot comment on pull request #{pull.number}: GitHub answered "
                f"403 ({refused}); a read-only token (as on a pull request from a fork) "
                "posts nothing; the job summary has the diff"
            )
        return (
            f"GitHub refused to update archgen's comment {existing} on pull request "
            f"#{pull.number}: 403 ({refused}); the job summary has the diff"
        )


def own_login(client: _Client) -> str:
    """Return the login the token writes as: its user's, or the Actions bot's."""
    try:
        user = client.call("GET", "/user")
    except _Forbidden:  # an installation token, such as the job's GITHUB_TOKEN
        return ACTIONS_BOT
    login = user.get("login") if isinstance(user, dict) else None
    if not isinstance(login, str):
        raise UsageError("GitHub answered GET /user without a login")
    return login


def comment_body(markdown: str) -> str:
    """Return the comment: the marker that finds it again, then the diff, cut to fit."""
    body = f"{MARKER}\n{markdown}"
    if len(body) > MAX_BODY:  # the tables say more than the pictures: those go first
        body = _PICTURE.sub(_NO_PICTURE, body)
    if len(body) > MAX_BODY:
        body = body[: MAX_BODY - len(_CUT)] + _CUT
    return body


def _find(client: _Client, pull: PullRequest, login: str) -> int | None:
    """Return the id of the comment `login` wrote with archgen's marker, if there is one."""
    page = 1
    while True:
        path = f"issues/{pull.number}/comments?per_page={_PAGE}&page={page}"
        comments = client.call("GET", path)
        if not isinstance(comments, list):
            raise UsageError("GitHub answered the list of comments with something else")
        for comment in comments:
            if _written_by(comment, login) and str(comment.get("body", "")).startswith(MARKER):
                return int(comment["id"])
        if len(comments) < _PAGE:
            return None
        page += 1


def _written_by(comment: object, login: str) -> bool:
    """Whether `login` wrote the comment: anyone else's marker is only text."""
    user = comment.get("user") if isinstance(comment, dict) else None
    return isinstance(user, dict) and user.get("login") == login


class _Forbidden(Exception):
    """GitHub answered 403: its message says why (read-only token, no such right)."""


class _Client:
    """The few GitHub REST calls the comment needs, with the job's token."""

    def __init__(self, pull: PullRequest) -> None:
        self.api = pull.api
        self.base = f"{pull.api}/repos/{pull.repository}/"
        self.headers = {
            "Accept": "application/vnd.github+json",
            "Authorization": f"Bearer {pull.token}",
            "X-GitHub-Api-Version": "2022-11-28",
            "User-Agent": "archgen",
        }

    def call(self, method: str, path: str, payload: object = None) -> Any:  # GitHub's JSON
        data = None if payload is None else json.dumps(payload).encode("utf-8")
        headers = {**self.headers, **({"Content-Type": "application/json"} if data else {})}
        url = self.api + path if path.startswith("/") else self.base + path
        request = urllib.request.Request(url, data, headers, method=method)  # noqa: S310 (the API URL the runner sets)
        try:
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 (as above)
                return json.loads(response.read() or b"null")
        except urllib.error.HTTPError as error:
            message = visible(_message(error))
            if error.code == 403 and (method != "GET" or path == "/user"):
                raise _Forbidden(message) from None
            said = f"{error.code} {message}"
            raise UsageError(f"GitHub answered {method} {visible(path)} with {said}") from None
        except urllib.error.URLError as error:
            raise UsageError(
                f"cannot reach GitHub at {visible(self.base)}: {error.reason}"
            ) from None


def _message(error: urllib.error.HTTPError) -> str:
    """Return GitHub's own words for a refusal: its JSON `message`, else the HTTP reason."""
    try:
        said = json.loads(error.read() or b"null")
    except ValueError:
        said = None
    message = said.get("message") if isinstance(said, dict) else None
    return message if isinstance(message, str) else str(error.reason)
