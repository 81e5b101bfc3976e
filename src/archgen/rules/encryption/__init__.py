"""AG4xx: data is encrypted at rest and in transit."""
