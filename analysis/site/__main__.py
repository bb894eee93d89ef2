import sys

from analysis.site import main

if __name__ == "__main__":
    sys.exit(main())
