"""Where a company is and which places a programme names: a province (시·도) and a city (시·군).

Province-level names and their variants, which province each city belongs to and the groups
(수도권) come from data/regions_ko.txt (regions.py). A city name that two provinces share
(고성, and 광주 as 경기도 광주시 beside 광주광역시) is placed only when its province is written
next to it; "광주광역시" is the metropolitan city, "경기도 광주시" the city in 경기. The districts of
the metropolitan cities (광산구, 해운대구; data/districts_ko.txt) are their cities here, written in
full: "광주광역시 광산구" is Place("광주", "광산구").
"""

import re
from dataclasses import dataclass
from functools import lru_cache

from ..regions import canonical, data_lines, province_groups, provinces_of_cities, regions

METRO_SUFFIX = ("광역시", "특별시", "특별자치시")


@dataclass(frozen=True)
class Place:
    province: str | None  # canonical: 경기, 경남, 광주 (the metropolitan city) ...
    city: str | None = None  # canonical bare name: 김포, 고성 ...
    group: tuple[str, ...] = ()  # for 수도권 / 비수도권: the provinces it stands for

    def label(self) -> str:
        if self.group:
            return "·".join(self.group)
        return " ".join(x for x in (self.province, self.city) if x)


@lru_cache(maxsize=1)
def districts() -> dict[str, list[str]]:
    """{metropolitan city: its districts and counties, as written (광산구)}."""
    out = {}
    for line in data_lines("districts_ko.txt"):
        city, names = line.split(":", 1)
        out[city.strip()] = names.split()
    return out


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, set[str]], dict[str, tuple[str, ...]]]:
    """({city or district: provinces}, {group name: provinces})."""
    cities: dict[str, set[str]] = {}
    for province, names in list(provinces_of_cities().items()) + list(districts().items()):
        for c in names:
            cities.setdefault(c, set()).add(province)
    return cities, {g: tuple(p) for g, p in province_groups().items()}


def _district(word: str) -> str | None:
    return word if any(word in names for names in districts().values()) else None


@lru_cache(maxsize=1)
def provinces() -> frozenset[str]:
    cities, _ = _tables()
    all_canon = set(regions()[0].values())
    # a province that shares its name with one of its cities (제주특별자치도, 제주시) is a province too
    return frozenset(c for c in all_canon if c not in cities or c == "광주" or c in provinces_of_cities())


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern:
    words = set(regions()[0]) | set(_tables()[1]) | {d for names in districts().values() for d in names}
    alternation = "|".join(map(re.escape, sorted(words, key=len, reverse=True)))
    return re.compile(r"(?<![가-힣])(" + alternation + r")(?=[^가-힣]|[은는이가을를의에와과로도만내]|소재|지역|관내|$)")


def cities_of(province: str | None) -> list[str]:
    """The cities and counties of a province (data/regions_ko.txt)."""
    return provinces_of_cities().get(province, [])


def places_in(text: str) -> list[tuple[Place, int, int]]:
    """The places a text names, with their spans; a province followed by one of its cities is one place."""
    cities, groups = _tables()
    found = [(m.group(1), m.start(), m.end()) for m in _pattern().finditer(text)]
    out: list[tuple[Place, int, int]] = []
    i = 0
    while i < len(found):
        word, start, end = found[i]
        if word in groups:
            out.append((Place(None, None, groups[word]), start, end))
            i += 1
            continue
        canon = canonical(word) or _district(word)
        metro = word.endswith(METRO_SUFFIX)
        own_city = canon in cities and word.endswith("시") and not metro  # "제주시": the city, not 제주특별자치도
        nxt = found[i + 1] if i + 1 < len(found) else None
        if nxt and not text[end:nxt[1]].strip() and _district(nxt[0]) and canon in districts() and not own_city:
            # "광주광역시 광산구", "부산 강서구": the district of that city
            if canon in cities.get(nxt[0], ()):
                out.append((Place(canon, nxt[0]), start, nxt[2]))
                i += 2
                continue
        if metro or (canon in provinces() and canon != "광주" and not own_city):
            if nxt and nxt[1] - end <= 2 and not metro:
                city = canonical(nxt[0])
                if city in cities and canon in cities[city]:
                    out.append((Place(canon, city), start, nxt[2]))
                    i += 2
                    continue
            out.append((Place(canon), start, end))
        elif canon == "광주" and not metro:  # 광주 / 광주시 without a province: the metropolitan city unless 경기 precedes
            out.append((Place("광주"), start, end))
        elif canon in cities:
            provs = cities[canon]
            out.append((Place(next(iter(provs)) if len(provs) == 1 else None, canon), start, end))
        elif canon:
            out.append((Place(canon), start, end))
        i += 1
    return out


def place_of(address: str) -> Place | None:
    """A company's place from its address ("경기도 김포시", "김포시", "광주광역시 북구")."""
    found = places_in(address)
    if not found:
        return None
    with_city = [p for p, _, _ in found if p.city]
    return with_city[0] if with_city else found[0][0]


def question_places(regions) -> list[Place]:
    """Canonical region names a question names (["강원", "고성"]) as places: a city with the province
    named beside it that has one of that name, else the one province that has it; 광주 alone is the
    metropolitan city, 경기 + 광주 the city of 경기."""
    cities, _ = _tables()
    named = [r for r in regions if r in provinces()]
    out = []
    for r in regions:
        owners = cities.get(r, set())
        province = next((p for p in named if p in owners), None)
        if r in named and not province:  # a province (or 광주, the metropolitan city)
            continue
        if not province and len(owners) == 1:
            province = next(iter(owners))
        out.append(Place(province, r))
    return out + [Place(p) for p in named if not any(x.province == p or x.city == p for x in out)]


def covers(area: Place, company: Place) -> bool | None:
    """Whether a company at `company` is inside `area`; None when it cannot be told."""
    if area.group:
        return company.province in area.group if company.province else None
    if area.city:
        if company.city is None:
            return False if company.province and area.province and company.province != area.province else None
        if company.city != area.city:
            return False
        if area.province and company.province and area.province != company.province:
            return False
        if area.province is None and sum(area.city in cities for cities in provinces_of_cities().values()) > 1:
            return None  # "고성군" with no province: 경남 or 강원 — a look-alike is never taken for the other
        return True
    if company.province:
        return company.province == area.province
    return None
