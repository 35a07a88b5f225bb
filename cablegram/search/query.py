"""The query language a historian types, parsed and turned into a tantivy query.

    missiles Cuba                       every word (AND is implied)
    "special folder"                    an exact phrase
    Dorticos OR Rodriguez, NOT Berlin, (A OR B) AND C, -Berlin
    from:Khrushchev to:Kennedy type:telegram classification:"top secret" lang:ru original:ru archive:RGANI
    person:Alexeyev place:Havana title:protocol body:dismantle notes:Zaemsky
    date:1962-10-22..1962-10-28  date:1962-10  date:1962  date:..1962-10-27  date:1963..
    Khrush*  Khruschev~  Khruschev~2
    Alexeyev, Алексеев                  a name in any spelling or script finds the person, through the authority file

A query that cannot be read raises BadQuery with a message saying where and why.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import tantivy

from cablegram.entities.authority import load_authority
from cablegram.entities.mentions import resolve_name
from cablegram.errors import BadQuery
from cablegram.extract.fields.doctype import doc_type_of
from cablegram.search.fields import TEXT_FIELDS, to_datetime
from cablegram.values.markings import classification_of

FIELDS = {"from", "to", "type", "classification", "lang", "language", "original", "archive", "person", "place",
          "date", "title", "body", "notes", "summary", "id", "handling"}
_TOKEN = re.compile(r'\s*(?:(?P<lpar>\()|(?P<rpar>\))|(?P<field>[A-Za-z_]+):(?P<fvalue>"[^"]*"|[^\s()]*)|'
                    r'(?P<phrase>"[^"]*")|(?P<neg>-)(?=\S)|(?P<word>[^\s()"]+))')


@dataclass
class Term:
    text: str
    field: str | None = None
    phrase: bool = False


@dataclass
class Not:
    child: Node


@dataclass
class Bool:
    op: str  # "and" | "or"
    children: list[Node]


Node = Term | Not | Bool


def tokenize(query: str) -> list[tuple[str, str, str | None]]:
    tokens: list[tuple[str, str, str | None]] = []
    pos = 0
    query = query.strip()
    while pos < len(query):
        m = _TOKEN.match(query, pos)
        if not m or m.end() == pos:
            if query[pos:].lstrip().startswith('"'):
                raise BadQuery(f"unclosed quote at position {pos + 1}: {query[pos:]!r}", 'Close the phrase with ".')
            raise BadQuery(f"cannot read {query[pos:]!r}")
        pos = m.end()
        if m.group("lpar"):
            tokens.append(("(", "(", None))
        elif m.group("rpar"):
            tokens.append((")", ")", None))
        elif m.group("field"):
            field = m.group("field").lower()
            if field not in FIELDS:
                raise BadQuery(f"unknown field {field + ':'!r}", f"Fields: {', '.join(sorted(f + ':' for f in FIELDS))}.")
            value = m.group("fvalue")
            if not value or value == '""':
                raise BadQuery(f"{field}: needs a value, as in {field}:Havana")
            tokens.append(("term", value.strip('"'), field + (":phrase" if value.startswith('"') else "")))
        elif m.group("phrase"):
            if not m.group("phrase").strip('" '):
                raise BadQuery("an empty phrase", 'Put words between the quotes: "special folder".')
            tokens.append(("term", m.group("phrase").strip('"'), "phrase"))
        elif m.group("neg"):
            tokens.append(("NOT", "-", None))
        else:
            word = m.group("word")
            tokens.append((word, word, None) if word in {"AND", "OR", "NOT"} else ("term", word, None))
    return tokens


class Parser:
    """or := and (OR and)* ; and := unary ((AND)? unary)* ; unary := NOT unary | atom ; atom := ( or ) | term"""

    def __init__(self, tokens: list[tuple[str, str, str | None]]) -> None:
        self.tokens, self.i = tokens, 0

    def peek(self) -> str | None:
        return self.tokens[self.i][0] if self.i < len(self.tokens) else None

    def parse(self) -> Node:
        if not self.tokens:
            raise BadQuery("the query is empty", "Type one or more words to search for.")
        node = self.or_()
        if self.peek() is not None:
            raise BadQuery(f"unexpected {self.tokens[self.i][1]!r}", "Check the parentheses.")
        return node

    def or_(self) -> Node:
        children = [self.and_()]
        while self.peek() == "OR":
            self.i += 1
            children.append(self.and_())
        return children[0] if len(children) == 1 else Bool("or", children)

    def and_(self) -> Node:
        children = [self.unary()]
        while self.peek() not in {None, "OR", ")"}:
            if self.peek() == "AND":
                self.i += 1
            children.append(self.unary())
        return children[0] if len(children) == 1 else Bool("and", children)

    def unary(self) -> Node:
        if self.peek() == "NOT":
            self.i += 1
            return Not(self.unary())
        return self.atom()

    def atom(self) -> Node:
        kind = self.peek()
        if kind is None:
            raise BadQuery("the query ends where a word was expected", "Remove a trailing AND, OR or NOT.")
        if kind == "(":
            self.i += 1
            node = self.or_()
            if self.peek() != ")":
                raise BadQuery("a parenthesis is not closed", "Add a ).")
            self.i += 1
            return node
        if kind in {")", "AND", "OR"}:
            raise BadQuery(f"{self.tokens[self.i][1]!r} where a word was expected")
        _, text, field = self.tokens[self.i]
        self.i += 1
        phrase = bool(field and field.endswith("phrase"))
        field = field.split(":")[0] if field and field != "phrase" else None
        return Term(text, field, phrase)


def parse(query: str) -> Node:
    return Parser(tokenize(query)).parse()


# Compiling ----------------------------------------------------------------------------------------------------------

class Compiler:
    """Turn the parsed query into tantivy queries against the index's schema."""

    def __init__(self, index: tantivy.Index, schema: tantivy.Schema,
                 expand_entity: Callable[[str], list[str]] | None = None) -> None:
        self.index, self.schema = index, schema
        self.expand_entity = expand_entity or (lambda entity_id: [entity_id])

    def compile(self, node: Node) -> tantivy.Query:
        if isinstance(node, Bool):
            occur = tantivy.Occur.Must if node.op == "and" else tantivy.Occur.Should
            positives = [c for c in node.children if not isinstance(c, Not)]
            clauses = [(occur, self.compile(c)) for c in positives]
            clauses += [(tantivy.Occur.MustNot, self.compile(c.child)) for c in node.children if isinstance(c, Not)]
            if node.op == "or" and len(positives) < len(node.children):
                raise BadQuery("NOT inside OR is ambiguous", "Use parentheses: (A OR B) NOT C.")
            if not positives:
                clauses.append((tantivy.Occur.Must, tantivy.Query.all_query()))
            return tantivy.Query.boolean_query(clauses)
        if isinstance(node, Not):
            return tantivy.Query.boolean_query([(tantivy.Occur.Must, tantivy.Query.all_query()),
                                                (tantivy.Occur.MustNot, self.compile(node.child))])
        return self.term(node)

    def _text(self, text: str, fields: list[str], phrase: bool) -> tantivy.Query:
        words = text.replace('"', " ").strip()
        if not re.search(r"\w", words):
            raise BadQuery(f"{text!r} holds no word to search for")
        quoted = f'"{words}"'
        boosts = {f: TEXT_FIELDS.get(f, 1.0) for f in fields}
        try:
            return self.index.parse_query(quoted, fields, field_boosts=boosts)
        except ValueError as exc:
            raise BadQuery(f"cannot read {text!r}: {exc}") from exc

    def _raw(self, field: str, values: list[str]) -> tantivy.Query:
        terms = [tantivy.Query.term_query(self.schema, field, v) for v in values]
        return terms[0] if len(terms) == 1 else tantivy.Query.boolean_query([(tantivy.Occur.Should, t) for t in terms])

    def _either(self, *queries: tantivy.Query | None) -> tantivy.Query:
        live = [q for q in queries if q is not None]
        return live[0] if len(live) == 1 else tantivy.Query.boolean_query([(tantivy.Occur.Should, q) for q in live])

    def _entity(self, text: str, field: str) -> tantivy.Query | None:
        entity_id = resolve_name(text)
        return self._raw(field, self.expand_entity(entity_id)) if entity_id else None

    def term(self, t: Term) -> tantivy.Query:
        field, text = t.field, t.text
        text_fields = list(TEXT_FIELDS)
        if field is None:
            if text.endswith("*") and len(text) > 2 and not t.phrase:
                return self._prefix(text[:-1])
            if (m := re.fullmatch(r"(.+?)~(\d?)", text)) and not t.phrase:
                word = m.group(1)
                return self._fuzzy(word, int(m.group(2)) if m.group(2) else (1 if len(word) < 6 else 2))
            return self._either(self._text(text, text_fields, t.phrase), self._entity(text, "entities"))
        if field in {"title", "body", "notes", "summary"}:
            return self._text(text, [field], t.phrase)
        if field in {"from", "to"}:
            return self._either(self._text(text, [f"{field}_text"], True), self._entity(text, f"{field}_entities"))
        if field == "person":
            return self._either(self._entity(text, "persons"), self._text(text, ["parties", "names", "body"], True))
        if field == "place":
            return self._either(self._entity(text, "places"), self._text(text, ["body", "parties"], True))
        if field == "type":
            kind = doc_type_of(text)[0] or text.lower().replace(" ", "_")
            return self._raw("doc_type", [kind])
        if field == "classification":
            level = classification_of(text) or text.lower().replace(" ", "_")
            return self._raw("classification", [level])
        if field == "handling":
            return self._raw("handling", [text.lower().replace(" ", "_")])
        if field in {"lang", "language", "original"}:
            code = _language_code(text)
            return self._raw("original_language" if field == "original" else "language", [code])
        if field == "archive":
            return self._text(text, ["provenance"], True)
        if field == "id":
            return self._raw("id", [text])
        if field == "date":
            return self._date(text)
        raise BadQuery(f"unknown field {field}:")

    def _prefix(self, stem: str) -> tantivy.Query:
        pattern = re.escape(stem.lower()) + ".*"
        return tantivy.Query.boolean_query([(tantivy.Occur.Should, tantivy.Query.regex_query(self.schema, f, pattern))
                                            for f in ("title", "body", "names", "parties")])

    def _fuzzy(self, word: str, distance: int) -> tantivy.Query:
        if distance > 2:
            raise BadQuery("fuzzy distance is 1 or 2", "Write word~ or word~2.")
        return tantivy.Query.boolean_query([
            (tantivy.Occur.Should, tantivy.Query.fuzzy_term_query(self.schema, f, word.lower(), distance=distance,
                                                                   transposition_cost_one=True))
            for f in ("title", "body", "names", "parties")])

    def _date(self, text: str) -> tantivy.Query:
        lo, _, hi = text.partition("..") if ".." in text else (text, "", text)
        for value in (lo, hi):
            if value and not re.fullmatch(r"\d{4}(-\d\d(-\d\d)?)?", value):
                raise BadQuery(f"cannot read the date {value!r}", "Write date:1962, date:1962-10, "
                               "date:1962-10-22..1962-10-28, date:..1962-10-27 or date:1963..")
        start = to_datetime(lo) if lo else to_datetime("1700")
        end = to_datetime(hi, end=True) if hi else to_datetime("2200", end=True)
        if start and end and start > end:
            raise BadQuery(f"the date range {text!r} ends before it begins")
        return tantivy.Query.range_query(self.schema, "date", tantivy.FieldType.Date, start, end)


def _language_code(text: str) -> str:
    from cablegram.values.languages import code_of

    return code_of(text) or text.lower()


def entity_ids_for(entity_id: str) -> list[str]:
    """An entity and the ids it is known by in markup ('frus1961-63v06:p_KNS2')."""
    entity = load_authority().get(entity_id)
    return [entity_id, *(entity.xrefs if entity else [])]
