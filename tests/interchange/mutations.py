"""Hypothesis strategies that break valid documents the ways careless and hostile writers do:
a field dropped, renamed or added, a value of another JSON type, numbers at and past every
limit, text with control characters and lone surrogates, nesting at and far past the limit, a
"type" that names another class or is missing.

A mutated document is a JSON-ready dict in which some values may be *markers*: stand-ins for
what a dict cannot hold cheaply or JSON text cannot hold at all (nesting 100,000 deep, an integer
of 5,000 digits). :func:`realise` turns the markers into Python values, :func:`as_text` into
JSON text; both without recursion, so that the test itself never hits Python's recursion limit.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from hypothesis import strategies as st

from expandit_policy._interchange._text import MAX_DEPTH


class Marker:
    """A value that :func:`realise` and :func:`as_text` build late."""

    def __init__(self, kind: str, size: int) -> None:
        self.kind = kind
        self.size = size

    def __repr__(self) -> str:
        return f"Marker({self.kind!r}, {self.size})"


#: Numbers at and just past every limit of the format, and far past them.
EXTREME_NUMBERS: st.SearchStrategy[Any] = st.sampled_from(
    [
        0,
        -1,
        2**63,
        10**30,
        -(10**30) + 1,
        10**308,
        10**309,
        1e308,
        -1e308,
        1.7976931348623157e308,
        1e-308,
        5e-324,
        float("inf"),
        float("-inf"),
        float("nan"),
        "1e308",
        "1e309",
        "1e-308",
        "1e-309",
        "1e-30",
        "1e-31",
        "1e-999999999",
        "-1e+999999999",
        "0e-999999999",
        "9" * 31 + ".9999",
        "9" * 30 + ".99999",
        "1/3",
        "1/0",
        "9" * 400 + "/7",
        "0.1e-308",
    ]
)

#: Text that has broken or fooled programs: controls, surrogates, separators, bidi overrides.
HOSTILE_TEXT: st.SearchStrategy[str] = st.one_of(
    st.sampled_from(
        ["", " ", "\x1b[2J", "\x07", "R-\ud800", "\udfff", "a\r\nb", "\u2028", "\x00", "\u202e"]
    ),
    st.text(st.characters(categories=["Cc", "Cs", "Zl", "Zp", "Cf"]), min_size=1, max_size=5),
    st.text(max_size=12),
)

#: Nesting at the limit, one level past it, and far past anything a parser allows.
NESTING: st.SearchStrategy[Marker] = st.sampled_from(
    [MAX_DEPTH - 3, MAX_DEPTH - 2, MAX_DEPTH - 1, MAX_DEPTH, MAX_DEPTH + 1, 1_000, 100_000]
).flatmap(lambda n: st.sampled_from([Marker("lists", n), Marker("objects", n)]))

#: Integers too long for Python to read from text (more than 4300 digits).
HUGE_INTEGERS: st.SearchStrategy[Marker] = st.sampled_from([Marker("digits", 5_000)])

OTHER_VALUES: st.SearchStrategy[Any] = st.sampled_from(
    [None, True, False, [], {}, [[]], {"type": "Replied"}, {"type": "ComposedCalendar"}, "dk"]
)

TYPE_NAMES = st.sampled_from(
    ["Case", "Closed", "Replied", "BusinessHours", "BusinessCalendar", "Money", "Nope", 7, None]
)


def _entries(node: Any) -> list[Any]:
    return list(node) if isinstance(node, dict) else list(range(len(node)))


@st.composite
def mutations(draw: st.DrawFn, document: dict[str, Any], *, at_most: int = 3) -> dict[str, Any]:
    """``document`` (not changed) with one to ``at_most`` mutations, each at a random place."""
    doc = json.loads(json.dumps(document))  # a copy, and plain JSON types
    for _ in range(draw(st.integers(1, at_most))):
        node: Any = doc
        while True:
            keys = _entries(node)
            if not keys:
                break
            key = draw(st.sampled_from(keys))
            child = node[key]
            if isinstance(child, dict | list) and child and draw(st.booleans()):
                node = child
                continue
            _mutate(draw, node, key)
            break
    return doc  # type: ignore[no-any-return]


def _mutate(draw: st.DrawFn, node: Any, key: Any) -> None:
    how = draw(
        st.sampled_from(
            ["drop", "retype", "number", "text", "nest", "huge", "rename", "add", "tag", "wrap"]
        )
    )
    if how == "drop":
        del node[key]
    elif how == "retype":
        node[key] = draw(st.one_of(OTHER_VALUES, st.integers(-5, 5), st.floats(allow_nan=False), st.text(max_size=5)))  # fmt: skip
    elif how == "number":
        node[key] = draw(EXTREME_NUMBERS)
    elif how == "text":
        value = node[key]
        text = draw(HOSTILE_TEXT)
        node[key] = value + text if isinstance(value, str) and draw(st.booleans()) else text
    elif how == "nest":
        node[key] = draw(NESTING)
    elif how == "huge":
        node[key] = draw(HUGE_INTEGERS)
    elif how == "rename" and isinstance(node, dict):
        node[str(key) + draw(st.sampled_from(["_", "s", "\x1b"]))] = node.pop(key)
    elif how == "add" and isinstance(node, dict):
        node[draw(st.sampled_from(["extra", "type", "schema", "", "\ud800"]))] = draw(OTHER_VALUES)
    elif how == "tag" and isinstance(node, dict):
        node["type"] = draw(TYPE_NAMES)
    else:  # wrap the value in a list or an object
        node[key] = draw(st.sampled_from([[node[key]], {"value": node[key]}]))


def _nested(marker: Marker) -> Any:
    value: Any = [] if marker.kind == "lists" else {}
    for _ in range(marker.size - 1):
        value = [value] if marker.kind == "lists" else {"a": value}
    return value


def _walk(value: Any) -> Iterator[tuple[Any, Any]]:
    """Every (container, key) of ``value``, without recursion."""
    stack = [value]
    while stack:
        node = stack.pop()
        if isinstance(node, dict | list):
            for key in _entries(node):
                yield node, key
                stack.append(node[key])


def realise(document: Any) -> Any:
    """``document`` with its markers made into Python values (a copy; nested values shared)."""
    doc = json.loads(json.dumps(document, default=lambda m: f"\x00{id(m)}\x00"))
    found = {id(node[key]): node[key] for node, key in _walk(document) if isinstance(node[key], Marker)}  # fmt: skip
    for node, key in list(_walk(doc)):
        value = node[key]
        if isinstance(value, str) and value.startswith("\x00") and value.endswith("\x00"):
            ident = value.strip("\x00")
            if ident.isdigit() and int(ident) in found:
                marker = found[int(ident)]
                node[key] = (
                    7 * (10**marker.size - 1) // 9 if marker.kind == "digits" else _nested(marker)
                )
    return doc


def as_text(document: Any, *, ensure_ascii: bool = False) -> str:
    """``document`` as JSON text, its markers written out (NaN and Infinity as Python writes
    them, which is not JSON)."""
    markers: dict[str, str] = {}

    def placeholder(marker: Marker) -> str:
        name = f"\x00{len(markers)}\x00"
        if marker.kind == "digits":
            markers[json.dumps(name)] = "7" * marker.size
        elif marker.kind == "lists":
            markers[json.dumps(name)] = "[" * marker.size + "]" * marker.size
        else:
            markers[json.dumps(name)] = '{"a": ' * (marker.size - 1) + "{}" + "}" * (marker.size - 1)  # fmt: skip
        return name

    text = json.dumps(document, default=placeholder, ensure_ascii=ensure_ascii)
    for name, written in markers.items():
        text = text.replace(name, written, 1)
    return text


def frozen(value: Any) -> list[Any]:
    """A flat record of ``value``'s structure and contents, built without recursion, to check
    that nothing changed it."""
    out: list[Any] = []
    stack = [value]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            out.append(("dict", id(node), tuple(node)))
            stack.extend(node.values())
        elif isinstance(node, list):
            out.append(("list", id(node), len(node)))
            stack.extend(node)
        else:
            out.append((type(node), repr(node) if not isinstance(node, int) else node))
    return out
