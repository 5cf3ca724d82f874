"""`python -m albazin …`, the same as the `albazin` console command (albazin/site/cli.py)."""

import sys

from albazin.site.cli import main

sys.exit(main())
