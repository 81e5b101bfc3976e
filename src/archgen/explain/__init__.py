"""The explanation's content, derived from the model and the network analysis.

Everything a reader learns is computed here in Python; the Jinja2 templates in
templates/ only lay it out, so users can restyle the text without touching logic.
"""
