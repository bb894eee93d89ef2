import sys

from analysis.analyze import main

if __name__ == "__main__":
    sys.exit(main())
