"""Known-hoax echoes: posts that repeat a debunked claim (denyut.formats.claims), found by character
n-gram similarity to the phrasings the claim circulates in. `matches` reads a list of posts; a week
too large for one list is scored a batch at a time with `fit` on its `sample_of` spread, then
`scores` and `best` per batch (the report stage does)."""

from analysis.hoaxes.core import best, echoes, fit, matches, phrasings_of, sample_of, sample_step, scores

__all__ = ["best", "echoes", "fit", "matches", "phrasings_of", "sample_of", "sample_step", "scores"]
