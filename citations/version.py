"""The version of sourcecheck, in the lowest layer so every layer can name it.

``sourcecheck.__version__`` re-exports it; ``setup.cfg`` reads it from here (``attr:``).
"""

__version__ = "0.1.0"
