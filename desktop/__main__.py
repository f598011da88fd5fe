import multiprocessing
import sys

from desktop.cli import main

if __name__ == "__main__":  # the series import may spawn a child that imports this module
    multiprocessing.freeze_support()  # the standalone bundle (make dist): a spawned child runs here
    sys.exit(main())
