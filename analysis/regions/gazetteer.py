"""The areas and every name they go by: Kemendagri codes and names from resources/areas.csv (generated from a pinned
package by generate.py), the other names and the context words from the hand-kept resources/aliases.tsv (its header
says what each kind of line does). Built once (`gazetteer()`); core.py reads posts with it."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from denyut.errors import InputError
from denyut.fingerprint import resource

RESOURCES = Path(__file__).with_name("resources")
AREAS = resource(RESOURCES / "areas.csv")
ALIASES = resource(RESOURCES / "aliases.tsv")
WORD = re.compile(r"[^\W_]+")
CODE = re.compile(r"\d{2}(?:\.\d{2})?")
BASE_PREFIX = re.compile(r"^(?:kabupaten|kota)(?: administrasi)?\s+", re.IGNORECASE)
NAME_KINDS = ("alias", "alias_common", "location", "common", "not_common", "not_place")
WORD_KINDS = ("context", "context_capitalised", "regency_word", "city_word", "hashtag_prefix", "hashtag_suffix")
HASHTAG_DEPTH = 3  # prefixes and suffixes dropped from one hashtag, at most


@dataclass(frozen=True)
class Area:
    """A province ("35") or a regency or city ("35.78") with its Kemendagri name."""

    code: str
    name: str
    common_word: bool = False

    @property
    def province_code(self) -> str:
        return self.code[:2]

    @property
    def is_province(self) -> bool:
        return "." not in self.code

    @property
    def is_city(self) -> bool:
        """Kemendagri numbers a province's kota 71 and up, its kabupaten below."""
        return not self.is_province and int(self.code[3:]) >= 71


@dataclass(frozen=True)
class Name:
    """What a phrase names: provinces (when bare), the regencies and cities of that name, whether it needs context."""

    provinces: tuple[str, ...] = ()
    regencies: tuple[str, ...] = ()
    common: bool = False
    place: bool = True


@dataclass(frozen=True)
class Gazetteer:
    areas: dict[str, Area]
    names: dict[str, Name]  # phrase (words joined by one space) → name
    location_names: dict[str, Name]  # the same plus the location-only aliases
    joined: dict[str, Name]  # phrase without spaces → name (hashtags)
    longest: dict[str, int]  # a phrase's first word → the most words a phrase that starts with it has
    location_longest: dict[str, int]
    words: dict[str, frozenset[str]] = field(default_factory=dict)  # kind of WORD_KINDS → its words
    hashtag_prefixes: tuple[str, ...] = ()  # longest first
    tags: dict = field(default_factory=dict, compare=False, repr=False)  # hashtag body → its Hit or None, as read


def base_name(name: str) -> str:
    """'Kota Administrasi Jakarta Selatan' → 'Jakarta Selatan': the name without Kabupaten/Kota."""
    return BASE_PREFIX.sub("", name)


def phrase(text: str) -> str:
    """Words as a post's words are read: lower case, letters and digits, one space between."""
    return " ".join(WORD.findall(text.lower()))


def read_areas(path: Path = AREAS) -> dict[str, Area]:
    areas: dict[str, Area] = {}
    with open(path, encoding="utf-8", newline="") as handle:
        lines = [(number, line) for number, line in enumerate(handle, 1) if not line.startswith("#")]
    reader = csv.reader(line for _, line in lines)
    header = next(reader, None)
    if header != ["code", "name", "common_word"]:
        raise InputError(path, lines[0][0] if lines else 1, None, f"baris judul harus code,name,common_word: {header}")
    for (number, _), row in zip(lines[1:], reader):
        if len(row) != 3 or not CODE.fullmatch(row[0]) or row[2] not in ("0", "1"):
            raise InputError(path, number, "code", f"baris tidak sah: {row}")
        if "." in row[0] and row[0][:2] not in areas:
            raise InputError(path, number, "code", f"provinsi {row[0][:2]} belum ada di atas baris ini")
        areas[row[0]] = Area(row[0], row[1], row[2] == "1")
    return areas


def _official(areas: dict[str, Area]) -> dict[str, Name]:
    names: dict[str, Name] = {}
    for area in areas.values():
        key = phrase(area.name if area.is_province else base_name(area.name))
        old = names.get(key, Name())
        if area.is_province:
            names[key] = replace(old, provinces=old.provinces + (area.code,))
        else:
            names[key] = replace(old, regencies=old.regencies + (area.code,), common=old.common or area.common_word)
    return names


def _alias(path: Path, number: int, target: str, known: dict[str, Name], areas: dict[str, Area], common: bool) -> Name:
    """The Name an alias line gives: its codes, or the name of a phrase already known."""
    codes = target.split(";")
    if all(CODE.fullmatch(code) for code in codes):
        unknown = [code for code in codes if code not in areas]
        if unknown:
            raise InputError(path, number, "target", f"kode wilayah tidak dikenal: {', '.join(unknown)}")
        return Name(
            provinces=tuple(c for c in codes if "." not in c), regencies=tuple(c for c in codes if "." in c), common=common
        )
    if target not in known:
        raise InputError(path, number, "target", f"nama tujuan belum dikenal: {target!r} (tulis kode, atau nama di atas)")
    return replace(known[target], common=common, place=True)


def _apply(path: Path, number: int, line: tuple[str, str, str], names: dict, location: dict, areas: dict) -> None:
    text, kind, target = line
    if kind in ("alias", "alias_common", "location"):
        new = _alias(path, number, target, {**names, **location}, areas, kind == "alias_common")
        old = names.get(text)
        if old and CODE.fullmatch(target.split(";")[0]):  # codes added to a known phrase: it keeps its regencies
            new = replace(new, provinces=new.provinces or old.provinces, regencies=old.regencies + new.regencies)
        (location if kind == "location" else names)[text] = new
    elif kind in ("common", "not_common"):
        if text not in names or not names[text].regencies:
            raise InputError(path, number, "phrase", f"{text!r} bukan nama kabupaten/kota di areas.csv")
        if kind == "not_common" and not names[text].common:
            raise InputError(path, number, "phrase", f"{text!r} tidak ditandai common_word di areas.csv")
        names[text] = replace(names[text], common=kind == "common")
    elif kind == "not_place":
        if text in names:
            raise InputError(path, number, "phrase", f"{text!r} sudah nama tempat")
        names[text] = Name(place=False)


def read_aliases(path: Path = ALIASES) -> Iterator[tuple[int, tuple[str, str, str]]]:
    """(line number, (phrase, kind, target)) of each line of aliases.tsv, checked."""
    with open(path, encoding="utf-8") as handle:
        for number, raw in enumerate(handle, 1):
            if not raw.strip() or raw.startswith("#"):
                continue
            cells = raw.rstrip("\n").split("\t")
            text, kind, target = (cells + ["", ""])[:3]
            if kind not in NAME_KINDS + WORD_KINDS:
                raise InputError(
                    path, number, "kind", f"jenis tidak dikenal: {kind!r} (boleh: {', '.join(NAME_KINDS + WORD_KINDS)})"
                )
            if text != phrase(text):
                raise InputError(path, number, "phrase", f"tulis {phrase(text)!r}: huruf kecil, satu spasi antarkata")
            if kind in ("alias", "alias_common", "location") and not target:
                raise InputError(path, number, "target", "alias tanpa tujuan (kode atau nama)")
            yield number, (text, kind, target)


def _longest(names: dict[str, Name]) -> dict[str, int]:
    longest: dict[str, int] = {}
    for key in names:
        first, size = key.split(" ", 1)[0], key.count(" ") + 1
        longest[first] = max(size, longest.get(first, 0))
    return longest


def load_gazetteer(areas_path: Path = AREAS, aliases_path: Path = ALIASES) -> Gazetteer:
    """The areas and every name they go by, built once: what `place` reads."""
    areas = read_areas(areas_path)
    names, location = _official(areas), {}
    words: dict[str, set[str]] = {kind: set() for kind in WORD_KINDS}
    for number, line in read_aliases(aliases_path):
        if line[1] in WORD_KINDS:
            words[line[1]].add(line[0])
        else:
            _apply(aliases_path, number, line, names, location, areas)
    for key, name in list(names.items()):  # "pangkal pinang" is also written "pangkalpinang"
        names.setdefault(key.replace(" ", ""), name)
    location_names = {**names, **location}
    joined: dict[str, Name] = {}
    for key, name in location_names.items():
        if key not in location:
            joined.setdefault(key.replace(" ", ""), name)
    prefixes = words["hashtag_prefix"] | words["context"] | words["regency_word"] | words["city_word"]
    return Gazetteer(
        areas,
        names,
        location_names,
        joined,
        _longest(names),
        _longest(location_names),
        {kind: frozenset(found) for kind, found in words.items()},
        tuple(sorted(prefixes, key=lambda p: (-len(p), p))),
    )


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The shipped areas and aliases."""
    return load_gazetteer()


def area(gaz: Gazetteer, code: str) -> Area:
    """The area of a code ("35", "35.78" or "3578"); a KeyError names a code that is not one."""
    code = code.strip()
    dotted = f"{code[:2]}.{code[2:]}" if len(code) == 4 and code.isdigit() else code
    if dotted not in gaz.areas:
        raise KeyError(f"kode wilayah tidak dikenal: {code!r} (kode Kemendagri: 35 atau 35.78)")
    return gaz.areas[dotted]
