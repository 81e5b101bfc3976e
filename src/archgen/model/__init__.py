"""The typed, immutable model of an architecture (format v1)."""
