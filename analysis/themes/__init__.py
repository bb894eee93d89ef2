"""Emerging themes: what posts that no taxonomy issue matches are about, week after week."""

from analysis.themes.core import Theme, ThemeSettings, find_themes

__all__ = ["Theme", "ThemeSettings", "find_themes"]
