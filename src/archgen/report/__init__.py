"""Reports of `archgen check`, one format per module; each only formats."""
