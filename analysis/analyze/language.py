"""Language identification tuned for short, slangy, code-mixed Indonesian posts."""

from __future__ import annotations

from functools import lru_cache

from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

from denyut.normalize import without_emoji

# langid.py's model: restricted to languages seen around Indonesian election talk, so that
# short posts are not scattered over 97 labels.
CANDIDATES = ["id", "ms", "en", "jv", "ar", "zh", "nl", "tl", "es", "pt", "ko", "ja"]
# Words that are overwhelmingly Indonesian (after slang normalisation); code-mixed posts keep them.
MARKERS = frozenset(
    "yang dan di ke dari ini itu tidak sudah belum akan juga saja sama dengan untuk karena kalau tapi atau "
    "ada adalah banget sekali lagi masih bisa harus mau jangan kok sih deh dong nih kita kami saya aku kamu "
    "mereka jadi buat bagaimana semua terus begitu apa siapa kenapa memang mencoblos petugas parah bagus kecewa "
    "mantap sangat seperti tertawa".split()
)


@lru_cache(maxsize=1)
def _identifier() -> LanguageIdentifier:
    identifier = LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, norm_probs=True)
    identifier.set_languages(CANDIDATES)
    return identifier


def detect(normalized: str) -> str:
    """ISO 639-1 code; Malay and strongly Indonesian-marked code-mixing count as Indonesian."""
    text = without_emoji(normalized)
    tokens = text.split()
    if not tokens:
        return "und"
    marker_share = sum(token in MARKERS for token in tokens) / len(tokens)
    label, _ = _identifier().classify(text)
    if label in ("id", "ms"):
        return "id"
    # Javanese and Sundanese share many words with Indonesian: only a clear majority flips them.
    threshold = 0.4 if label == "jv" else 0.2
    if marker_share >= threshold:
        return "id"
    return label
