"""Best-practice rules: one rule per module, listed by hand in `registry`."""
