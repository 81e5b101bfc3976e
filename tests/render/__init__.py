"""Tests of the renderers, with the real graphviz."""
