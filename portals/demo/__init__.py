"""Demo and test tooling: the replay server that answers the portals' URLs from saved pages,
the synthetic portals of the benchmarks and crash tests, and the saved pages with their gold
fields (``snapshots/``, the registered sites' folders of tests/fixtures, packaged for
`khcn demo`). The crawler and the archive never import it (tests/test_layout.py)."""

from pathlib import Path

SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"
