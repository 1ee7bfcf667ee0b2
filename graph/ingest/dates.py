"""Dates in a news text, at the precision the text supports.

Absolute forms ("22 September 2025", "Sept. 22", "in September 2023", "2024") are found by a
pattern and read by dateparser. Relative forms are resolved here, against the publication day
and the last date the text gave: a weekday is the most recent such day on or before publication,
"two days later" counts from the last date, "last month" is the month before publication, "in
late July" is the most recent July.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import dateparser

MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
    "|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "a": 1, "an": 1}

_DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}}) ({MONTHS})\.?,? (\d{{4}})\b")
_MONTH_DAY_YEAR = re.compile(rf"\b({MONTHS})\.? (\d{{1,2}}),? (\d{{4}})\b")
_DAY_MONTH = re.compile(rf"\b(\d{{1,2}}) ({MONTHS})\b\.?")
_MONTH_DAY = re.compile(rf"\b({MONTHS})\.? (\d{{1,2}})\b(?!,? \d{{4}})")
_MONTH_YEAR = re.compile(rf"\b(?:in |since |from |until )?(?:early |mid-|late )?({MONTHS}) (\d{{4}})\b")
_MONTH_ALONE = re.compile(rf"\bin (?:early |mid-|late )?({MONTHS})\b")
_YEAR = re.compile(r"\bin (\d{4})\b")
_WEEKDAY = re.compile(rf"\b(?:on |last |this )?({'|'.join(WEEKDAYS)})\b")
_LATER = re.compile(r"\b(\w+) (day|week)s? (later|earlier|before|after)\b")
_WEEK = {"earlier this week": 0, "this week": 0, "last week": -7}
_RELATIVE = {
    "yesterday": ("day", -1),
    "today": ("day", 0),
    "last month": ("month", -1),
    "this month": ("month", 0),
    "earlier this month": ("month", 0),
    "last year": ("year", -1),
    "this year": ("year", 0),
    "earlier this year": ("year", 0),
}


@dataclass(frozen=True)
class TextDate:
    """A date as the seed files write it (YYYY-MM-DD, YYYY-MM or YYYY) and the words it came from."""

    value: date
    precision: str  # day, month, year
    words: str

    @property
    def text(self) -> str:
        return self.value.isoformat()[: {"day": 10, "month": 7, "year": 4}[self.precision]]


def _parsed(words: str, published: date) -> date | None:
    base = datetime(published.year, published.month, published.day)
    settings = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past", "PREFER_DAY_OF_MONTH": "first"}
    found = dateparser.parse(words, languages=["en"], settings=settings)
    return found.date() if found else None


def _last_month_named(month: int, published: date) -> date:
    year = published.year if month <= published.month else published.year - 1
    return date(year, month, 1)


def _month_number(name: str) -> int:
    name = name[:3]
    return [m[:3].lower() for m in calendar.month_name[1:]].index(name) + 1


def find_date(sentence: str, published: date, last: TextDate | None = None) -> TextDate | None:
    """The first date a sentence gives, resolved against the publication day and the last date
    the text gave before it; None when the sentence gives none."""
    text = sentence.lower()
    for pattern in (_DAY_MONTH_YEAR, _MONTH_DAY_YEAR):
        match = pattern.search(text)
        if match and (day := _parsed(match.group(0), published)):
            return TextDate(day, "day", match.group(0))
    for pattern in (_DAY_MONTH, _MONTH_DAY):
        match = pattern.search(text)
        if match and (day := _parsed(match.group(0), published)):
            if day > published:  # "22 Sept" written in January means the year before
                day = day.replace(year=day.year - 1)
            return TextDate(day, "day", match.group(0))
    match = _MONTH_YEAR.search(text)
    if match:
        return TextDate(date(int(match.group(2)), _month_number(match.group(1)), 1), "month", match.group(0))
    match = _LATER.search(text)
    if match and last is not None and match.group(1) in (NUMBERS | {str(n): n for n in range(1, 32)}):
        count = NUMBERS.get(match.group(1)) or int(match.group(1))
        span = timedelta(days=count * (7 if match.group(2) == "week" else 1))
        sign = 1 if match.group(3) in ("later", "after") else -1
        return TextDate(last.value + sign * span, last.precision, match.group(0))
    for words, (unit, shift) in sorted(_RELATIVE.items(), key=lambda item: -len(item[0])):
        if re.search(rf"\b{words}\b", text):
            return _shifted(published, unit, shift, words)
    for words, shift in _WEEK.items():
        if re.search(rf"\b{words}\b", text):  # no week precision: the month its Monday falls in
            monday = published - timedelta(days=published.weekday()) + timedelta(days=shift)
            return TextDate(monday.replace(day=1), "month", words)
    match = _WEEKDAY.search(text)
    if match:
        back = (published.weekday() - WEEKDAYS.index(match.group(1))) % 7
        return TextDate(published - timedelta(days=back), "day", match.group(0))
    match = _MONTH_ALONE.search(text)
    if match:
        return TextDate(_last_month_named(_month_number(match.group(1)), published), "month", match.group(0))
    match = _YEAR.search(text)
    if match:
        return TextDate(date(int(match.group(1)), 1, 1), "year", match.group(0))
    return None


def _shifted(published: date, unit: str, shift: int, words: str) -> TextDate:
    if unit == "day":
        return TextDate(published + timedelta(days=shift), "day", words)
    if unit == "month":
        year, month = divmod(published.year * 12 + published.month - 1 + shift, 12)
        return TextDate(date(year, month + 1, 1), "month", words)
    return TextDate(date(published.year + shift, 1, 1), "year", words)
