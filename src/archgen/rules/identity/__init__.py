"""AG5xx: services reach each other through least-privilege IAM roles."""
