"""The development set-up behind the Makefile: stdlib-only scripts run before .venv exists."""
