import csv
import io

import pytest

from analysis.report.opendata import _csv, tables


@pytest.mark.parametrize("table", list(tables()))
def test_a_text_cell_a_spreadsheet_would_run_is_guarded_and_numbers_stay_numbers(table):
    fields = tables()[table]["fields"]
    hostile = ["=HYPERLINK(\"https://evil.example\",\"klik\")", "-2+3", "+62 812", "@SUM(A1:A9)", "\tisi", "\risi"]
    rows = [[hostile[i % len(hostile)] if f["type"] == "string" else (-2 if f["type"] == "integer" else -0.25)
             for f in fields] for i in range(len(hostile))]
    read = list(csv.reader(io.StringIO(_csv(fields, rows), newline="")))
    assert read[0] == [f["name"] for f in fields]
    for row in read[1:]:
        for value, field in zip(row, fields):
            if field["type"] == "string":
                assert value.startswith("'") and value[1:] in [h.replace("\r", "\n") for h in hostile]
            else:
                assert float(value) < 0  # a negative number is a number, not a formula to guard
