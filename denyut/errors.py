"""A small exception hierarchy whose messages say where things went wrong."""

from __future__ import annotations

from pathlib import Path


class DenyutError(Exception):
    """Base class: every error the pipeline raises on purpose."""


class ConfigError(DenyutError):
    """The configuration is missing, malformed or has a wrong value."""


class InputError(DenyutError):
    """A record in an input file is bad; names the file, line and field."""

    def __init__(self, path: Path | str, line: int | None, field: str | None, reason: str):
        self.path, self.line, self.field, self.reason = str(path), line, field, reason
        where = self.path + (f", baris {line}" if line is not None else "")
        what = f" kolom '{field}'" if field else ""
        super().__init__(f"{where}:{what} {reason}")


class StageError(DenyutError):
    """A pipeline stage failed; names the stage and the week."""

    def __init__(self, stage: str, week: str | None, reason: str):
        self.stage, self.week = stage, week
        super().__init__(f"[{stage}{' ' + week if week else ''}] {reason}")
