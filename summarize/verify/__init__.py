"""Check that what a generated text says is backed by
its source, claim by claim, across Arabic and English.

A journalist publishes what the tool says, so each sentence of an output (a claim) is aligned to the
source sentences it rests on (lexical overlap weighted by figures, names and rare words; across
languages through the article's translation), and its figures, dates, weekdays, quotes, speakers,
names, units and polarity are checked there first, then against the whole article. Text is folded
before matching (harakat, tatweel and format marks dropped, hamza carriers plain, Arabic-Indic
digits ASCII); reported spans are the output as written. See README "summarize verify" for exactly
what is and is not checked.
"""

from .check import Finding, check
from .dates import DateMention, extract_dates
from .extract import extract_numbers
from .numbers import Quantity, parse_digits
from .quotes import extract_quotes

__all__ = ["DateMention", "Finding", "Quantity", "check", "extract_dates", "extract_numbers",
           "extract_quotes", "parse_digits"]
