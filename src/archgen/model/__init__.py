"""The typed, immutable model of an architecture (format v1).

The modules that declare pydantic models do without `from __future__ import
annotations`: pydantic would read every field's annotation back from a string
with `eval`, at each start of archgen, which cost a render some 5 ms.
"""
