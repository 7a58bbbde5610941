"""Links to variations of a search are the URLs reverse + urlencode give, parameters in order."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit

from django.test import RequestFactory
from django.urls import reverse
from hypothesis import given, strategies as st

from fonds.web.search_links import SearchLinks

KEYS = st.sampled_from(["q", "type", "lang", "person", "page", "sort", "from", "format", "per_page"])
VALUES = st.text(min_size=0, max_size=12)


def links_for(pairs: list[tuple[str, str]]) -> SearchLinks:
    return SearchLinks(RequestFactory().get("/search?" + urlencode(pairs)))


def expected(params: dict[str, list[str]]) -> str:
    query = [(k, v) for k, vs in params.items() for v in vs]
    return reverse("search") + ("?" + urlencode(query) if query else "")


def request_params(pairs: list[tuple[str, str]]) -> dict[str, list[str]]:
    params: dict[str, list[str]] = {}
    for k, v in pairs:
        if k != "format":
            params.setdefault(k, [])
            if v:
                params[k].append(v)
    return params


def test_toggle_adds_a_value_after_the_others_and_removes_a_present_one():
    links = links_for([("q", "Zhou Enlai"), ("type", "Telegram"), ("page", "3"), ("format", "json")])
    assert links.toggle("type", "Letter") == "/search?q=Zhou+Enlai&type=Telegram&type=Letter"
    assert links.toggle("type", "Telegram") == "/search?q=Zhou+Enlai"
    assert links.toggle("lang", "ru") == "/search?q=Zhou+Enlai&type=Telegram&lang=ru"


def test_with_sets_or_drops_parameters_and_export_drops_paging():
    links = links_for([("q", "平壤 & co"), ("page", "2"), ("per_page", "50"), ("sort", "date")])
    assert links.with_(page=3) == "/search?q=%E5%B9%B3%E5%A3%A4+%26+co&page=3&per_page=50&sort=date"
    assert links.with_(page=None, sort=None) == "/search?q=%E5%B9%B3%E5%A3%A4+%26+co&per_page=50"
    assert links.export("csv") == "/search/export.csv?q=%E5%B9%B3%E5%A3%A4+%26+co&sort=date"
    assert links_for([]).with_(page=None) == "/search"


@given(st.lists(st.tuples(KEYS, VALUES), max_size=8), KEYS, VALUES)
def test_toggle_and_with_match_reverse_and_urlencode(pairs, key, value):
    links = links_for(pairs)
    params = request_params(pairs)
    toggled = {k: list(v) for k, v in params.items() if k != "page"}
    values = toggled.setdefault(key, [])
    values.remove(value) if value in values else values.append(value)
    assert links.toggle(key, value) == expected({k: v for k, v in toggled.items() if v})
    changed = {k: list(v) for k, v in params.items()}
    changed[key] = [value]
    assert links.with_(**{key: value}) == expected({k: v for k, v in changed.items() if v})
    assert sorted(parse_qsl(urlsplit(links.with_()).query)) == sorted((k, v) for k, vs in params.items() for v in vs)
