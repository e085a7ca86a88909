"""``python -m viewer`` is the ``wikiview`` command."""

import sys

from viewer.cli import main

sys.exit(main())
