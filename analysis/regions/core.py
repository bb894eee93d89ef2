"""Where a post is from or about: its provinces and, where named, its regencies and cities (Kemendagri codes).

`place(text, location, region)` per post, with the areas and names built once (gazetteer.py).

Sources, in order of trust: (c) the source's region in the config (`region`: a province or regency code),
(b) the export's location field (a profile's "Sragen, Jawa Tengah", "jkt"), (a) the names in the text and its
hashtags. The most trusted source that names a province decides the provinces; when it names no regency, the
regencies that the less trusted sources name inside those provinces are added.

Reading a text or a location field:
- Words are runs of letters and digits of the lower-cased text (links and @mentions dropped); hashtags are also read
  on their own, their known prefixes and suffixes dropped (#PilkadaJabar, #KPUKotaBandung, #BandungJuara). A name matches whole words only ("batu" is not in
  "batubara", "bone" not in "bonus"), the longest name first ("papua barat daya" before "papua barat" before
  "papua"). "Jawa", "Sumatera", "Kalimantan", "Sulawesi" alone are islands, not provinces: they name nothing.
- A regency or city named without "Kabupaten"/"Kota" (or a word that picks one: bupati, pemkot...) when a kabupaten
  and a kota share the name (Bandung, Malang, Bekasi...) gives the province only; a name that regencies of two
  provinces share (Banjar) gives nothing unless one of those provinces is named in the same post. A bare name that
  is also a province's (Gorontalo, Bengkulu, Jambi, Yogyakarta) gives the province.
- A common name (a one-word KBBI root word such as Batu, Pati, Tegal, Medan; person names; English words: the
  common_word column of areas.csv and aliases.tsv) counts only with context: a word before it (kpu, warga, pilkada,
  kab, kota...; di/ke/dari before a capitalised name), a hashtag, a location field, or a province it lies in named
  in the same post (by a name that needs no context, or by the location field).
- A regency implies its province; several provinces and regencies in one post are all kept (in code order).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from analysis.regions.gazetteer import WORD, Area, Gazetteer, Name, area, gazetteer
from denyut.normalize import ELONGATED, MENTION, URL, split_words, vocabulary

SOURCES = ("config", "location", "text")
TAG = re.compile(r"#(\w+)")
HASHTAG_DEPTH = 3  # prefixes and suffixes dropped from one hashtag, at most
TAGS_KEPT = 100_000  # hashtags whose reading is remembered (campaigns repeat theirs)
Codes = tuple[frozenset[str], frozenset[str]]  # (province codes, regency codes)
NOTHING: Codes = (frozenset(), frozenset())


@dataclass(frozen=True)
class Place:
    """A post's provinces and regencies (each in code order) and the source that decided them."""

    provinces: tuple[Area, ...] = ()
    regencies: tuple[Area, ...] = ()
    source: str = ""  # one of SOURCES; "" when no source names a place


NOWHERE = Place()


@dataclass(frozen=True)
class Hit:
    """A name found in a post: the word before it may pick its kabupaten or kota, or make it a place (context)."""

    name: Name
    pick: str = ""  # "regency" or "city"
    context: bool = False


def _tag_hit(gaz: Gazetteer, body: str, pick: str, depth: int) -> Hit | None:
    """The place a hashtag's lower-cased body names, its known prefixes and suffixes dropped one at a time."""
    name = gaz.joined.get(body)
    if name is not None:
        return Hit(name, pick, context=True)
    if depth == 0:
        return None
    for prefix in gaz.hashtag_prefixes:
        if body.startswith(prefix) and len(body) > len(prefix):
            picked = "regency" if prefix in gaz.words["regency_word"] else "city" if prefix in gaz.words["city_word"] else pick
            hit = _tag_hit(gaz, body[len(prefix) :], picked, depth - 1)
            if hit:
                return hit
    for suffix in gaz.words["hashtag_suffix"]:
        if body.endswith(suffix) and len(body) > len(suffix):
            hit = _tag_hit(gaz, body[: -len(suffix)], pick, depth - 1)
            if hit:
                return hit
    for end in range(len(body) - 2, 2, -1):  # a name, then words of the hashtag vocabulary (#JakartaBanjir)
        rest = body[end:]
        if body[:end] in gaz.joined and (rest in vocabulary() or split_words(rest) != rest):
            return Hit(gaz.joined[body[:end]], pick, context=True)
    return None


def _word_hits(gaz: Gazetteer, words: list[str], original: str, in_location: bool) -> Iterator[Hit]:
    """The longest name at each word that starts one, left to right; a match's words are not read again."""
    names, longest = (gaz.location_names, gaz.location_longest) if in_location else (gaz.names, gaz.longest)
    capitals: list[str] | None = None
    count, end = len(words), 0
    for i in [i for i, word in enumerate(words) if word in longest]:
        if i < end:
            continue
        name, size = None, 0
        for size in range(min(longest[words[i]], count - i), 0, -1):
            name = names.get(" ".join(words[i : i + size]) if size > 1 else words[i])
            if name is not None:
                break
        if name is None:
            continue
        end = i + size
        before = words[i - 1] if i else ""
        pick = "regency" if before in gaz.words["regency_word"] else "city" if before in gaz.words["city_word"] else ""
        context = in_location or bool(pick) or before in gaz.words["context"]
        if not context and name.common and before in gaz.words["context_capitalised"]:
            capitals = WORD.findall(original) if capitals is None else capitals
            context = len(capitals) == count and capitals[i][:1].isupper()
        yield Hit(name, pick, context)


def _tag(gaz: Gazetteer, tag: str) -> Hit | None:
    body = tag.lower()
    if body not in gaz.tags:
        if len(gaz.tags) >= TAGS_KEPT:
            gaz.tags.clear()
        gaz.tags[body] = _tag_hit(gaz, ELONGATED.sub(r"\1", body).rstrip("0123456789"), "", HASHTAG_DEPTH)
    return gaz.tags[body]


def hits(gaz: Gazetteer, text: str, in_location: bool = False) -> list[Hit]:
    """Every name a text (or a location field) uses: its hashtags', then its words' (a hashtag's words are read
    as words too: #Jatim is also the word jatim)."""
    if "http" in text or "www." in text:
        text = URL.sub(" ", text)
    if "@" in text:
        text = MENTION.sub(" ", text)
    found = []
    if "#" in text:
        found = [hit for tag in TAG.findall(text) if (hit := _tag(gaz, tag)) is not None]
    words = WORD.findall(text.lower())
    longest = gaz.location_longest if in_location else gaz.longest
    if not longest.keys().isdisjoint(words):
        found.extend(_word_hits(gaz, words, text, in_location))
    return found


def _pick(codes: tuple[str, ...], named: frozenset[str]) -> Codes:
    """One regency, or the province that all the regencies of a name lie in, or nothing."""
    inside = [code for code in codes if code[:2] in named] or codes
    if len(inside) == 1:
        return frozenset({inside[0][:2]}), frozenset(inside)
    provinces = frozenset(code[:2] for code in inside)
    return (provinces, frozenset()) if len(provinces) == 1 else NOTHING


def resolve(gaz: Gazetteer, hit: Hit, named: frozenset[str]) -> Codes:
    """The codes a name gives, `named` being the provinces the post names elsewhere."""
    name = hit.name
    if not name.place:
        return NOTHING
    if hit.pick:
        picked = tuple(code for code in name.regencies if gaz.areas[code].is_city == (hit.pick == "city"))
        if picked:
            return _pick(picked, named)
    if name.provinces:
        return frozenset(name.provinces), frozenset()
    return _pick(name.regencies, named) if name.regencies else NOTHING


def find(gaz: Gazetteer, text: str, in_location: bool = False, named: frozenset[str] = frozenset()) -> Codes:
    """The province and regency codes one text (or location field) names; `named`: provinces named elsewhere."""
    found = hits(gaz, text, in_location)
    if not found:
        return NOTHING
    sure = [hit for hit in found if hit.context or not hit.name.common]
    named = named | {code for hit in sure if not hit.pick for code in hit.name.provinces}
    provinces: set[str] = set()
    regencies: set[str] = set()
    for hit in sure:
        found_provinces, found_regencies = resolve(gaz, hit, named)
        provinces |= found_provinces
        regencies |= found_regencies
    known = named | provinces
    for hit in found:
        if not (hit.context or not hit.name.common):
            candidates = {code[:2] for code in hit.name.regencies} | set(hit.name.provinces)
            if candidates & known:
                found_provinces, found_regencies = resolve(gaz, hit, frozenset(known))
                provinces |= found_provinces
                regencies |= found_regencies
    return frozenset(provinces), frozenset(regencies)


def _sources(gaz: Gazetteer, text: str, location: str, region: str | None) -> Iterator[tuple[str, Codes]]:
    """Each source's codes, most trusted first, each read only when it is needed."""
    if region:
        given = area(gaz, region)
        yield "config", (frozenset({given.province_code}), frozenset() if given.is_province else frozenset({given.code}))
    from_location = find(gaz, location, in_location=True) if location else NOTHING
    if location:
        yield "location", from_location
    yield "text", find(gaz, text, named=from_location[0])


def place(text: str, location: str = "", region: str | None = None, gaz: Gazetteer | None = None) -> Place:
    """The place of one post: `text`, the export's `location` field (may be empty), the source's `region` code from
    the config (or None). A `region` that is no Kemendagri code is a KeyError."""
    gaz = gaz or gazetteer()
    if not region and not location:  # most posts: the text alone
        provinces, regencies = find(gaz, text)
        return _place(gaz, provinces, regencies, "text") if provinces else NOWHERE
    decided, provinces, regencies = "", frozenset(), frozenset()
    for source, (found_provinces, found_regencies) in _sources(gaz, text, location, region):
        if not decided:
            if found_provinces:
                decided, provinces, regencies = source, found_provinces, found_regencies
        elif not regencies:
            regencies = frozenset(code for code in found_regencies if code[:2] in provinces)
        if regencies:
            break
    return _place(gaz, provinces, regencies, decided)


def _place(gaz: Gazetteer, provinces: frozenset[str], regencies: frozenset[str], source: str) -> Place:
    provinces = provinces | {code[:2] for code in regencies}
    return Place(tuple(gaz.areas[c] for c in sorted(provinces)), tuple(gaz.areas[c] for c in sorted(regencies)), source)


def columns(found: Place) -> dict[str, str]:
    """The four columns of the file contract: codes and names, ';'-separated in code order (empty when unknown)."""
    return {
        "province_code": ";".join(a.code for a in found.provinces),
        "province": ";".join(a.name for a in found.provinces),
        "regency_code": ";".join(a.code for a in found.regencies),
        "regency": ";".join(a.name for a in found.regencies),
    }
