"""What the user's cache remembers of outputs found current, so no run proves it twice.

An output found current though its stamp says otherwise is never rewritten
for the stamp alone: an archgen release whose code draws the same would then
rewrite every committed output. Instead a note is kept, named by a digest of
what was proved and of the output's own bytes, so an output edited afterwards
matches no note:
- drawn: drawing the design with today's code gave the very picture the
  output holds (a code change that draws the same); a full load then takes
  it as current without drawing it again.
- vouched: the output is current for today's input fingerprint; the quick
  path then takes it without loading the design at all.
The notes live in the user's cache, outside every repository, so nothing a
pull request commits can write one. CI starts without a cache: it proves the
same by drawing, once a run.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from archgen.render.code_digest import cache_folder
from archgen.render.stamp import Output, read_output


def vouch(target: Path, fmt: str, inputs: str) -> None:
    """Remember that `target` was found current for the input fingerprint `inputs`.

    An edit that changes no picture (a comment in the design, an archgen
    release that draws the same) leaves each output's stamp as it was;
    without this note the quick path would never match again, and every later
    check would load every design.
    """
    shown = read_output(target, fmt)
    if shown is not None and not shown.made_from(inputs):
        _write(_vouch_file(inputs, shown))


def vouched(inputs: str, shown: Output) -> bool:
    """Return whether `shown` was found current for the input fingerprint `inputs`."""
    return _exists(_vouch_file(inputs, shown))


def note_drawn(target: Path, fmt: str, content: str) -> None:
    """Remember that drawing `target`'s design with today's code gave the picture it holds.

    `content` is today's content fingerprint of the output, which its stamp
    does not carry (it was drawn by code that differs, but draws the same).
    """
    shown = read_output(target, fmt)
    if shown is not None and not shown.shows(content):
        _write(_drawn_file(content, shown))


def drawn(content: str, shown: Output) -> bool:
    """Return whether today's code was found to draw `shown`'s picture for `content`."""
    return _exists(_drawn_file(content, shown))


def _vouch_file(inputs: str, shown: Output) -> Path | None:
    """Name the note for these exact output bytes (their stamp and body) and these inputs."""
    key = hashlib.sha256(b"archgen-current\0" + inputs.encode("ascii"))
    key.update(shown.content.encode("ascii") + b"\0" + shown.body)
    return _in_cache(key.hexdigest())


def _drawn_file(content: str, shown: Output) -> Path | None:
    """Name the note for this picture (the output without its stamp) and this content."""
    key = hashlib.sha256(b"archgen-drawn\0" + content.encode("ascii") + b"\0" + shown.body)
    return _in_cache(key.hexdigest())


def _in_cache(name: str) -> Path | None:
    folder = cache_folder()
    return folder / "current" / name if folder is not None else None


def _exists(note: Path | None) -> bool:
    return note is not None and note.is_file()


def _write(note: Path | None) -> None:
    if note is None or note.exists():
        return
    try:
        note.parent.mkdir(parents=True, exist_ok=True)
        note.touch()
    except OSError:  # an unusable cache only costs the proof again next time
        return
