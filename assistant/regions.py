"""Korean regions in one place: their variants, their romanised forms, and the suffix rule.

data/regions_ko.txt lists provinces and metropolitan cities with their variants
("부산 부산시 부산광역시"), the cities and counties of each province by bare name ("경기: … 김포 …")
and groups of provinces ("수도권 = 서울 경기 인천"). A bare name also
stands for itself plus an administrative suffix (김포시, 음성군); English forms are made from
these by romanisation (korean-romanizer), never listed by hand.
"""

import re
from functools import lru_cache
from importlib import resources

ADMIN_SUFFIXES = ("시", "군", "도", "구")


def data_lines(name: str):
    """Non-empty, non-comment lines of a file in assistant/data."""
    with resources.files("assistant.data").joinpath(name).open(encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.strip() and not line.startswith("#"):
                yield line


def romanise(word: str) -> str:
    from korean_romanizer.romanizer import Romanizer

    return re.sub(r"[^a-z]", "", Romanizer(word).romanize().lower())


def bare(name: str) -> str | None:
    """김포시 -> 김포, 음성군 -> 음성: the name without its administrative suffix (None if it has none)."""
    if len(name) >= 3 and name.endswith(ADMIN_SUFFIXES):
        return name[:-1]
    return None


@lru_cache(maxsize=1)
def _lines() -> tuple[list[list[str]], dict[str, list[str]], dict[str, list[str]]]:
    """data/regions_ko.txt as (variant lines of provinces, {province: cities}, {group: provinces})."""
    variants, cities, groups = [], {}, {}
    for line in data_lines("regions_ko.txt"):
        if "=" in line:  # "수도권 = 서울 경기 인천"
            name, _, rest = line.partition("=")
            groups[name.strip()] = rest.split()
        elif ":" in line:  # "경기: 수원 성남 ..."
            name, _, rest = line.partition(":")
            cities[name.strip()] = rest.split()
        else:  # "부산 부산시 부산광역시"
            variants.append(line.split())
    return variants, cities, groups


def place_names() -> set[str]:
    """Every name of a province, city or county as data/regions_ko.txt writes it."""
    variants, cities, _ = _lines()
    return {w for group in variants for w in group} | {c for names in cities.values() for c in names}


def provinces_of_cities() -> dict[str, list[str]]:
    """{province: its cities and counties} (a name two provinces share is under both)."""
    return _lines()[1]


def province_groups() -> dict[str, list[str]]:
    """{수도권/비수도권: the provinces it stands for}."""
    return _lines()[2]


@lru_cache(maxsize=1)
def regions() -> tuple[dict[str, str], dict[str, str]]:
    """({Korean variant: canonical}, {romanised variant: canonical})."""
    ko, en = {}, {}
    variants, cities, _ = _lines()
    for group in variants + [[c] for names in cities.values() for c in names]:
        canonical = group[0]
        for w in group + [group[0] + s for s in ADMIN_SUFFIXES[:3]]:
            ko.setdefault(w, canonical)
            en.setdefault(romanise(w), canonical)
    return ko, en


def canonical(word: str) -> str | None:
    """The canonical region a Korean word names (김포시 -> 김포), or None."""
    ko = regions()[0]
    return ko.get(word) or (ko.get(bare(word)) if bare(word) else None)


@lru_cache(maxsize=1)
def region_variants() -> dict[str, tuple[str, ...]]:
    """{canonical region: every Korean way of writing it} ("부산": 부산, 부산시, 부산광역시, ...)."""
    out: dict[str, list[str]] = {}
    for variant, canon in regions()[0].items():
        out.setdefault(canon, []).append(variant)
    return {k: tuple(v) for k, v in out.items()}


def mentions_region(region: str, text: str) -> bool:
    return any(v in text for v in region_variants().get(region, (region,)))


@lru_cache(maxsize=1)
def _region_pattern() -> re.Pattern:
    variants = sorted(regions()[0], key=len, reverse=True)
    # a region word stands alone or before a particle, not inside another word (김포공항 counts, 경기도 too)
    return re.compile(r"(?<![가-힣])(" + "|".join(map(re.escape, variants)) + r")")


def regions_in(text: str) -> list[str]:
    """Canonical regions named in `text`, in order, each once."""
    ko = regions()[0]
    return list(dict.fromkeys(ko[m.group(1)] for m in _region_pattern().finditer(text)))
