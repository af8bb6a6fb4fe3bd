"""``python -m centralfiles``: the same as the ``centralfiles`` command."""

from centralfiles.cli import main

main()
