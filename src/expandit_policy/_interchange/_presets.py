"""The calendar presets by the short names documents and the command line use: 'dk', 'de-by'."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from .. import presets
from .._calendars._calendar import BusinessCalendar, Calendar

__all__ = ["PRESETS", "preset", "preset_name"]


class _AnyCase(dict[str, Callable[[], BusinessCalendar]]):
    """Presets by their names in lower case, looked up in any letter case ('DE-BY', 'de-by')."""

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and super().__contains__(_key(name))

    def __getitem__(self, name: str) -> Callable[[], BusinessCalendar]:
        return super().__getitem__(_key(name))

    def get(self, name: str, default: Any = None) -> Any:
        return super().get(_key(name), default)


def _key(name: str) -> str:
    """A preset's name as the table holds it; left alone when it is not ASCII text (no name
    is), so that no other character folds into a name."""
    return name.lower() if isinstance(name, str) and name.isascii() else name


#: Every preset by its name: Denmark ('dk', 'dk-xmas' with 24 December closed), Germany ('de')
#: and each German state ('de-by', 'de-mv', ...). Names are looked up in any letter case.
PRESETS: dict[str, Callable[[], BusinessCalendar]] = _AnyCase(
    {
        "dk": presets.denmark,
        "dk-xmas": functools.partial(presets.denmark, christmas_eve=True),
        "de": presets.germany,
        **{
            f"de-{code.lower()}": functools.partial(presets.germany, code)
            for code in presets.GERMAN_STATES
        },
    }
)


def preset(name: str) -> BusinessCalendar:
    """The preset called ``name`` (in any letter case), built once: calendars are immutable
    values, and sharing one lets every case assessed on it use the same compiled timeline."""
    return _built(_key(name))


@functools.cache
def _built(name: str) -> BusinessCalendar:
    return PRESETS[name]()


def preset_name(calendar: Calendar) -> str | None:
    """The name of the preset ``calendar`` equals, or None."""
    if not isinstance(calendar, BusinessCalendar):
        return None
    for name in PRESETS:
        if preset(name) == calendar:
            return name
    return None
