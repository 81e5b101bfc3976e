"""AG2xx: tiers are separated and private where they should be."""
