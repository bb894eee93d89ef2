"""Fine-tuning an IndoBERT-family checkpoint (the design card's IndoBERT via transformers) on the open
labelled data plus reviewers' verdicts: a plain PyTorch loop (AdamW, linear warm-up and decay), bf16
mixed precision on a GPU when there is one, fp32 on CPU otherwise. The result is a Hugging Face
checkpoint with the label names in `id2label`, served by the normal loading path (ONNX int8 on CPU
included): `python -m analysis.sentiment --model DIR`.

python -m analysis.sentiment.train --backend transformers --base MODEL --out DIR [--reviewed R.csv]
"""

from __future__ import annotations

import random
import time
from pathlib import Path

from analysis.sentiment.embedded import CLASSES
from analysis.sentiment.transformer import _resolve
from denyut.io import atomic_write_json

ID2LABEL = dict(enumerate(CLASSES))


def finetune(base: str, rows: list[tuple[str, str]], out_dir: Path, epochs: int = 2, batch_size: int = 16,
             learning_rate: float = 3e-5, max_length: int = 128, seed: int = 0) -> dict:
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer, get_linear_schedule_with_warmup

    path = _resolve(base)
    torch.manual_seed(seed)
    rng = random.Random(seed)
    tokenizer = AutoTokenizer.from_pretrained(path)
    model = AutoModelForSequenceClassification.from_pretrained(
        path, num_labels=len(CLASSES), id2label=ID2LABEL, label2id={v: k for k, v in ID2LABEL.items()},
        ignore_mismatched_sizes=True)
    device = "cuda" if torch.cuda.is_available() else "cpu"
    model.to(device).train()
    optimizer = torch.optim.AdamW(model.parameters(), lr=learning_rate, weight_decay=0.01)
    steps = epochs * ((len(rows) + batch_size - 1) // batch_size)
    schedule = get_linear_schedule_with_warmup(optimizer, max(1, steps // 10), steps)
    losses, started = [], time.perf_counter()
    for _ in range(epochs):
        order = list(range(len(rows)))
        rng.shuffle(order)
        epoch_loss = 0.0
        for start in range(0, len(order), batch_size):
            batch = [rows[i] for i in order[start:start + batch_size]]
            inputs = tokenizer([t for t, _ in batch], padding=True, truncation=True, max_length=max_length,
                               return_tensors="pt").to(device)
            labels = torch.tensor([CLASSES.index(label) for _, label in batch], device=device)
            with torch.autocast(device_type=device, dtype=torch.bfloat16, enabled=device == "cuda"):
                loss = model(**inputs, labels=labels).loss
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            schedule.step()
            optimizer.zero_grad()
            epoch_loss += float(loss) * len(batch)
        losses.append(round(epoch_loss / len(rows), 4))
    model.eval().to("cpu").save_pretrained(out_dir)
    tokenizer.save_pretrained(out_dir)
    metrics = {"backend": "transformers", "base": str(base), "rows": len(rows), "epochs": epochs, "batch_size": batch_size,
               "learning_rate": learning_rate, "device": device, "mixed_precision": "bf16" if device == "cuda" else None,
               "epoch_losses": losses, "train_seconds": round(time.perf_counter() - started, 1)}
    atomic_write_json(Path(out_dir) / "training.json", metrics)
    return metrics


def training_rows(open_rows: list[tuple[str, str]], verdicts: list[tuple[str, str]], limit: int | None) -> list[tuple[str, str]]:
    """The open data (at most `limit` rows, drawn evenly) and every verdict."""
    if limit is not None and len(open_rows) > limit:
        step = len(open_rows) / limit
        open_rows = [open_rows[int(i * step)] for i in range(limit)]
    return open_rows + verdicts
