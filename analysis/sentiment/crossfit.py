"""Cross-fitting: the model that labels a week for its published estimate never learned from that week's audit.

A week's shares are estimated from the model's labels on every post, corrected by the reviewers' verdicts on a
random audit of the week (analysis.estimate). That correction is honest only while the model is independent of
the audit it is checked against: a model trained on a week's audit verdicts agrees with them almost perfectly,
its residuals vanish, and the interval shrinks around a biased share. So `make train-sentiment` trains three
models into one folder, each recording the weeks whose audit verdicts it learned from (`audit_weeks` in its
metrics.json):

- `lipat-1/` and `lipat-2/`: the weeks with audit verdicts are split in two folds, alternating in time; each
  model learns from every learning row (the rows chosen because the model doubted them, never the audit) and
  from the audit of the other fold's weeks only;
- `semua/`: every verdict, for the weeks whose audit neither of the others saw (weeks reviewed later).

The analyze stage labels each week with the first of `semua`, `lipat-1`, `lipat-2` that never saw the week's
audit (`choose`), and refuses a model whose metrics.json lists the week among its audit weeks.
"""

from __future__ import annotations

import json
from pathlib import Path

from denyut.errors import DenyutError
from denyut.io import atomic_write_json

CROSSFIT = "crossfit.json"
FORMAT = "denyut-crossfit/1"
ALL = "semua"
FOLDS = ("lipat-1", "lipat-2")
AUDIT, LEARNING = "audit", "belajar"


def folds(weeks: list[str]) -> dict[str, int]:
    """Each week with audit verdicts → fold 0 or 1, alternating in time (neighbouring weeks, whose posts are most
    alike, fall in different folds, so each model still learns from the weeks around the ones it labels)."""
    return {week: i % 2 for i, week in enumerate(sorted(set(weeks)))}


def audit_weeks_of(rows: list[tuple[str, str, str, str]]) -> list[str]:
    """The weeks whose audit verdicts are among the rows (text, label, week, part); a row whose part is not known
    counts as audit: nothing says it was not."""
    return sorted({week for _, _, week, part in rows if part != LEARNING and week != "-"})


def plan(rows: list[tuple[str, str, str, str]]) -> dict[str, list[tuple[str, str, str, str]]]:
    """The training rows of each model: every row for `semua`; for each fold's model, the learning rows and the
    audit rows of the other fold's weeks."""
    fold = folds(audit_weeks_of(rows))
    out = {ALL: rows}
    for k, name in enumerate(FOLDS):
        out[name] = [r for r in rows if r[3] == LEARNING or r[2] == "-" or fold.get(r[2], k) != k]
    return out


def write_index(out_dir: Path, models: dict[str, list[str]]) -> None:
    atomic_write_json(Path(out_dir) / CROSSFIT, {"format": FORMAT, "order": [ALL, *FOLDS],
                                                 "models": {name: {"audit_weeks": weeks} for name, weeks in models.items()}})


def is_crossfit(path: Path) -> bool:
    return (Path(path) / CROSSFIT).is_file()


def read_index(path: Path) -> dict[str, list[str]]:
    """model folder name → the weeks whose audit it learned from, in the order they are tried."""
    index = Path(path) / CROSSFIT
    try:
        data = json.loads(index.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            raise ValueError(f"format {data.get('format')!r}, bukan {FORMAT}")
        return {name: list(data["models"][name]["audit_weeks"]) for name in data["order"]}
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise DenyutError(f"{index}: tidak terbaca ({exc}); latih ulang dengan `make train-sentiment`") from None


def choose(models: dict[str, list[str]], week: str) -> str:
    """The first model (in order) that never learned from the week's audit."""
    for name, weeks in models.items():
        if week not in weeks:
            return name
    raise DenyutError(f"tiap model di folder ini belajar dari audit pekan {week}: latih ulang dengan `make train-sentiment`")


def audit_weeks(model_dir: Path) -> list[str]:
    """The weeks whose audit verdicts a model folder learned from (its metrics.json), [] for a model of open data."""
    try:
        return list(json.loads((Path(model_dir) / "metrics.json").read_text(encoding="utf-8")).get("audit_weeks") or [])
    except (OSError, ValueError, AttributeError):
        return []


def check(model_dir: Path, week: str) -> None:
    """Refuse to label a week with a model that learned from that week's audit."""
    if week in audit_weeks(model_dir):
        raise DenyutError(
            f"model {model_dir} belajar dari vonis audit pekan {week}: perkiraan pekan itu tidak lagi jujur bila model "
            "ini yang melabelinya. Latih dengan `make train-sentiment` (tiga model yang saling silang) dan pakai "
            "foldernya sebagai analysis.sentiment_model")
