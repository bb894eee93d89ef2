"""Lexicon and sarcasm features: a few dense columns that carry polarity to words and
situations the labelled data rarely shows (election slang, sarcastic praise, vote intention).

Election posts say what they mean in patterns that reviews almost never use, so the columns read
five of them on top of plain word polarity:
- negation scoped to the phrase it governs ("tidak terlalu bagus", "tidak pernah korupsi"), with
  regional negators (Javanese ora, Sundanese teu/henteu, Madurese ta');
- a bad thing opposed is not a complaint ("tolak politik uang", "antikorupsi", "berantas hoaks");
- vote intention ("aku pilih 02", "coblos nomor 3"; "jangan pilih 01" the other way);
- praise by contrast: the rival's faults next to praise of one's own side ("yang lain korupsi,
  dia tetap bersih") count for the praise, not as a complaint;
- "suka" before a polar word is a habit, not a liking ("suka bohong")."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import numpy as np
from scipy import sparse

from denyut.fingerprint import resource
from denyut.normalize import SLANG, WORDS

# The one list of negation words: negation marking joins each to the word it negates
# ("tidak_bagus"), and the polarity columns read those joined tokens as negated polarity.
NEGATORS = frozenset({"tidak", "bukan", "belum", "jangan", "kurang", "tanpa", "ogah", "enggan",
                      "ora", "teu", "henteu", "ta"})
# Words a negation reaches across to the word it governs ("tidak terlalu bagus", "tidak ada yang curang").
SCOPE_MODIFIERS = frozenset({"terlalu", "begitu", "pernah", "akan", "bakal", "mau", "ingin", "bisa", "dapat", "lagi",
                             "juga", "sama", "sekali", "ada", "yang", "perlu", "usah", "boleh", "sangat", "cukup",
                             "terus", "pula", "mungkin", "seperti", "semua", "orang", "selalu", "pantas"})
SCOPE = 4  # tokens after the negator: farther than that, the negator rarely governs the word
CLAUSE_BREAKS = frozenset({"tapi", "tetapi", "namun", "melainkan", "padahal", "sedangkan", "dan", "atau", "karena",
                           "sehingga", "kalau", "jika", "walau", "meski", "sementara"})
REVERSERS = frozenset({"tolak", "menolak", "lawan", "melawan", "berantas", "memberantas", "basmi", "membasmi", "cegah",
                       "mencegah", "perangi", "memerangi", "hentikan", "stop", "anti", "bebas", "hapus", "menghapus",
                       "usut", "mengusut", "awasi", "mengawasi", "laporkan", "melaporkan", "lawanlah"})
REVERSE_SCOPE = 3
SUPPORT_VERBS = frozenset({"pilih", "memilih", "milih", "coblos", "mencoblos", "menangkan", "memenangkan", "lanjutkan"})
CANDIDATE = re.compile(r"0?[1-9]|nomor|no|paslon|pasangan|capres|cawapres|cagub|cawagub|cabup|cawabup|cawalkot|"
                       r"calon|caleg|pak|bu|bapak|ibu|beliau|abah|mas|partai")
VOTE_SCOPE = 3
RIVALS = (("sebelah",), ("yang", "lain"), ("calon", "lain"), ("paslon", "lain"), ("kubu", "lain"), ("pihak", "lain"),
          ("kandidat", "lain"), ("lawan", "politik"), ("lawannya",))
RIVAL_SCOPE = 4
# Irony markers, emoji by their names in denyut.normalize. Next to praise, an eye-roll is mockery
# on its own; applause and "katanya" are also said sincerely, so they count only with a complaint.
STRONG_IRONY = frozenset({"emo_upside_down_face", "emo_face_with_rolling_eyes", "emo_unamused_face"})
WEAK_IRONY = frozenset({"emo_clapping_hands_sign", "emo_smirking_face", "katanya", "hebatnya", "mantapnya"})
LEXICON = resource(Path(__file__).with_name("lexicon.tsv"))
NAMES = ["positive", "negative", "negated_positive", "negated_negative", "only_positive", "only_negative",
         "irony", "angry_emoji", "happy_emoji"]


@lru_cache(maxsize=1)
def lexicon() -> tuple[dict[str, int], dict[str, int]]:
    """(single words, multi-word phrases) → polarity."""
    words, phrases = {}, {}
    for line in LEXICON.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            term, polarity = line.split("\t")
            (phrases if " " in term else words)[term] = int(polarity)
    return words, phrases


@lru_cache(maxsize=1)
def _phrases() -> dict[tuple[str, ...], int]:
    return {tuple(phrase.split()): polarity for phrase, polarity in lexicon()[1].items()}


@lru_cache(maxsize=1)
def _phrase_heads() -> frozenset[str]:
    return frozenset(phrase[0] for phrase in _phrases())


def polarity(token: str) -> int:
    """The word's polarity; 'seburuk' (as bad as) reads through its prefix."""
    words = lexicon()[0]
    if token in words:
        return words[token]
    return words.get(token[2:], 0) if token.startswith("se") else 0


def _opposed(token: str) -> str:
    """'antikorupsi' or 'anti-hoaks' → the fault opposed; '' otherwise."""
    for prefix in ("anti-", "anti"):
        if token.startswith(prefix) and polarity(token[len(prefix):]) < 0:
            return token[len(prefix):]
    return ""


def _polar(token: str) -> int:
    """Polarity of a token as marked, a negated word included."""
    head, _, rest = token.partition("_")
    if rest and head in NEGATORS:
        return -polarity(rest)
    return polarity(token)


def _habit(tokens: list[str], j: int) -> bool:
    return tokens[j] == "suka" and j + 1 < len(tokens) and _polar(tokens[j + 1]) != 0


def _governed(tokens: list[str], i: int) -> int:
    """Index of the word the negator at i governs: the first polar word (or vote verb) within the
    scope, across modifiers, before a clause break; else the next word."""
    for j in range(i + 1, min(len(tokens), i + 1 + SCOPE)):
        token = tokens[j]
        if token in CLAUSE_BREAKS or token.startswith("emo_") or token in NEGATORS:
            break
        if _habit(tokens, j):
            continue  # "bukan orang yang suka bohong": the habit is what is negated
        if polarity(token) or token in SUPPORT_VERBS:
            return j
    return i + 1


def mark_negation(normalized: str) -> str:
    """'tidak bagus' → 'tidak_bagus', 'tidak terlalu bagus' → 'terlalu tidak_bagus': a classifier
    sees the negated word as its own feature, wherever in the phrase it stands."""
    tokens = normalized.split()
    out, i = [], 0
    while i < len(tokens):
        token = tokens[i]
        if token in NEGATORS and i + 1 < len(tokens) and not tokens[i + 1].startswith("emo_"):
            target = _governed(tokens, i)
            out.extend(tokens[i + 1:target])
            out.append(f"{token}_{tokens[target]}")
            i = target + 1
            continue
        out.append(token)
        i += 1
    return " ".join(out)


def _items(tokens: list[str]) -> list[tuple[int, int, bool]]:
    """(position, polarity, negated) of each polar word or phrase, longest phrase first."""
    phrases, heads, words = _phrases(), _phrase_heads(), lexicon()[0]
    out, i = [], 0
    while i < len(tokens):
        token = tokens[i]
        for size in ((3, 2) if token in heads else ()):
            phrase = tuple(tokens[i:i + size])
            if len(phrase) == size and phrase in phrases:
                out.append((i, phrases[phrase], False))
                i += size
                break
        else:
            if token in words:  # the common case, before the prefixes and joined forms
                out.append((i, words[token], False))
                i += 1
                continue
            head, _, rest = tokens[i].partition("_")
            if rest and head in NEGATORS:
                if polarity(rest):
                    out.append((i, polarity(rest), True))
            elif token.startswith("anti") and _opposed(token):
                out.append((i, -1, True))
            elif polarity(tokens[i]):
                out.append((i, polarity(tokens[i]), False))
            i += 1
    return out


def _votes(tokens: list[str]) -> tuple[int, int]:
    """(for, against): a vote verb with a candidate within reach; negated, a vote against."""
    support = against = 0
    if not any(t.rpartition("_")[2] in SUPPORT_VERBS for t in tokens):
        return 0, 0
    for i, token in enumerate(tokens):
        head, _, rest = token.partition("_")
        negated = bool(rest) and head in NEGATORS
        verb = rest if negated else token
        if verb in SUPPORT_VERBS and any(CANDIDATE.fullmatch(t) for t in tokens[i + 1:i + 1 + VOTE_SCOPE]):
            against += negated
            support += not negated
    return support, against


RIVAL_WORDS = frozenset(marker[-1] for marker in RIVALS)


def _rival_spans(tokens: list[str]) -> set[int]:
    """Positions that describe the other side ("yang lain korupsi", "sebelah cuma pencitraan")."""
    spans: set[int] = set()
    if RIVAL_WORDS.isdisjoint(tokens):
        return spans
    for i in range(len(tokens)):
        for marker in RIVALS:
            if tuple(tokens[i:i + len(marker)]) == marker:
                start = i + len(marker)
                for j in range(start, min(len(tokens), start + RIVAL_SCOPE)):
                    if tokens[j] in CLAUSE_BREAKS:
                        break
                    spans.add(j)
    return spans


def features(prepared: list[str], scale: float) -> sparse.csr_matrix:
    """One row per text prepared by analysis.sentiment.embedded.features_text (negation already marked)."""
    rows = np.zeros((len(prepared), len(NAMES)), dtype=np.float32)
    for row, text in enumerate(prepared):
        tokens = text.split()
        pos = neg = negated_pos = negated_neg = rival_neg = 0
        strong = len(STRONG_IRONY.intersection(tokens))
        weak = len(WEAK_IRONY.intersection(tokens))
        reversed_until = -1
        reversers = [i for i, t in enumerate(tokens) if t in REVERSERS]
        rivals = _rival_spans(tokens)
        # Emoji count in the polarity columns too: the reviews the model learns from have few
        # emoji, so their own columns get little weight, while the polarity columns get a lot.
        emoji = [polarity(t) for t in tokens if t.startswith("emo_")]
        angry = sum(p < 0 for p in emoji)
        happy = sum(p > 0 for p in emoji)
        for i, sign, negated in _items(tokens):
            if _habit(tokens, i):
                continue
            opposed = any(i - REVERSE_SCOPE <= r < i for r in reversers) and i > reversed_until
            if negated:
                negated_pos += sign > 0
                negated_neg += sign < 0
            elif sign < 0 and opposed:
                negated_neg += 1  # the first bad thing after "tolak" is what is opposed
                reversed_until = i
            elif sign < 0 and i in rivals:
                rival_neg += 1
            else:
                pos += sign > 0
                neg += sign < 0
        support, against = _votes(tokens)
        pos += support
        neg += against
        # The rival's faults next to praise are praise by contrast; on their own, an attack.
        if pos == 0:
            neg += rival_neg
        ironic = pos > 0 and (strong > 0 or (weak > 0 and neg + negated_pos > 0))
        if ironic:  # the praise is mockery: read it with the weight the reviews taught for complaints
            pos, neg = 0, neg + pos
        negative_total = neg + negated_pos
        rows[row] = [pos, neg, negated_pos, negated_neg, pos > 0 and negative_total == 0, negative_total > 0 and pos == 0,
                     ironic, angry, happy]
    return sparse.csr_matrix(np.log1p(rows) * scale)


def resource_files() -> tuple[Path, ...]:
    """The word lists that change what the model reads: part of the embedded model's version."""
    return LEXICON, SLANG, WORDS
