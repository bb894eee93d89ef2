"""Coordinated behaviour: groups of distinct accounts that post the same thing within a short window.

`find_groups` reads Post-like records (platform, post_id, author_id, created_at, text, links,
hashtags); the analyze stage runs it on each week, `python -m analysis.coordination` on any file."""

from analysis.coordination.core import Group, Settings, Trace, find_groups, trace_of

__all__ = ["Group", "Settings", "Trace", "find_groups", "trace_of"]
