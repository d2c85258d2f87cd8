import sys

from portbook.cli import main

sys.exit(main())
