"""The use cases behind the commands, one module each, and the files and settings they share.

check, render, explain and trace are what `archgen` and the MkDocs plugin
call; they know nothing of the terminal and report problems by raising
ArchgenError. Below them: files (which inputs a run reads), settings,
loading, freshness (whether outputs are current), and the writes
(writes, output_folder, atomic, and stops, which remembers a stop signal).
Importing the package loads nothing.
"""
