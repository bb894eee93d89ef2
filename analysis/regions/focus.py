"""A regional deployment's name: `regions.focus` puts its region's name after the project's, so every title, card,
PDF, WhatsApp text and feed item says whose site it is ("Denyut Jawa Tengah")."""

from __future__ import annotations

from analysis.regions.gazetteer import area, gazetteer
from denyut.config import Config


def region_names(config: Config) -> list[str]:
    return [area(gazetteer(), code).name for code in config.regions.focus]


def named(config: Config) -> Config:
    """The config as the report and the site stages use it: for a regional deployment, the project's name followed
    by its regions' (unless the name already holds them); unchanged for the whole country."""
    names = region_names(config)
    if not names or all(n.lower() in config.project.name.lower() for n in names):
        return config
    project = config.project.model_copy(update={"name": f"{config.project.name} {' dan '.join(names)}"})
    return config.model_copy(update={"project": project})
