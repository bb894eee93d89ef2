
import numpy as np
import pytest

from analysis.sentiment import gru

torch = pytest.importorskip("torch", reason="the GRU is trained with PyTorch (extra 'transformers')", exc_type=ImportError)

WORDS = ["petugas", "ramah", "tapi", "antre", "lama", "sekali", "tidak", "bagus", "kpu", "rapat", "besok", "mantap"]
TEXTS = ["petugas ramah", "antre lama sekali tapi petugas ramah", "tidak bagus", "kpu rapat besok pagi jam sembilan",
         "mantap", "lama lama lama lama lama tapi bagus"]


def _torch_model(settings):
    torch.manual_seed(3)
    model = gru._TorchGru(len(WORDS) + 2, settings, torch.nn)
    with torch.no_grad():  # NumPy gets float16 embeddings: give torch the same numbers
        model.embedding.weight.copy_(model.embedding.weight.half().float())
    return model.eval()


def test_numpy_forward_equals_torch_on_a_padded_batch_of_mixed_lengths():
    settings = gru.GruSettings(embedding=16, hidden=8)
    model = _torch_model(settings)
    forward = gru.GruForward([(model.export(), WORDS)])
    index = forward.indexes[0]
    ids, lengths = gru._pad(gru.encode(TEXTS, index))
    with torch.no_grad():
        expected = model(torch.from_numpy(ids), torch.from_numpy(lengths)).numpy()
    assert np.abs(forward.logits(TEXTS, batch_size=4)[0] - expected).max() < 1e-4
    # the unknown words ("pagi", "jam", "sembilan") map to UNK, not to padding
    assert ids[3].tolist() == [index["kpu"], index["rapat"], index["besok"], 1, 1, 1, 0]


def test_several_grus_in_one_loop_equal_each_run_alone():
    settings = gru.GruSettings(embedding=16, hidden=8)
    first = _torch_model(settings).export()
    torch.manual_seed(4)
    second = gru._TorchGru(len(WORDS) + 2, settings, torch.nn).export()
    together = gru.GruForward([(first, WORDS), (second, WORDS[::-1])]).logits(TEXTS)
    assert np.allclose(together[0], gru.GruForward([(first, WORDS)]).logits(TEXTS)[0], atol=1e-6)
    assert np.allclose(together[1], gru.GruForward([(second, WORDS[::-1])]).logits(TEXTS)[0], atol=1e-6)


def test_a_post_gets_the_same_logits_alone_or_beside_longer_posts():
    forward = gru.GruForward([(_torch_model(gru.GruSettings(embedding=16, hidden=8)).export(), WORDS)])
    alone = forward.logits(["tidak bagus"])[0]
    batched = forward.logits(["tidak bagus", "antre lama sekali tapi petugas ramah " * 5])[0]
    assert np.allclose(alone[0], batched[0], atol=1e-6)


def test_training_keeps_the_best_held_out_epoch_and_is_deterministic():
    texts = ["petugas ramah bagus", "mantap petugas", "antre lama tidak bagus", "lama sekali kecewa", "kpu rapat besok",
             "rapat besok pagi"] * 8
    y = np.array([2, 2, 0, 0, 1, 1] * 8)
    settings = gru.GruSettings(embedding=8, hidden=4, max_epochs=4)
    threads = torch.get_num_threads()
    scores = []

    def score(logits, labels):
        scores.append((logits.argmax(axis=1) == labels).mean())
        return scores[-1]

    first = gru.train(texts, y, texts[:12], y[:12], settings, score)
    assert first[2]["epochs"] == int(np.argmax(scores[:4])) + 1 and len(first[2]["held_out_scores"]) == 4
    second = gru.train(texts, y, texts[:12], y[:12], settings, score)
    assert all(np.array_equal(first[0][k], second[0][k]) for k in first[0]) and first[1] == second[1]
    assert torch.get_num_threads() == threads and not torch.are_deterministic_algorithms_enabled()  # settings restored


def test_vocabulary_keeps_words_seen_twice_in_a_stable_order():
    vocabulary = gru.build_vocabulary(["b a", "a c", "b d"], gru.GruSettings(min_count=2))
    assert vocabulary == ["a", "b"]
