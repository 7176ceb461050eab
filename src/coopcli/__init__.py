"""coop: query the EU's cooperation on migration with key third countries."""

__version__ = "0.2.0"
