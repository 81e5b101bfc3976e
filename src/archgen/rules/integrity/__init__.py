"""AG0xx: the design is internally consistent, as AWS would require to build it."""
