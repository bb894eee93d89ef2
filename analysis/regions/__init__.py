"""Regions: each post's provinces and regencies or cities (Kemendagri codes) from its source's region, its location
field and its text (core.py), with the areas generated from a pinned package and hand-kept aliases (gazetteer.py)."""

from analysis.regions.core import SOURCES, Place, columns, place
from analysis.regions.gazetteer import Area, Gazetteer, area, gazetteer, load_gazetteer

__all__ = ["SOURCES", "Area", "Gazetteer", "Place", "area", "columns", "gazetteer", "load_gazetteer", "place"]
