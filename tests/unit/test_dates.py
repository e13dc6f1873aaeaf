"""Dates: calendar months in Python and in Z3 agree, and day validity is exact."""

from __future__ import annotations

import datetime

import z3
from hypothesis import given, settings
from hypothesis import strategies as st

from charterlogic.model import types as m
from charterlogic.smt.from_ground import compare, split, valid_date

DAYS = st.dates(min_value=datetime.date(1901, 1, 1), max_value=datetime.date(2090, 12, 31))


def test_six_months_keeps_the_day_and_runs_past_a_short_month():
    assert m.number_date(m.add_months(20240315, 6)) == "2024-09-15"
    assert m.number_date(m.add_months(20230831, 6)) == "2024-02-31"  # takes effect 2024-03-01
    assert m.add_months(20230831, 6) > m.date_number(datetime.date(2024, 2, 29))
    assert m.add_months(20230831, 6) < m.date_number(datetime.date(2024, 3, 1))


@settings(max_examples=60, deadline=None)
@given(DAYS, DAYS, st.integers(min_value=0, max_value=24))
def test_symbolic_shift_and_order_agree_with_python(a, b, months):
    left, right = m.date_number(a), m.date_number(b)
    shifted = split(left)
    symbolic = compare(">=", split(right), (shifted[0] + months, shifted[1]))
    expected = right >= m.add_months(left, months)
    assert z3.is_true(z3.simplify(symbolic)) == expected


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=1901, max_value=2099), st.integers(1, 12), st.integers(1, 31))
def test_valid_date_is_exactly_the_calendar(year, month, day):
    try:
        datetime.date(year, month, day)
        real = True
    except ValueError:
        real = False
    months = year * 12 + month - 1
    assert z3.is_true(z3.simplify(valid_date((z3.IntVal(months), z3.IntVal(day))))) == real
