"""The calendar presets by the short names documents and the command line use: 'dk', 'de-by'."""

from __future__ import annotations

import functools
from collections.abc import Callable

from .. import presets
from .._calendars._calendar import BusinessCalendar, Calendar

__all__ = ["PRESETS", "preset", "preset_name"]

#: Every preset by its name: Denmark ('dk', 'dk-xmas' with 24 December closed), Germany ('de')
#: and each German state ('de-by', 'de-mv', ...).
PRESETS: dict[str, Callable[[], BusinessCalendar]] = {
    "dk": presets.denmark,
    "dk-xmas": functools.partial(presets.denmark, christmas_eve=True),
    "de": presets.germany,
    **{
        f"de-{code.lower()}": functools.partial(presets.germany, code)
        for code in presets.GERMAN_STATES
    },
}


@functools.cache
def preset(name: str) -> BusinessCalendar:
    """The preset called ``name``, built once: calendars are immutable values, and sharing one
    lets every case assessed on it use the same compiled timeline."""
    return PRESETS[name]()


def preset_name(calendar: Calendar) -> str | None:
    """The name of the preset ``calendar`` equals, or None."""
    if not isinstance(calendar, BusinessCalendar):
        return None
    for name in PRESETS:
        if preset(name) == calendar:
            return name
    return None
