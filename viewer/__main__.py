"""``python -m viewer`` is the ``wikiview`` command."""

import sys

from viewer.cli import main

if __name__ == "__main__":  # a spawned worker process imports this module too: it must not start the app
    sys.exit(main())
