"""`python -m spinscope` is the `spinscope` command."""
from .cli import main

main()
