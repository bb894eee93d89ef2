"""Unusual weeks per issue: volume and sentiment against the weeks before, with robust statistics."""

from analysis.anomalies.core import Baseline, family_z, sentiment_anomaly, volume_anomaly

__all__ = ["Baseline", "family_z", "sentiment_anomaly", "volume_anomaly"]
