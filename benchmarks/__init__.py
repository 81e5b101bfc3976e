"""Speed measurements of archgen beside its peers; run with `make bench`."""
