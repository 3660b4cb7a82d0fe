"""The root URLconf: each module's pages sit behind a look-ahead for their first path segments."""

import pytest
from django.urls import Resolver404, get_resolver, path, re_path, resolve, reverse
from django.utils import translation

from kotipolku.core.permission_matrix import iter_route_names
from kotipolku.urls import first_segments


def _view():  # pragma: no cover (never called)
    return None


def test_first_segments_of_routes_and_when_there_are_none():
    assert first_segments([path("", _view), path("kasikirja/<slug:slug>/", _view), path("a.csv", _view)]) == {
        "",
        "kasikirja",
        "a.csv",
    }
    assert first_segments([path("kasikirja/", _view), path("<slug:slug>/", _view)]) is None
    assert first_segments([re_path(r"^kasikirja/$", _view)]) is None


def test_a_public_page_is_looked_up_only_in_the_module_whose_first_segment_it_has():
    with translation.override("fi"), pytest.raises(Resolver404) as caught:
        get_resolver().resolve("/fi/yhteydenotto/ei-ole/")
    tried = caught.value.args[0]["tried"]
    entered = {entry[1].urlconf_module.__name__ for entry in tried if len(entry) > 2}  # [language, module, route…]
    assert entered == {"kotipolku.intake.urls"}
    assert len([entry for entry in tried if len(entry) == 2]) >= 5  # the other modules, passed over at once


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_every_page_without_parameters_resolves_to_its_own_name(language):
    names = [
        name
        for name, pattern in iter_route_names()
        if name and "<" not in pattern and "(" not in pattern and not name.startswith(("admin:", "api:"))
    ]
    assert len(names) > 40
    with translation.override(language):
        for name in names:
            url = reverse(name)
            assert url.startswith(f"/{language}/") or url.startswith("/healthz")
            assert resolve(url).view_name == name, url
