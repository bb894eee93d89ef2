"""Stage 2, analyze: where a post is classified. Raw day files → one Parquet file per ISO week.

Each post is normalised (denyut.normalize), checked for copies (dedup), given a language
(language), a sentiment (analysis.sentiment) and issues (denyut.taxonomy).
"""

from analysis.analyze.stage import STAGE, run
from denyut.cli import stage_main

__all__ = ["STAGE", "main", "run"]


def main(argv: list[str] | None = None) -> int:
    return stage_main(STAGE, argv)
