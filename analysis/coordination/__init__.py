"""Coordinated behaviour: groups of distinct accounts that post the same thing within a short window.

`find_groups` reads Post-like records (platform, post_id, author_id, created_at, text, links,
hashtags) or a week's `Columns` (Arrow); the report stage runs it on each processed week,
`python -m analysis.coordination` on any file."""

from analysis.coordination.core import Columns, Group, Settings, Trace, find_groups, trace_of

__all__ = ["Columns", "Group", "Settings", "Trace", "find_groups", "trace_of"]
