"""Denyut: weekly plain-language sentiment reports on Indonesian election posts."""

__version__ = "0.1.0"
