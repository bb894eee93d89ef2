"""Stage 3, report: where a week is aggregated and its page written. Processed weeks → reports/<week>/.

weekly (aggregation in DuckDB) and stats (intervals, tests) make the numbers; narrative and
templates/ turn them into plain Indonesian; sections assembles the page; charts draws it;
opendata writes the aggregates; site_pages writes what the site shows about all weeks.
"""

from analysis.report.stage import STAGE, run
from denyut.cli import stage_main

__all__ = ["STAGE", "main", "run"]


def main(argv: list[str] | None = None) -> int:
    return stage_main(STAGE, argv)
