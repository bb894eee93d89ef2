import pytest

"""Classification on both cores gives the same bytes as on one."""

import csv

import numpy as np

from analysis.sentiment import classify, load_model
from analysis.sentiment.__main__ import main as sentiment_cli
from demo.generate import generate

TEXTS = [i.text for i in generate(seed=5, scale=1.0) if i.lang == "id"][:6000]


@pytest.mark.slow
def test_the_contract_writes_the_same_bytes_with_one_or_two_workers(tmp_path):
    src = tmp_path / "in.csv"
    with open(src, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "text"])
        writer.writerows([n, t] for n, t in enumerate(TEXTS))
    for workers in ("1", "2"):
        assert sentiment_cli(["--in", str(src), "--out", str(tmp_path / f"out-{workers}.csv"), "--workers", workers]) == 0
    assert (tmp_path / "out-1.csv").read_bytes() == (tmp_path / "out-2.csv").read_bytes()


def test_a_large_batch_split_over_workers_keeps_every_posts_probabilities():
    model = load_model("embedded")
    one_labels, one = classify(model, TEXTS[:4000], workers=1)
    two_labels, two = classify(model, TEXTS[:4000], workers=2)
    assert one_labels == two_labels and np.array_equal(one, two)
