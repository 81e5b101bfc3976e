"""Tests of the draw.io export, structural and in the real draw.io viewer."""
