import sys

from fonds.cli.main import main

sys.exit(main())
