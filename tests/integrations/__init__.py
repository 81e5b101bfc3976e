"""Tests of the pull-request and course-notes integrations."""
