"""metrics.json beside a sentiment model: how it was trained and how it scored on held-out data.

Written by `python -m analysis.sentiment.train`, read by the report (the model's scores on the
methodology page and in each summary) and the model card. Scores are fractions in [0, 1].
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from denyut.errors import DenyutError
from denyut.io import atomic_write_json


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Evaluation(Model):
    n: int
    macro_f1: float
    accuracy: float
    f1: dict[str, float] = {}
    ece: float


class PolarityEvaluation(Model):
    """Posts labelled only negative or positive: how often the model leans the right way."""

    n: int
    polarity_accuracy: float
    accuracy: float
    neutral_share: float


class DataFile(Model):
    sha256: str
    same_as_shipped: bool


class ModelMetrics(Model):
    model: str = "embedded"
    version: str
    train_rows: int
    tweet_rows: int = 0
    regional_rows: int = 0
    regional_weight: float = 0.0
    sources: list[str]
    train_seconds: float = 0.0
    temperature: float = 1.0
    mix: float = 0.0
    recurrent: int = 0
    held_out: dict = {}
    smsa_valid: Evaluation
    nusax_test_without_smsa: Evaluation
    size_bytes: int = 0
    data: dict[str, DataFile] = {}
    emot_valid_tweets: PolarityEvaluation | None = None
    nusax_local_test: dict[str, Evaluation] = {}


def metrics_path(model_dir: Path) -> Path:
    return Path(model_dir) / "metrics.json"


def write_metrics(model_dir: Path, metrics: ModelMetrics) -> None:
    atomic_write_json(metrics_path(model_dir), metrics.model_dump(mode="json", exclude_none=True))


def read_metrics(model_dir: Path) -> ModelMetrics | None:
    """The model's metrics, or None when the model has none (a transformers checkpoint, say)."""
    path = metrics_path(model_dir)
    if not path.is_file():
        return None
    try:
        return ModelMetrics.model_validate_json(path.read_bytes())
    except ValidationError as exc:
        first = exc.errors()[0]
        raise DenyutError(f"{path}: '{'.'.join(map(str, first['loc']))}': {first['msg']}") from None
