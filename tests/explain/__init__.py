"""Tests of the Markdown explanation."""
