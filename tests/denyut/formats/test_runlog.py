from denyut.formats.runlog import CollectRun, SourceRun, append_run, read_runs, week_totals


def _run(when: str, new: int, errors: int = 0) -> CollectRun:
    return CollectRun(finished_at=when, sources=[SourceRun(source="x", fetched=new, new=new, duplicates=0, quarantined=1,
                                                           errors=errors)])


def test_runs_are_appended_and_summed_per_wib_week(tmp_path):
    append_run(tmp_path, _run("2024-11-18T02:00:00Z", 5))
    append_run(tmp_path, _run("2024-11-24T16:59:59Z", 3, errors=1))  # Sunday 23:59 WIB: same week
    append_run(tmp_path, _run("2024-11-24T17:00:00Z", 7))  # Monday 00:00 WIB: the next week
    assert [r.finished_at for r in read_runs(tmp_path)][0] == "2024-11-18T02:00:00Z"
    assert week_totals(tmp_path, "2024-W47") == {"x": {"runs": 2, "fetched": 8, "new": 8, "duplicates": 0,
                                                        "quarantined": 2, "errors": 1}}
    assert week_totals(tmp_path, "2024-W48")["x"]["new"] == 7
    assert (tmp_path / "collect" / "last_run.json").read_text().count('"new": 7') == 1


def test_a_torn_last_line_of_a_killed_run_is_skipped(tmp_path):
    append_run(tmp_path, _run("2024-11-18T02:00:00Z", 5))
    with open(tmp_path / "collect" / "runs.jsonl", "a") as handle:
        handle.write('{"finished_at": "2024-11-18T0')
    assert len(list(read_runs(tmp_path))) == 1
