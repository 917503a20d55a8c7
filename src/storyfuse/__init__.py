"""storyfuse: turn articles from many outlets into verified, source-attributed stories."""

from __future__ import annotations

__version__ = "0.1.0"
