"""The version of summarize, apart from the package so that
a module of it can name it without importing it all."""

__version__ = "0.1.0"
