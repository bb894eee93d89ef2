"""The registry of signals: what the report computes about a week besides its numbers and estimates.

Every package under analysis/ with a `signal.py` that defines `SIGNAL` is a signal (the registry finds
them by listing the folder, as the collector registry lists collectors/platforms/). A signal says
what it is: its name (the key of its result in summary.json's `signals` and of its settings in
the config), the step the progress bar shows, its typed result and how to compute it from one week,
the template of its section on the weekly page (beside it, in its package), and optionally its
open-data table and its lines in the PDF. The report stage loops over the registry: the steps, the
summary, the fingerprint (the signal's module, template and settings), the sections, the tables and
the PDF all come from it, so adding a signal is its package and its template.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import TypeAdapter

if TYPE_CHECKING:
    from denyut.config import Config
    from denyut.formats.claims import Claim
    from denyut.formats.processed import WeekView
    from denyut.formats.summary import WeeklySummary

ROOTS = ("analysis",)  # packages whose subpackages are searched for a signal.py


@dataclass(frozen=True)
class WeekInput:
    """What a signal computes from: the week's analysed posts, the summary so far (numbers, estimates; no signals
    yet), the reported weeks before it (oldest first, the week before last when it is the previous week), and the
    claims known to be false."""

    view: WeekView
    config: Config
    summary: WeeklySummary
    history: list[WeeklySummary]
    claims: list[Claim]

    @property
    def previous(self) -> WeeklySummary | None:
        return self.summary_of(self.summary.previous_week)

    def summary_of(self, week: str | None) -> WeeklySummary | None:
        return next((h for h in self.history if h.week == week), None) if week else None

    def previous_result(self, name: str):
        """This signal's result in the week before (None when that week was not reported)."""
        previous = self.previous
        return previous.signals.get(name) if previous is not None else None


@dataclass(frozen=True)
class Table:
    """An open-data table of a signal: one CSV in each week's data/ and in the all-weeks package."""

    name: str
    label: str  # its column on the data page ("Hoaks")
    title: str
    fields: list[dict]  # Frictionless field descriptors: name, type, description
    rows: Callable[[str, Any], list[list]]  # (week, result) → rows


@dataclass(frozen=True)
class Signal:
    name: str
    step: str  # shown on the progress bar while it runs (Indonesian)
    order: int  # its section's place among the signals' sections on the page
    result: Any  # the type of its result (a pydantic model, or a list of them)
    compute: Callable[[WeekInput], Any]
    template: Path  # its section of the weekly page (Jinja, Markdown): gets `result`, `s`, `history`, `settings`
    settings: str | None = None  # the config section it reads (its settings model in denyut/config.py)
    context: Callable[[Any, WeeklySummary, list[WeeklySummary], Config], dict] | None = None  # more for its template
    inputs: Callable[[Config], object] | None = None  # what else it reads that the fingerprint must cover
    table: Table | None = None
    lines: Callable[[Any, WeeklySummary, Config], list[str]] | None = None  # its short lines in the PDF (escaped)
    module: str = field(default="", compare=False)  # filled in by the registry

    @property
    def adapter(self) -> TypeAdapter:
        return _adapter(self.result)

    def empty(self):
        """Its result for a week where it did not run (a summary written before it existed)."""
        return self.adapter.validate_python([] if _is_list(self.result) else {})

    def settings_of(self, config: Config):
        return getattr(config, self.settings) if self.settings else None


@cache
def _adapter(result) -> TypeAdapter:
    return TypeAdapter(result)


def _is_list(kind) -> bool:
    return getattr(kind, "__origin__", None) is list


@cache
def signals() -> tuple[Signal, ...]:
    """Every registered signal, in page order."""
    found = []
    for root in ROOTS:
        package = importlib.import_module(root)
        for folder in sorted(p for path in package.__path__ for p in Path(path).iterdir() if (p / "signal.py").is_file()):
            name = f"{root}.{folder.name}.signal"
            if not (folder / "__init__.py").is_file():
                raise RuntimeError(f"{folder}: has a signal.py but no __init__.py, so it cannot be registered")
            declared = getattr(importlib.import_module(name), "SIGNAL", None)
            if not isinstance(declared, Signal):
                raise RuntimeError(f"{folder / 'signal.py'}: defines no SIGNAL = Signal(...)")
            signal = Signal(**{**declared.__dict__, "module": name})
            try:
                signal.empty()
            except ValueError as exc:
                raise RuntimeError(f"{name}: its result needs a default for every field (a week reported before the "
                                   f"signal existed gets its empty result): {exc}") from None
            found.append(signal)
    names = [s.name for s in found]
    if len(set(names)) != len(names):
        raise RuntimeError(f"two signals of the same name: {sorted(n for n in names if names.count(n) > 1)}")
    return tuple(sorted(found, key=lambda s: (s.order, s.name)))


def by_name() -> dict[str, Signal]:
    return {s.name: s for s in signals()}
