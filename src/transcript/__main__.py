"""`python -m transcript` is the `transcript` command."""

import sys

from .cli import main

sys.exit(main())
