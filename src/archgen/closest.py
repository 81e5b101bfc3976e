"""The choice closest to a mistyped word, for the "did you mean" of a message.

Only a file with a mistake asks, so difflib is imported on the first ask: a
run over valid files (a render) never loads it.
"""

from __future__ import annotations

from collections.abc import Iterable


def closest(word: str, choices: Iterable[str], cutoff: float = 0.6) -> str | None:
    """Return the choice most like `word` when it is at least `cutoff` alike, else None."""
    import difflib

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=cutoff)
    return close[0] if close else None
