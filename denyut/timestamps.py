"""The one timestamp format of every file Denyut writes: ISO 8601 in UTC with a Z, to the second."""

from __future__ import annotations

from datetime import UTC, datetime

FORMAT = "%Y-%m-%dT%H:%M:%SZ"  # what format_utc writes (zero-padded)


def format_utc(moment: datetime) -> str:
    """'2024-11-18T02:00:00Z'; a naive datetime is refused (it has no place in time)."""
    if moment.tzinfo is None:
        raise ValueError("waktu tanpa zona waktu tidak dapat ditulis sebagai UTC")
    # isoformat pads the year to four digits on every platform (strftime's %Y does not)
    return moment.astimezone(UTC).replace(microsecond=0, tzinfo=None).isoformat() + "Z"


def now_utc() -> str:
    return format_utc(datetime.now(UTC))


def read_iso(text: str) -> datetime:
    """ISO 8601, 'Z' read as UTC; the result is naive when the text names no zone. ValueError otherwise."""
    return datetime.fromisoformat(text.strip().replace("Z", "+00:00"))


def parse_iso(text: str) -> datetime:
    """ISO 8601 with a zone ('Z' or an offset); ValueError otherwise."""
    moment = read_iso(text)
    if moment.tzinfo is None:
        raise ValueError(f"waktu tanpa zona waktu: {text!r}")
    return moment


def from_epoch(seconds: float) -> datetime:
    return datetime.fromtimestamp(seconds, UTC)
