"""The archive on disk: records, their sources, and a full-text index."""

from cablegram.store.sqlite import Archive

__all__ = ["Archive"]
