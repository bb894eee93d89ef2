"""A randomly initialised BERT sequence classifier with a real WordPiece tokenizer, saved like a
Hugging Face checkpoint: for offline tests of the loading path and for speed benchmarks."""

from __future__ import annotations

from pathlib import Path

INDOBERT_BASE = {"hidden_size": 768, "num_hidden_layers": 12, "num_attention_heads": 12, "intermediate_size": 3072,
                 "vocab_size": 30522}
TINY = {"hidden_size": 32, "num_hidden_layers": 2, "num_attention_heads": 2, "intermediate_size": 64, "vocab_size": 600}


def build(out_dir: Path, texts: list[str], size: dict = TINY, id2label: dict[int, str] | None = None, seed: int = 0) -> Path:
    import torch
    from tokenizers import Tokenizer, decoders, models, normalizers, pre_tokenizers, trainers
    from transformers import BertConfig, BertForSequenceClassification, BertTokenizerFast

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    special = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    wordpiece = Tokenizer(models.WordPiece(unk_token="[UNK]"))
    wordpiece.normalizer = normalizers.BertNormalizer(lowercase=True)
    wordpiece.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    wordpiece.decoder = decoders.WordPiece()
    wordpiece.train_from_iterator(texts, trainers.WordPieceTrainer(vocab_size=size["vocab_size"], special_tokens=special))
    vocab = [token for token, _ in sorted(wordpiece.get_vocab().items(), key=lambda item: item[1])]
    # a small corpus learns fewer pieces than the architecture has: pad with unused slots, as BERT vocabularies do
    vocab += [f"[unused{i}]" for i in range(size["vocab_size"] - len(vocab))]
    (out_dir / "vocab.txt").write_text("\n".join(vocab) + "\n", encoding="utf-8")
    tokenizer = BertTokenizerFast(vocab_file=str(out_dir / "vocab.txt"), do_lower_case=True)
    tokenizer.save_pretrained(out_dir)
    labels = id2label or {0: "positive", 1: "neutral", 2: "negative"}
    config = BertConfig(**{**size, "vocab_size": len(vocab)}, num_labels=len(labels), id2label=labels,
                        label2id={v: k for k, v in labels.items()}, max_position_embeddings=512)
    torch.manual_seed(seed)
    BertForSequenceClassification(config).eval().save_pretrained(out_dir)
    return out_dir
