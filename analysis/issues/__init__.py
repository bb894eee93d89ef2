"""Issues: the taxonomy's patterns as the zero-shot start and a tagger that learns from reviewers' verdicts (core.py)."""
