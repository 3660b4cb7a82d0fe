"""The documented long-term homelessness rule, at its boundaries."""

import datetime as dt

from kotipolku.clients.longterm import Period, evaluate, homeless_spells, is_long_term_homeless, years_before

ON = dt.date(2026, 11, 23)
D = dt.date


def test_continuous_365_days_counts():
    """A current spell of 365 days (both ends included) is long-term (continuous)."""
    result = evaluate([Period("outdoors_shelter", D(2025, 11, 24))], on=ON)
    assert result.is_long_term and result.reason == "continuous"


def test_continuous_364_days_does_not_count():
    """A spell one day shorter is not yet long-term."""
    assert not is_long_term_homeless([Period("outdoors_shelter", D(2025, 11, 25))], on=ON)


def test_changing_homeless_category_does_not_break_the_spell():
    """Shelter, then friends the next day: one continuous spell."""
    periods = [
        Period("outdoors_shelter", D(2025, 6, 1), D(2025, 12, 31)),
        Period("friends_relatives", D(2026, 1, 1)),
    ]
    assert homeless_spells(periods, on=ON) == [(D(2025, 6, 1), ON)]
    assert evaluate(periods, on=ON).reason == "continuous"


def test_housed_today_is_not_long_term_even_after_years_homeless():
    """The flag describes today: a person housed now is not on the list."""
    periods = [Period("dormitory_hostel", D(2022, 1, 1), D(2026, 10, 1)), Period("own_rental", D(2026, 10, 2))]
    result = evaluate(periods, on=ON)
    assert not result.is_long_term and not result.homeless_now


def _three_spells(first_start: dt.date) -> list[Period]:
    return [
        Period("outdoors_shelter", first_start, first_start + dt.timedelta(days=10)),
        Period("own_rental", first_start + dt.timedelta(days=11), D(2025, 1, 31)),
        Period("friends_relatives", D(2025, 2, 1), D(2025, 3, 1)),
        Period("own_rental", D(2025, 3, 2), D(2026, 9, 30)),
        Period("outdoors_shelter", D(2026, 10, 1)),
    ]


def test_three_spells_in_three_years_count_as_repeated():
    """A first spell ending exactly on the window's first day still counts."""
    result = evaluate(_three_spells(D(2023, 11, 13)), on=ON)  # ends 2023-11-23 = ON - 3 years
    assert result.spells_in_window == 3 and result.reason == "repeated"


def test_spell_ending_the_day_before_the_window_does_not_count():
    """Only two spells overlap the window when the first ended a day earlier."""
    result = evaluate(_three_spells(D(2023, 11, 12)), on=ON)
    assert result.spells_in_window == 2 and not result.is_long_term


def test_cumulative_365_days_in_window_counts_and_364_does_not():
    """Two spells totalling 365 days within three years are long-term; 364 days are not."""
    first = Period("dormitory_hostel", D(2024, 1, 1), D(2024, 1, 1) + dt.timedelta(days=331))
    gap = Period("own_rental", first.end_date + dt.timedelta(days=1), D(2026, 10, 22))
    current = Period("outdoors_shelter", D(2026, 10, 23))  # 32 days up to ON
    result = evaluate([first, gap, current], on=ON)
    assert result.days_in_window == 364 and not result.is_long_term
    longer = Period("dormitory_hostel", first.start_date, first.end_date + dt.timedelta(days=1))
    gap2 = Period("own_rental", longer.end_date + dt.timedelta(days=1), D(2026, 10, 22))
    result = evaluate([longer, gap2, current], on=ON)
    assert result.days_in_window == 365 and result.reason == "cumulative"


def test_days_before_the_window_are_clipped():
    """Homeless days older than three years do not add to the cumulative count."""
    periods = [
        Period("institution", D(2020, 1, 1), D(2024, 1, 1)),
        Period("own_rental", D(2024, 1, 2), D(2026, 11, 1)),
        Period("outdoors_shelter", D(2026, 11, 2)),
    ]
    result = evaluate(periods, on=ON)
    assert result.days_in_window == (D(2024, 1, 1) - D(2023, 11, 23)).days + 1 + 22
    assert not result.is_long_term


def test_future_periods_are_ignored_and_leap_day_window_starts_28_feb():
    """A period starting after `on` is ignored; the window of 29 Feb 2024 starts 28 Feb 2021."""
    periods = [Period("outdoors_shelter", D(2026, 11, 1)), Period("outdoors_shelter", D(2030, 1, 1))]
    assert evaluate(periods, on=ON).current_spell_start == D(2026, 11, 1)
    assert years_before(D(2024, 2, 29), 3) == D(2021, 2, 28)


def test_no_history_is_not_long_term():
    """An empty history gives no flag."""
    assert not evaluate([], on=ON).is_long_term
