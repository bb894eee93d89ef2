"""Sentiment: one interface over the backends. `load_model(spec)` returns an object with
`classes_`, `predict_proba(texts)` and `version_` (the scikit-learn contract).

spec: 'embedded' (the shipped model), a folder holding an embedded model (model.safetensors
without config.json), a folder holding a transformers checkpoint (config.json), or a Hugging
Face model id such as 'w11wo/indonesian-roberta-base-sentiment-classifier'.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from analysis.sentiment import parallel
from analysis.sentiment.embedded import CLASSES, EmbeddedSentiment
from denyut.errors import ConfigError
from denyut.paths import EMBEDDED_MODEL_DIR


def load_model(spec: str = "embedded", labels: dict[int, str] | None = None, runtime: str = "auto"):
    if spec == "embedded":
        return EmbeddedSentiment.load(EMBEDDED_MODEL_DIR)
    path = Path(spec)
    if path.is_dir() and (path / "crossfit.json").is_file():  # make train-sentiment's folder: its model of every verdict
        path = path / "semua"
        return EmbeddedSentiment.load(path)
    if path.is_dir() and not (path / "config.json").is_file():
        if (path / "model.safetensors").is_file():
            return EmbeddedSentiment.load(path)
        raise ConfigError(f"{path}: bukan folder model (tidak ada model.safetensors atau config.json)")
    if not path.is_dir() and (path.exists() or spec.count("/") != 1):
        raise ConfigError(
            f"model sentimen tidak dikenal: {spec!r}. Pakai 'embedded', folder model, atau id Hugging Face 'pemilik/nama'.")
    from analysis.sentiment.transformer import TransformerSentiment

    return TransformerSentiment(spec, labels=labels, runtime=runtime).load()


def model_name(model, spec: str) -> str:
    if spec == "embedded":
        return f"embedded@{model.version_}"
    kind = "transformers" if hasattr(model, "runtime_") else "embedded"
    name = Path(spec).name if Path(spec).is_dir() else spec
    return f"{kind}:{name}@{model.version_}"


def classify(model, texts: list[str], workers: int | None = None) -> tuple[list[str], np.ndarray]:
    """Labels and probabilities with columns in CLASSES order, whatever the backend's own order; the embedded
    model's large batches are split over the cores (analysis.sentiment.parallel), with the same result."""
    proba = parallel.predict_proba(model, texts, workers)
    order = [list(model.classes_).index(c) for c in CLASSES]
    proba = proba[:, order]
    return [CLASSES[i] for i in proba.argmax(axis=1)], proba


def classify_stream(model, chunks, workers: int | None = None):
    """(labels, probabilities) per chunk of texts, in order, the chunks spread over the cores."""
    order = [list(model.classes_).index(c) for c in CLASSES]
    for proba in parallel.stream(model, chunks, workers):
        proba = proba[:, order]
        yield [CLASSES[i] for i in proba.argmax(axis=1)], proba
