"""``python -m foedus`` runs the CLI."""

from foedus.cli import main

main()
