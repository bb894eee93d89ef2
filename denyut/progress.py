"""Progress bars with an ETA for the long stages (tqdm), on a terminal only: quiet under CI=true or in a log."""

from __future__ import annotations

import os
import sys

from tqdm import tqdm


def quiet() -> bool:
    return os.environ.get("CI", "").lower() in ("true", "1", "yes") or not sys.stderr.isatty()


def bar(total: int | None, what: str, unit: str = "unggahan", unit_scale: bool = False) -> tqdm:
    """A bar on stderr, updated at most twice a second; a no-op object when quiet()."""
    return tqdm(total=total, desc=what, unit=unit, unit_scale=unit_scale, disable=quiet(), mininterval=0.5,
                dynamic_ncols=True, leave=False, file=sys.stderr)
