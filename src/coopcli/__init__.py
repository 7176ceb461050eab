"""coop: query the EU's cooperation on migration with key third countries."""

__version__ = "0.1.0"
