"""Digests of archgen's own code that a docstring or a comment does not change.

An output's fingerprints cover code, so that a change to what archgen draws
is a change to the output; a change to what its code says about itself is
none. Each module is digested as its text without comments, docstrings and
blank lines: the same text under every Python release, where an `ast.dump`
would differ from one release to the next and make CI and a developer's
machine disagree about every output.

Reading the whole package that way takes a few hundred milliseconds, far
more than the quick check may spend, so the package's digest is cached in
`${XDG_CACHE_HOME:-~/.cache}/archgen/`, under the digest of the package's
exact bytes; so is the digest of each set of modules a picture is drawn by
(parsing them cost a render of every format some 30 ms of CPU time). A
missing, unreadable, unwritable or damaged cache only costs that time again:
the digest is computed and, where possible, written anew.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import ast

_PACKAGE = Path(__file__).resolve().parent.parent
_SCHEME = b"archgen-code-v1\0"
"""Changes whenever the way of digesting changes, so an older cache entry is never read."""
_HEX = re.compile(r"[0-9a-f]{64}")


@functools.cache
def _sources() -> tuple[tuple[str, bytes], ...]:
    """Return each of archgen's source files by its path inside the package, with its bytes.

    Every render reads them all, for the fingerprints: os.walk and open on
    plain strings take two thirds of the time of pathlib's rglob and read_bytes,
    with the same files (no linked folder followed) in the same order (by
    their parts, as paths sort).
    """
    return sources_in(str(_PACKAGE))


def sources_in(root: str) -> tuple[tuple[str, bytes], ...]:
    """Return each `*.py` file under `root` by its path there (with `/`), with its bytes."""
    names = sorted(_names(root), key=lambda name: name.split("/"))
    return tuple((name, _read(f"{root}/{name}")) for name in names)


def _names(root: str) -> Iterator[str]:
    """Yield the path inside `root` (with `/`) of every `*.py` file there, at any depth."""
    for folder, _, files in os.walk(root):
        inside = folder[len(root) + 1 :].replace(os.sep, "/")
        yield from (
            f"{inside}/{name}" if inside else name for name in files if name.endswith(".py")
        )


def _read(path: str) -> bytes:
    with open(path, "rb") as source:  # noqa: PTH123 (a str path: a Path for each of 260 files cost 1 ms)
        return source.read()


@functools.cache
def package_digest() -> str:
    """Return the digest of all of archgen's code, docstrings and comments left out.

    Kept for the run as well as in the cache folder: every output's input
    fingerprint asks for it, and without a usable cache folder each ask would
    read the whole package again.
    """
    return _cached(_package_key(), lambda: _digest(_sources()))


_LAYOUT_IMPORT = re.compile(rb"from archgen\.layout(?:\.(\w+))? import (\([^)]*\)|[^\n]*)")
"""`from archgen.layout.x import ...` or `from archgen.layout import x, y`, at any depth."""


@functools.cache
def layout_modules_run_by(start: str) -> tuple[str, ...]:
    """Return `start` (a path in the package) and every layout module it imports, at any depth.

    The pictures are what graphviz draws after archgen's tidy pass has moved its
    layout, so every module that pass runs is part of what makes them: a list
    kept by hand missed the modules added to the pass later.
    """
    sources = dict(_sources())
    found: set[str] = set()
    waiting = [start]
    while waiting:
        name = waiting.pop()
        if name in found or name not in sources:
            continue
        found.add(name)
        for module, names in layout_imports(sources[name]):
            parts = [module] if module else [n.strip(b" ()\n") for n in names.split(b",")]
            waiting += [f"layout/{part.decode()}.py" for part in parts if part]
    return tuple(sorted(found))


def layout_imports(source: bytes) -> Iterator[tuple[bytes, bytes]]:
    """Yield (module, names) of each import from archgen.layout that begins a line of `source`.

    `module` is empty for `from archgen.layout import x, y`. The search looks
    for the words and then at what precedes them on their line: a pattern
    anchored at every line start tried each character of the sources in turn,
    four times as long, on every render.
    """
    for match in _LAYOUT_IMPORT.finditer(source):
        line = source.rfind(b"\n", 0, match.start()) + 1
        if not source[line : match.start()].strip():
            yield match.group(1) or b"", match.group(2)


@functools.cache
def modules_digest(names: tuple[str, ...]) -> str:
    """Return the digest of the modules `names` (paths in the package), notes left out."""
    wanted = set(names)
    key = hashlib.sha256("\0".join(sorted(wanted)).encode()).hexdigest()[:16]
    return _cached(
        f"{_package_key()}-{key}",
        lambda: _digest(tuple((name, data) for name, data in _sources() if name in wanted)),
    )


@functools.cache
def _package_key() -> str:
    """Return the digest of the package's exact bytes: what the cache entries are kept under."""
    raw = hashlib.sha256(_SCHEME)
    for name, data in _sources():
        raw.update(name.encode() + b"\0" + hashlib.sha256(data).digest())
    return raw.hexdigest()


def _cached(key: str, compute: Callable[[], str]) -> str:
    """Return the digest kept in the cache under `key`, or compute it and keep it there."""
    cache = _cache_file(key)
    cached = _read_cache(cache) if cache is not None else None
    if cached is not None:
        return cached
    digest = compute()
    if cache is not None:
        _write_cache(cache, digest)
    return digest


def _digest(sources: tuple[tuple[str, bytes], ...]) -> str:
    digest = hashlib.sha256(_SCHEME)
    for name, data in sources:
        digest.update(name.encode() + b"\0" + hashlib.sha256(without_notes(data)).digest())
    return digest.hexdigest()


def without_notes(source: bytes) -> bytes:
    """Return a module's code without its comments, docstrings, trailing spaces and blank lines.

    A docstring is any statement that is a string alone (a module's, class's
    or function's docstring, or one under an attribute): it does nothing when
    run. It is left out when it fills its lines; one sharing a line with code
    is kept, which only ever makes a change count that need not. A module
    that does not parse is taken as it is.
    """
    import ast  # only on a cache miss: a render whose digests are cached needs none of them
    import io
    import tokenize

    text = source.decode("utf-8", "surrogateescape")
    try:
        tree = ast.parse(text)
        tokens = list(tokenize.generate_tokens(io.StringIO(text).readline))
    except (SyntaxError, ValueError, tokenize.TokenError):
        return source
    lines = text.splitlines()
    for token in tokens:
        if token.type == tokenize.COMMENT:
            row, column = token.start
            lines[row - 1] = lines[row - 1][:column]
    for node in _notes(tree):
        if _fills_its_lines(node, lines):
            for row in range(node.lineno, (node.end_lineno or node.lineno) + 1):
                lines[row - 1] = ""
    kept = (line.rstrip() for line in lines)
    return "\n".join(line for line in kept if line).encode("utf-8", "surrogateescape")


def _notes(tree: ast.AST) -> Iterator[ast.Expr]:
    """Yield every statement that is a string alone."""
    import ast

    for node in ast.walk(tree):
        if not isinstance(node, ast.Expr):
            continue
        if isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            yield node


def _fills_its_lines(node: ast.Expr, lines: list[str]) -> bool:
    """Return whether nothing but the string statement (and comments, gone) is on its lines."""
    first, last = node.lineno - 1, (node.end_lineno or node.lineno) - 1
    before = lines[first].encode()[: node.col_offset]  # offsets count UTF-8 bytes
    after = lines[last].encode()[node.end_col_offset :]
    return not before.strip() and not after.strip().strip(b";")


def cache_folder() -> Path | None:
    """Return archgen's folder in the user's cache, or None when there is no usable one.

    It lives outside every repository, so nothing a pull request commits can
    write there; what it holds only ever saves work, never decides alone.
    """
    named = os.environ.get("XDG_CACHE_HOME")
    try:
        root = Path(named) if named else Path("~/.cache").expanduser()
    except RuntimeError:  # no home folder to expand
        return None
    if not root.is_absolute():  # the XDG rule: a relative path is to be ignored
        return None
    return root / "archgen"


def _cache_file(key: str) -> Path | None:
    folder = cache_folder()
    return folder / f"code-{key}" if folder is not None else None


def _read_cache(cache: Path) -> str | None:
    try:
        text = cache.read_text(encoding="ascii").strip()
    except (OSError, ValueError):
        return None
    return text if _HEX.fullmatch(text) else None


def _write_cache(cache: Path, digest: str) -> None:
    """Write the entry whole or not at all: a reader sees the old file or the new one."""
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".code-", dir=cache.parent)
    except OSError:
        return
    try:
        with os.fdopen(handle, "w", encoding="ascii") as stream:
            stream.write(digest + "\n")
        Path(temporary).replace(cache)
    except OSError:
        Path(temporary).unlink(missing_ok=True)
