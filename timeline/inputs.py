"""Reading numbers a user typed: ASCII digits only.

``str.isdigit`` and ``int()`` accept far more than ``0-9``: superscripts (``'²'.isdigit()`` is true and
``int('²')`` fails), Arabic-Indic and other decimal digits (``int('٢٠١٧') == 2017``), full-width digits,
surrounding blanks and underscores (``int('1_0') == 10``). A parameter is a number only when it is written with
the ASCII digits ``0-9``; everything else is a 400 naming the parameter, never a 500 and never a silent
translation. Regular expressions over user input use ``re.ASCII`` for the same reason (``\\d`` is every
Unicode decimal digit otherwise).
"""

from __future__ import annotations


def is_ascii_digits(value: object) -> bool:
    """Whether ``value`` is a non-empty string of the ASCII digits 0-9 and nothing else."""
    return isinstance(value, str) and value.isascii() and value.isdigit()


def ascii_int(value: object, *, maximum: int | None = None) -> int | None:
    """``value`` as an int when it is ASCII digits (at most ``maximum``), else None."""
    if not is_ascii_digits(value) or len(value) > 19:
        return None
    number = int(value)
    if maximum is not None and number > maximum:
        return None
    return number
