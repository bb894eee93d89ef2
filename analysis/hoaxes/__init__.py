"""Known-hoax echoes: posts that repeat a debunked claim (denyut.formats.claims), found by character
n-gram similarity to the phrasings the claim circulates in."""

from analysis.hoaxes.core import echoes, matches

__all__ = ["echoes", "matches"]
