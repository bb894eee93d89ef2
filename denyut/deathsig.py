"""Imported only by the forkserver of denyut.parallel's pools (its preload): the server dies with the stage that
started it. Never import this module in a stage's own process: that process would die with its shell."""

from denyut.parallel import die_with_parent

die_with_parent()
