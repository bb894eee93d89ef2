import csv
from pathlib import Path

import numpy as np

from analysis.hoaxes import echoes
from analysis.hoaxes.core import is_correction, similarities
from demo.generate import generate
from denyut.config import HoaxSettings
from denyut.formats.claims import Claim, read_team_claims
from denyut.paths import ROOT

FIXTURE = Path(__file__).with_name("fixtures") / "echoes.csv"


def _labelled():
    """Hand-written posts: 22 that echo one of the two demo claims (typos, slang, other word order)
    and 18 about the same things that do not (logistics news, Sirekap errors, a debunk), among 1,500
    ordinary demo posts, as in a real week."""
    claims = read_team_claims(ROOT / "config" / "demo-hoaxes.yaml")
    with open(FIXTURE, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    background = [i.text for i in generate(seed=1) if i.lang == "id" and i.kind == "organic"][:1500]
    return claims, [r["text"] for r in rows] + background, [r["claim"] for r in rows] + [""] * len(background)


def _precision_recall(found: dict[int, str], gold: list[str]) -> tuple[float, float]:
    hits = sum(1 for i, claim in found.items() if gold[i] == claim)
    return hits / max(len(found), 1), hits / sum(1 for g in gold if g)


def test_the_default_threshold_is_chosen_on_the_labelled_set_and_holds_precision_and_recall():
    claims, texts, gold = _labelled()
    scores = similarities(texts, claims)
    corrections = {i for i, text in enumerate(texts) if is_correction(text)}
    curve = {}
    for threshold in np.round(np.arange(0.25, 0.8, 0.05), 2):
        found = {i: claims[scores[i].argmax()].id for i in range(len(texts))
                 if scores[i].max() >= threshold and i not in corrections}
        curve[float(threshold)] = _precision_recall(found, gold)
    f1 = {t: 2 * p * r / (p + r) if p + r else 0.0 for t, (p, r) in curve.items()}
    default = HoaxSettings().threshold
    found = {i: claim for i, claim, _ in echoes(texts, claims, default)}
    precision, recall = _precision_recall(found, gold)
    print(f"\nthreshold {default}: precision {precision:.3f}, recall {recall:.3f}; curve "
          + ", ".join(f"{t}: P {p:.2f} R {r:.2f}" for t, (p, r) in curve.items()))
    assert precision >= 0.95 and recall >= 0.9, (precision, recall)
    assert f1[round(default, 2)] >= max(f1.values()) - 1e-9, f1  # the best threshold on this set


def test_the_default_threshold_holds_on_posts_it_was_not_chosen_on():
    """A second hand-written set, written after the threshold was chosen: the threshold is not re-fitted to it."""
    claims = read_team_claims(ROOT / "config" / "demo-hoaxes.yaml")
    with open(FIXTURE.with_name("echoes_heldout.csv"), encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    background = [i.text for i in generate(seed=9) if i.lang == "id" and i.kind == "organic"][:1500]
    texts, gold = [r["text"] for r in rows] + background, [r["claim"] for r in rows] + [""] * len(background)
    found = {i: claim for i, claim, _ in echoes(texts, claims, HoaxSettings().threshold)}
    precision, recall = _precision_recall(found, gold)
    print(f"\nheld out: precision {precision:.3f}, recall {recall:.3f}")
    assert precision >= 0.9 and recall >= 0.75, (precision, recall)


def test_a_post_that_calls_the_claim_false_is_a_correction_not_an_echo():
    assert is_correction("Cek fakta: kabar surat suara sudah tercoblos di gudang adalah hoaks")
    assert is_correction("klaim server sirekap di luar negeri sudah dibantah KPU")
    assert not is_correction("ini bukan hoaks! surat suara sudah dicoblos di gudang")
    assert not is_correction("surat suara sudah dicoblos di gudang, bener gak sih?")
    assert not is_correction("surat suara sudah dicoblos di gudang, bener gak sih? #CekFakta")  # asks, does not say


def test_a_post_echoes_at_most_one_claim_and_unrelated_posts_none():
    claims = [Claim(id="a", description="klaim satu tentang gudang", clarification="https://kpu.example/a",
                    examples=["surat suara sudah dicoblos di gudang"]),
              Claim(id="b", description="klaim dua tentang server", clarification="https://kpu.example/b",
                    examples=["server sirekap dikendalikan asing"])]
    texts = ["wah surat suara udah dicoblos di gudang!!", "server sirekap dikendalikan asing ya", "harga beras naik"]
    assert [(i, c) for i, c, _ in echoes(texts, claims, 0.4)] == [(0, "a"), (1, "b")]
    assert echoes(texts, [], 0.4) == [] and echoes([], claims, 0.4) == []
