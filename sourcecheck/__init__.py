"""sourcecheck: check the footnotes of a manuscript."""

__version__ = "0.1.0"
