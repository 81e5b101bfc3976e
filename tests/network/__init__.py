"""Tests of the network analysis."""
