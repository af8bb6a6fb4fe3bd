"""``python -m centralfiles``: the same as the ``centralfiles`` command."""

from .cli import main

main()
