"""The resource catalogue of format v1, one family of AWS services per module."""
