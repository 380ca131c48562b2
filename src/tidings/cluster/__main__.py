"""``python -m tidings.cluster --in A.jsonl --out C.json``."""
import sys

from tidings.cluster.command import main

sys.exit(main())
