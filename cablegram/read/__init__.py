"""Readers: bytes on disk to Text. One reader per format; ``read_file`` picks the right one."""

from cablegram.read.base import Text, read_file

__all__ = ["Text", "read_file"]
