"""A small bidirectional GRU over words: the part of the embedded model that reads word order
("enak tapi lama sekali", "bukan tidak bagus"), which bag-of-n-gram features cannot.

Trained with PyTorch (`make train-embedded`, the `transformers` extra); run with NumPy only, so
the light install classifies without torch. The NumPy forward pass reproduces torch.nn.GRU
(gate order r, z, n) on packed sequences: the backward direction starts at each post's last
word, never at padding.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import numpy as np
from scipy.special import expit

PAD, UNK = 0, 1
MAX_TOKENS = 100


@dataclass
class GruSettings:
    embedding: int = 128
    hidden: int = 96
    min_count: int = 2
    max_vocabulary: int = 20000
    dropout: float = 0.5
    learning_rate: float = 2e-3
    batch_size: int = 64
    max_epochs: int = 10
    seed: int = 0


def build_vocabulary(prepared: list[str], settings: GruSettings) -> list[str]:
    """Words seen at least min_count times, most frequent first (ties alphabetical: same list every run)."""
    counts = Counter(word for text in prepared for word in text.split())
    ranked = sorted((word for word, n in counts.items() if n >= settings.min_count), key=lambda w: (-counts[w], w))
    return ranked[:settings.max_vocabulary]


def encode(prepared: list[str], index: dict[str, int]) -> list[list[int]]:
    return [[index.get(word, UNK) for word in text.split()[:MAX_TOKENS]] or [UNK] for text in prepared]


def _pad(sequences: list[list[int]]) -> tuple[np.ndarray, np.ndarray]:
    width = max(len(s) for s in sequences)
    ids = np.zeros((len(sequences), width), dtype=np.int64)
    lengths = np.array([len(s) for s in sequences])
    for row, sequence in enumerate(sequences):
        ids[row, :len(sequence)] = sequence
    return ids, lengths


# -- inference (NumPy) ----------------------------------------------------------------------
class GruForward:
    """Runs one or more trained GRUs (both directions each) in a single loop over time steps.

    The input projection of every vocabulary word is computed once at load. The backward
    direction reads each post's words reversed, so all directions step together; max and mean
    pooling do not depend on word positions, so the reversed states need no re-ordering."""

    def __init__(self, models: list[tuple[dict[str, np.ndarray], list[str]]]):
        self.indexes = [{word: i + 2 for i, word in enumerate(vocabulary)} for _, vocabulary in models]
        self.tables, w_hh, b_hh = [], [], []
        for tensors, _ in models:
            embedding = tensors["embedding"].astype(np.float32)
            for d in ("f", "b"):
                self.tables.append(embedding @ tensors[f"w_ih_{d}"].astype(np.float32).T + tensors[f"b_ih_{d}"])
                w_hh.append(tensors[f"w_hh_{d}"].astype(np.float32).T)
                b_hh.append(tensors[f"b_hh_{d}"].astype(np.float32))
        self.w_hh, self.b_hh = np.stack(w_hh), np.stack(b_hh)[:, None, :]
        self.w_out = [tensors["w_out"].astype(np.float32) for tensors, _ in models]
        self.b_out = [tensors["b_out"].astype(np.float32) for tensors, _ in models]

    def logits(self, prepared: list[str], batch_size: int = 256) -> np.ndarray:
        """(models, posts, classes)."""
        encoded = [encode(prepared, index) for index in self.indexes]
        lengths = np.array([len(s) for s in encoded[0]])
        order = np.argsort(lengths, kind="stable")  # similar lengths share a batch
        out = np.zeros((len(self.w_out), len(prepared), 3), dtype=np.float32)
        for start in range(0, len(order), batch_size):
            rows = order[start:start + batch_size]
            inputs = []
            for m, sequences in enumerate(encoded):
                forward, _ = _pad([sequences[i] for i in rows])
                backward, _ = _pad([sequences[i][::-1] for i in rows])
                inputs += [self.tables[2 * m][forward], self.tables[2 * m + 1][backward]]
            maximum, mean = self._run(np.stack(inputs), lengths[rows])
            for m in range(len(self.w_out)):
                pooled = np.concatenate([maximum[2 * m], maximum[2 * m + 1], mean[2 * m], mean[2 * m + 1]], axis=1)
                out[m, rows] = pooled @ self.w_out[m].T + self.b_out[m]
        return out

    def _run(self, projected: np.ndarray, lengths: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """projected: (directions, batch, steps, 3*hidden), words left-aligned. torch.nn.GRU's gates (r, z, n)."""
        directions, batch, steps, _ = projected.shape
        hidden = self.w_hh.shape[1]
        h = np.zeros((directions, batch, hidden), dtype=np.float32)
        maximum = np.full((directions, batch, hidden), -np.inf, dtype=np.float32)
        total = np.zeros((directions, batch, hidden), dtype=np.float32)
        for t in range(steps):
            x = projected[:, :, t]
            gh = np.matmul(h, self.w_hh) + self.b_hh
            r = expit(x[..., :hidden] + gh[..., :hidden])
            z = expit(x[..., hidden:2 * hidden] + gh[..., hidden:2 * hidden])
            n = np.tanh(x[..., 2 * hidden:] + r * gh[..., 2 * hidden:])
            h = (1.0 - z) * n + z * h
            live = (t < lengths)[None, :, None]  # a finished post keeps its pooled values
            maximum = np.where(live, np.maximum(maximum, h), maximum)
            total += live * h
        return maximum, total / lengths[None, :, None]


# -- training (PyTorch) ---------------------------------------------------------------------
def train(prepared: list[str], y: np.ndarray, held_prepared: list[str], held_y: np.ndarray,
          settings: GruSettings, score) -> tuple[dict[str, np.ndarray], list[str], dict]:
    """Trains on (prepared, y); keeps the epoch whose held-out logits score best by `score(logits, y)`.

    One thread and deterministic kernels: the same seed gives the same weights on the same platform."""
    try:
        import torch
        from torch import nn
    except ImportError as error:  # the light install has no torch
        raise RuntimeError("melatih model sentimen bawaan butuh PyTorch: pip install -e '.[transformers]'") from error

    vocabulary = build_vocabulary(prepared, settings)
    index = {word: i + 2 for i, word in enumerate(vocabulary)}
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)
    try:
        torch.manual_seed(settings.seed)
        generator = torch.Generator().manual_seed(settings.seed)
        model = _TorchGru(len(vocabulary) + 2, settings, nn)
        optimiser = torch.optim.Adam(model.parameters(), lr=settings.learning_rate)
        sequences = encode(prepared, index)
        targets = torch.tensor(y, dtype=torch.long)
        best, history = None, []
        for epoch in range(settings.max_epochs):
            model.train()
            for batch in torch.randperm(len(sequences), generator=generator).split(settings.batch_size):
                ids, lengths = _pad([sequences[i] for i in batch.tolist()])
                optimiser.zero_grad()
                loss = nn.functional.cross_entropy(model(torch.from_numpy(ids), torch.from_numpy(lengths)), targets[batch])
                loss.backward()
                optimiser.step()
            tensors = model.export()
            held_score = float(score(GruForward([(tensors, vocabulary)]).logits(held_prepared)[0], held_y))
            history.append(round(held_score, 4))
            if best is None or held_score > best[0]:
                best = (held_score, epoch + 1, tensors)
    finally:
        torch.set_num_threads(threads)
        torch.use_deterministic_algorithms(False)
    return best[2], vocabulary, {"epochs": best[1], "held_out_scores": history}


def _TorchGru(vocabulary_size: int, settings: GruSettings, nn):
    import torch

    class TorchGru(nn.Module):
        def __init__(self):
            super().__init__()
            self.embedding = nn.Embedding(vocabulary_size, settings.embedding, padding_idx=PAD)
            self.gru = nn.GRU(settings.embedding, settings.hidden, batch_first=True, bidirectional=True)
            self.dropout = nn.Dropout(settings.dropout)
            self.out = nn.Linear(4 * settings.hidden, 3)

        def forward(self, ids, lengths):
            packed = nn.utils.rnn.pack_padded_sequence(self.dropout(self.embedding(ids)), lengths, batch_first=True,
                                                       enforce_sorted=False)
            states, _ = nn.utils.rnn.pad_packed_sequence(self.gru(packed)[0], batch_first=True, total_length=ids.shape[1])
            mask = (torch.arange(ids.shape[1])[None, :] < lengths[:, None]).unsqueeze(2)
            maximum = states.masked_fill(~mask, float("-inf")).max(dim=1).values
            mean = (states * mask).sum(dim=1) / lengths[:, None]
            return self.out(self.dropout(torch.cat([maximum, mean], dim=1)))

        def export(self) -> dict[str, np.ndarray]:
            g = self.gru
            with torch.no_grad():
                tensors = {"embedding": self.embedding.weight.numpy().astype(np.float16),
                           "w_out": self.out.weight.numpy().copy(), "b_out": self.out.bias.numpy().copy()}
                for d, suffix in (("f", ""), ("b", "_reverse")):
                    for name in ("weight_ih", "weight_hh", "bias_ih", "bias_hh"):
                        key = name.replace("weight", "w").replace("bias", "b") + f"_{d}"
                        tensors[key] = getattr(g, f"{name}_l0{suffix}").numpy().copy()
            return tensors

    return TorchGru()
