"""One geometry per architecture: where everything is drawn, computed once with graphviz."""
