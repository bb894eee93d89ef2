import io

from denyut import progress


def test_bars_are_quiet_under_ci_and_in_a_log_and_shown_on_a_terminal(monkeypatch):
    class Terminal(io.StringIO):
        def isatty(self):
            return True
    monkeypatch.setattr(progress.sys, "stderr", Terminal())
    monkeypatch.delenv("CI", raising=False)
    assert not progress.quiet()
    with progress.bar(10, "uji") as bar:
        bar.update(10)
        bar.refresh()
    assert "uji" in progress.sys.stderr.getvalue() and "10/10" in progress.sys.stderr.getvalue()
    monkeypatch.setenv("CI", "true")
    assert progress.quiet() and progress.bar(10, "uji").disable
    monkeypatch.delenv("CI")
    monkeypatch.setattr(progress.sys, "stderr", io.StringIO())  # a log file, not a terminal
    assert progress.quiet()
