"""Korean regions in one place: their variants, their romanised forms, and the suffix rule.

data/regions_ko.txt lists provinces and metropolitan cities with their variants
("부산 부산시 부산광역시") and cities and counties by bare name ("김포"). A bare name also
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
def regions() -> tuple[dict[str, str], dict[str, str]]:
    """({Korean variant: canonical}, {romanised variant: canonical})."""
    ko, en = {}, {}
    for line in data_lines("regions_ko.txt"):
        words = line.split()
        # a line of variants ("부산 부산시 부산광역시", "경남 경상남도 경남도": one first syllable)
        # or a line of separate cities ("수원 성남 ...")
        groups = [words] if all(w[0] == words[0][0] for w in words) else [[w] for w in words]
        for group in groups:
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
