"""Renderers: each turns an architecture and its one layout into output files, as bytes."""
