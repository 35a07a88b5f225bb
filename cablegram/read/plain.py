"""Plain text files, in any common encoding."""

from __future__ import annotations

from pathlib import Path

from cablegram.read.base import Text
from cablegram.read.encoding import decode


class PlainTextReader:
    formats = ("text",)

    def read(self, path: Path, data: bytes) -> Text:
        text, encoding = decode(data)
        text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
        return Text(text=text, path=path, format="text", encoding=encoding)
