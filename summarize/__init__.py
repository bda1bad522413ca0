"""summarize: read Arabic and English news — detect, translate, summarise, list key points.

Importing this package is cheap: torch, transformers and ctranslate2 load only when a model is used.
"""

import sys
import types

from .version import __version__

from .api import detect, detect_article, read, run, translate, verify
from .config import Settings, load_settings
from .errors import ExitCode, SummarizeError
from .records import Article, Detection, DetectResult



class _Package(types.ModuleType):
    """Keeps the public functions on the package: importing a submodule of
    the same name (summarize.translate, summarize.detect, summarize.verify)
    would otherwise replace the function with the module."""

    def __setattr__(self, name: str, value: object) -> None:
        if name in _FUNCTIONS and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


_FUNCTIONS = frozenset({"detect", "read", "run", "translate", "verify"})
sys.modules[__name__].__class__ = _Package

__all__ = [
    "Article",
    "DetectResult",
    "Detection",
    "ExitCode",
    "SummarizeError",
    "__version__",
    "detect",
    "detect_article",
    "load_settings",
    "read",
    "run",
    "Settings",
    "translate",
    "verify",
]
