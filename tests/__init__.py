"""Tests of archgen; the real pipeline, with the real files."""
