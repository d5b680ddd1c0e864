#!/usr/bin/env python3
"""Check the round 25 gold files (stdlib only), with the checker the written rounds share
(``check_gold.py`` in the parent folder, whose
docstring lists every rule). Exits 0 when all pass."""

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

from check_gold import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(HERE))
