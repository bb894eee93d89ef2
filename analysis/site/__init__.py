"""Stage 4, site: where a page is published. reports/ + site/ (the hand-written pages) → public/.

The builder lives here, not in site/: `site` is a module of Python's standard library (a
package of that name cannot be imported), and mkdocs publishes every file under site/.
"""

from analysis.site.build import STAGE, run
from denyut.cli import stage_main

__all__ = ["STAGE", "main", "run"]


def main(argv: list[str] | None = None) -> int:
    return stage_main(STAGE, argv)
