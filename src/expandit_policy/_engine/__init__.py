"""The compiled timeline behind every business calendar (private).

A calendar's open time is compiled, one local year at a time, into sorted, disjoint intervals of
integer microseconds since the epoch, with prefix sums of their lengths that start at 0 in each
year. With those arrays every query is a few bisections, and a year's total open time (kept for
every year ever compiled) carries a query across the years in between:

* ``_index``: the pure-integer interval index (interval algebra, :class:`YearIndex`);
* ``_zones``: the conversion layer between instants and local wall time (:class:`ZoneYear`);
* ``_timeline``: a calendar's bounded cache of compiled years and the queries over them.
"""

from ._index import Interval as Interval
from ._index import YearIndex as YearIndex
from ._index import clip as clip
from ._index import intersect as intersect
from ._index import merge as merge
from ._index import subtract as subtract
from ._timeline import CACHED_YEARS as CACHED_YEARS
from ._timeline import NEVER_OPEN_YEARS as NEVER_OPEN_YEARS
from ._timeline import Compiled as Compiled
from ._timeline import NeverOpensError as NeverOpensError
from ._timeline import NoBreakError as NoBreakError
from ._timeline import OutOfRangeError as OutOfRangeError
from ._timeline import QuickTotal as QuickTotal
from ._timeline import Source as Source
from ._timeline import Timeline as Timeline
from ._timeline import Wall as Wall
from ._zones import MAX_YEAR as MAX_YEAR
from ._zones import MIN_YEAR as MIN_YEAR
from ._zones import ZoneYear as ZoneYear
from ._zones import zone_year as zone_year
