"""Other ways to run a batch than the local loop in `summarize.runner`; each engine imports its framework lazily."""

from __future__ import annotations

from .ray_engine import ray_available, require_ray, run_ray

__all__ = ["ray_available", "require_ray", "run_ray"]
