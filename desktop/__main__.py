import sys

from desktop.cli import main

if __name__ == "__main__":  # the series import may spawn a child that imports this module
    sys.exit(main())
