"""sourcecheck: check the footnotes of a manuscript."""

from citations.version import __version__

__all__ = ["__version__"]
