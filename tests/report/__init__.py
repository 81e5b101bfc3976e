"""Tests of the check reports."""
