"""summarize: read Arabic and English news — detect, translate, summarise, list key points.

Importing this package is cheap: torch, transformers and ctranslate2 load only when a model is used.
"""

__version__ = "0.1.0"

from .api import detect, detect_article, read, run, translate, verify
from .config import Settings, load_settings
from .errors import ExitCode, SummarizeError
from .records import Article, Detection, DetectResult

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
