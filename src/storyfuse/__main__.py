"""Allow ``python -m storyfuse``."""

from storyfuse.cli import main

main()
