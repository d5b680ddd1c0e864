#!/usr/bin/env python3
"""Check the round 23 gold files (stdlib only), with the checker rounds 12 and 14-23 share
(``check_gold.py`` in the parent folder, or in /work/main/tests/gold when this folder is not yet
in place; its docstring lists every rule). Exits 0 when all pass."""

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, "/work/main/tests/gold")
sys.path.insert(0, os.path.dirname(HERE))

from check_gold import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(HERE))
