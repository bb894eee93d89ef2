"""Collectors: every source yields the same Post record into the append-only raw store."""
