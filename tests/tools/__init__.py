"""The development set-up scripts of tools/, run as the Makefile runs them."""
