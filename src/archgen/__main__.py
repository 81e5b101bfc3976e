"""`python -m archgen`: the `archgen` command, where the scripts folder is not on PATH."""

from archgen.cli import run

if __name__ == "__main__":
    run()
