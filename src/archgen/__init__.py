"""archgen: AWS architecture diagrams as code, checked, rendered and explained.

Only the version lives here, so that `import archgen` stays cheap: it loads no
graphviz, jinja2 or diagrams, and the command line starts fast.
"""

__version__ = "0.1.0"
