"""AG6xx: the design can be operated: logs, and paths to regional services."""
