"""The steps of `summarize run`, one file each: detect,
translate, summarise (or extract), key points, check.

A step is a function `step(draft, context) -> draft`: it takes the record being
built (`Draft`, frozen) and returns it with what it added; the context is what the
run was asked for and its models. A route (routes.py) is a tuple of steps; adding
a step is a function in a file here and its place in the routes that take it.
"""

from .draft import Context, Draft, Step

__all__ = ["Context", "Draft", "Step"]
