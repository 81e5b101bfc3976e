"""Assert that a text says each of several phrases, naming every one it lacks at once."""

from __future__ import annotations


def assert_says(text: str, *phrases: str) -> None:
    """Fail with the list of `phrases` missing from `text`, not only the first one.

    Explanation and page tests check a dozen sentences each; seeing all that
    are missing tells whether one wording changed or a whole section went.
    """
    missing = [phrase for phrase in phrases if phrase not in text]
    assert not missing, f"missing from the text: {missing}"
