"""IndoBERT-family sentiment through transformers: a Hugging Face id or a local folder.

Labels come from the checkpoint's id2label (their order differs between public checkpoints);
checkpoints that only say LABEL_0..2 need an explicit mapping, never a guess. Inference is
batched, length-sorted and truncated to 128 tokens; fp16 on a GPU; on CPU an ONNX Runtime
int8 model, exported once and cached. Needs the optional extra: pip install -e '.[transformers]'.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import numpy as np

from denyut.errors import ConfigError

SYNONYMS = {
    "positive": "positive", "positif": "positive", "pos": "positive",
    "neutral": "neutral", "netral": "neutral", "neu": "neutral",
    "negative": "negative", "negatif": "negative", "neg": "negative",
}
MAX_LENGTH = 128
WEIGHT_FILES = ("model.safetensors", "pytorch_model.bin")


def cache_dir() -> Path:
    return Path(os.environ.get("DENYUT_CACHE", Path.home() / ".cache" / "denyut"))


def map_labels(id2label: dict, override: dict[int, str] | None, source: str) -> list[str]:
    """Class names in id order, mapped to positive/neutral/negative; an unmappable label is an error."""
    if override:
        raw = {int(k): v for k, v in override.items()}
    else:
        raw = {int(k): v for k, v in id2label.items()}
    names = []
    for index in range(len(raw)):
        label = str(raw.get(index, "")).strip().lower()
        if label not in SYNONYMS:
            raise ConfigError(
                f"{source}: label {index} bernama {raw.get(index)!r}, tidak bisa dipetakan ke positive/neutral/negative. "
                f"Tulis pemetaannya di konfigurasi (analysis.sentiment_labels, mis. {{0: positive, 1: neutral, 2: negative}}) "
                f"sesuai kartu model; Denyut tidak menebak.")
        names.append(SYNONYMS[label])
    if sorted(names) != ["negative", "neutral", "positive"]:
        raise ConfigError(f"{source}: model harus punya tepat tiga kelas positive, neutral, negative; didapat {names}")
    return names


def _resolve(spec: str) -> Path:
    """A local folder as is; a hub id from the local cache only if offline, else downloaded by transformers."""
    path = Path(spec)
    if path.is_dir():
        if not (path / "config.json").is_file():
            raise ConfigError(f"{path}: bukan folder model transformers (tidak ada config.json)")
        return path
    patterns = ["*.json", "*.txt", "*.model", *WEIGHT_FILES]
    try:
        from huggingface_hub import snapshot_download

        try:
            return Path(snapshot_download(spec, allow_patterns=patterns, local_files_only=True))
        except Exception:
            if os.environ.get("HF_HUB_OFFLINE", "").lower() in ("1", "true", "yes"):
                raise
            return Path(snapshot_download(spec, allow_patterns=patterns))  # needs the network
    except Exception as exc:  # offline, unknown id, no permission: the same advice
        raise ConfigError(
            f"model sentimen {spec!r} tidak tersedia di mesin ini ({type(exc).__name__}). Di mesin yang punya internet, "
            f"unduh dengan `huggingface-cli download {spec} --local-dir models/{spec.split('/')[-1]}`, salin foldernya ke sini, "
            f"lalu pakai --model models/{spec.split('/')[-1]} (atau analysis.sentiment_model di konfigurasi).") from None


class TransformerSentiment:
    """Same contract as the embedded model: classes_, predict_proba(texts), version_."""

    def __init__(self, model: str, labels: dict[int, str] | None = None, runtime: str = "auto", batch_size: int = 32,
                 max_length: int = MAX_LENGTH, threads: int | None = None):
        self.model = model
        self.labels = labels
        self.runtime = runtime
        self.batch_size = batch_size
        self.max_length = max_length
        self.threads = threads

    def load(self) -> TransformerSentiment:
        try:
            import torch
            from transformers import AutoConfig, AutoModelForSequenceClassification, AutoTokenizer
        except ImportError:
            raise ConfigError("backend transformers butuh paket tambahan: pip install -e '.[transformers]'") from None
        self.path_ = _resolve(self.model)
        config = AutoConfig.from_pretrained(self.path_)
        self.classes_ = np.array(map_labels(config.id2label, self.labels, str(self.path_)))
        self.tokenizer_ = AutoTokenizer.from_pretrained(self.path_)
        self.version_ = self._fingerprint()[:12]
        runtime = self.runtime
        if runtime == "auto":
            runtime = "cuda-fp16" if torch.cuda.is_available() else ("onnx-int8" if _has_onnxruntime() else "torch")
        self.runtime_ = runtime
        if self.threads:
            torch.set_num_threads(self.threads)
        if runtime == "onnx-int8":
            self.session_ = self._onnx_session()
        else:
            model = AutoModelForSequenceClassification.from_pretrained(self.path_).eval()
            if runtime == "cuda-fp16":
                model = model.half().to("cuda")
            self.torch_model_ = model
        return self

    def _fingerprint(self) -> str:
        digest = hashlib.sha256((self.path_ / "config.json").read_bytes())
        for name in WEIGHT_FILES:
            weights = self.path_ / name
            if weights.is_file():
                with open(weights, "rb") as handle:
                    for block in iter(lambda: handle.read(1 << 20), b""):
                        digest.update(block)
        return digest.hexdigest()

    def _onnx_session(self):
        import onnxruntime as ort

        target = cache_dir() / "onnx" / self._fingerprint()[:16]
        quantized = target / "model-int8.onnx"
        if not quantized.is_file():
            export_onnx_int8(self.path_, target)
        options = ort.SessionOptions()
        if self.threads:
            options.intra_op_num_threads = self.threads
        session = ort.InferenceSession(str(quantized), options, providers=["CPUExecutionProvider"])
        self.onnx_inputs_ = [i.name for i in session.get_inputs()]
        return session

    def _logits(self, batch: list[str]) -> np.ndarray:
        if hasattr(self, "session_"):
            encoded = self.tokenizer_(batch, padding=True, truncation=True, max_length=self.max_length, return_tensors="np")
            feeds = {name: encoded[name].astype(np.int64) for name in self.onnx_inputs_ if name in encoded}
            return self.session_.run(["logits"], feeds)[0]
        import torch

        encoded = self.tokenizer_(batch, padding=True, truncation=True, max_length=self.max_length, return_tensors="pt")
        device = next(self.torch_model_.parameters()).device
        with torch.inference_mode():
            return self.torch_model_(**{k: v.to(device) for k, v in encoded.items()}).logits.float().cpu().numpy()

    def predict_proba(self, texts: list[str]) -> np.ndarray:
        if not hasattr(self, "classes_"):
            self.load()
        texts = list(texts)
        # Length-sorted batches waste little padding; results go back to the input order.
        order = np.argsort([len(t) for t in texts], kind="stable")
        out = np.zeros((len(texts), len(self.classes_)), dtype=np.float32)
        for start in range(0, len(texts), self.batch_size):
            index = order[start:start + self.batch_size]
            logits = self._logits([texts[i] for i in index])
            logits = logits - logits.max(axis=1, keepdims=True)
            proba = np.exp(logits)
            out[index] = proba / proba.sum(axis=1, keepdims=True)
        return out


def _has_onnxruntime() -> bool:
    try:
        import onnx  # noqa: F401
        import onnxruntime  # noqa: F401
    except ImportError:
        return False
    return True


def export_onnx_fp32(model_dir: Path, path: Path) -> Path:
    """Trace the checkpoint to ONNX with dynamic batch and length axes; the output is the logits."""
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    model = AutoModelForSequenceClassification.from_pretrained(model_dir).eval()
    tokenizer = AutoTokenizer.from_pretrained(model_dir)
    sample = tokenizer(["contoh kalimat pendek", "contoh lain yang sedikit lebih panjang"], padding=True, return_tensors="pt")
    names = [n for n in ("input_ids", "attention_mask", "token_type_ids") if n in sample]

    class Logits(torch.nn.Module):
        def __init__(self, inner):
            super().__init__()
            self.inner = inner

        def forward(self, *args):
            return self.inner(**dict(zip(names, args))).logits

    torch.onnx.export(Logits(model), tuple(sample[n] for n in names), str(path), input_names=names,
                      output_names=["logits"], dynamic_axes={n: {0: "batch", 1: "tokens"} for n in names} | {"logits": {0: "batch"}},
                      opset_version=17, dynamo=False)
    return path


def export_onnx_int8(model_dir: Path, target: Path) -> Path:
    """Export to ONNX (fp32), then quantize the weights to int8 (dynamic quantization); written atomically."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    target.mkdir(parents=True, exist_ok=True)
    fp32 = export_onnx_fp32(model_dir, target / ".model-fp32.onnx")
    tmp = target / ".model-int8.onnx.tmp"
    quantize_dynamic(str(fp32), str(tmp), weight_type=QuantType.QInt8)
    tmp.replace(target / "model-int8.onnx")
    fp32.unlink(missing_ok=True)
    (target / "source.json").write_text(json.dumps({"model_dir": str(model_dir)}))
    return target / "model-int8.onnx"
