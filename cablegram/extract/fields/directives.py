"""What a document orders its recipient to do: report back, familiarise someone, transmit, act.

'Report when it has been carried out.' (report_back), 'Familiarize Comrade Pavlov with this telegram.'
(distribute), 'Transmit the following to Fidel Castro.' (transmit), 'You are to immediately meet with ...' (act).
"""

from __future__ import annotations

import re

from cablegram.extract.fields.names import TITLED_PERSON, strip_title
from cablegram.extract.fields.sentences import sentences
from cablegram.record import Directive, Party

_TARGET = rf"(?P<target>{TITLED_PERSON}(?:\s*,\s*{TITLED_PERSON})*)"
KINDS: list[tuple[str, re.Pattern[str]]] = [
    ("report_back", re.compile(
        r"^(?:Please\s+)?(?:Report|Telegraph|Cable|Inform\s+(?:us|Moscow|the\s+Center))\b.*\b(?:carried\s+out|"
        r"fulfil+ed|fulfil+ment|execution|executed|results?|reaction|response|done|implemented)\b|"
        r"^(?:Please\s+)?Report\s+(?:back|on|immediately|at\s+once|by\s+telegraph)\b|^Confirm\s+(?:receipt|delivery)|"
        r"^(?:Об\s+исполнении\s+)?(?:Доложите|Сообщите|Телеграфируйте)\b", re.I)),
    # names are matched case-sensitively: the verbs alone ignore case
    ("distribute", re.compile(rf"^(?i:Familiari[sz]e|Acquaint|Show\s+(?:this|the\s+text)\s+to)\s+{_TARGET}")),
    ("distribute", re.compile(
        rf"^(?i:(?:Pass|Give|Send)\s+(?:a\s+)?cop(?:y|ies)\s+(?:of\s+this\s+\w+\s+)?to)\s+{_TARGET}|"
        rf"^Ознакомьте\s+(?:с\s+\w+\s+\w+\s+)?(?:тов\.\s*|товарищ\w*\s+)?(?P<ru_target>[А-ЯЁ]\w+)")),
    ("transmit", re.compile(
        r"^(?:Transmit|Convey|Deliver|Hand\s+over|Pass\s+on|Forward|Передайте|Вручите)\b", re.I)),
    ("act", re.compile(
        r"^(?:You\s+(?:are\s+to|should|must|are\s+instructed\s+to)|(?:Immediately\s+)?(?:Meet|Visit|Tell|Inform|"
        r"Instruct|Ensure|Take\s+measures)\b|Вам\s+следует|Посетите|Встретьтесь)", re.I)),
]


def find_directives(text: str) -> list[Directive]:
    """Every sentence of ``text`` that gives an order of a known kind, in order."""
    found: list[Directive] = []
    for _, sentence in sentences(text):
        for kind, pattern in KINDS:
            hit = pattern.match(sentence)
            if not hit:
                continue
            target = None
            named = hit.groupdict().get("target") or hit.groupdict().get("ru_target")
            if named:
                first = re.split(r"\s*,\s*", named)[0]
                target = Party(name=strip_title(first))
            found.append(Directive(kind=kind, text=sentence, target=target))
            break
    return found
