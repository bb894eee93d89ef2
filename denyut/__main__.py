"""`python -m denyut STAGE ...`: any stage through the one runner (denyut.cli)."""

import sys

from denyut.cli import main

sys.exit(main())
