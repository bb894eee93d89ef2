"""Sentiment: one interface over the backends. `load_model(spec)` returns an object with
`classes_`, `predict_proba(texts)` and `version_` (the scikit-learn contract)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from analysis.sentiment.embedded import CLASSES, EmbeddedSentiment
from denyut.errors import ConfigError
from denyut.paths import EMBEDDED_MODEL_DIR


def load_model(spec: str = "embedded"):
    """'embedded' (the shipped model) or a folder holding an embedded model's model.safetensors."""
    if spec == "embedded":
        return EmbeddedSentiment.load(EMBEDDED_MODEL_DIR)
    path = Path(spec)
    if (path / "model.safetensors").is_file():
        return EmbeddedSentiment.load(path)
    raise ConfigError(
        f"model sentimen tidak dikenal: {spec!r}. Pakai 'embedded' atau folder berisi model.safetensors "
        f"hasil `python -m analysis.sentiment.train --out FOLDER`."
    )


def model_name(model, spec: str) -> str:
    return f"{'embedded' if spec == 'embedded' else Path(spec).name}@{model.version_}"


def classify(model, texts: list[str]) -> tuple[list[str], np.ndarray]:
    """Labels and probabilities with columns in CLASSES order, whatever the backend's own order."""
    proba = model.predict_proba(texts)
    order = [list(model.classes_).index(c) for c in CLASSES]
    proba = proba[:, order]
    return [CLASSES[i] for i in proba.argmax(axis=1)], proba
