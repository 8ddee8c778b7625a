"""Araucaria AML (Argument Markup Language, XML) in.

- `PROP` -> a claim (id = its `identifier`); `missing="yes"` -> a claim marked
  `reconstruction` (a premise the text leaves unstated); `OWNER`s and `ROLE`s -> its note;
- `CA` (in AML a *convergent argument*, not AIF's conflict) -> one single-premise
  support per `AU` in it; `LA` (linked argument) -> one support with all its `AU`s
  as premises;
- `REFUTATION` -> an objection to the enclosing proposition (its own supports stay
  supports of the refutation);
- `INSCHEME` shared by an argument's premises and conclusion -> its scheme (the name
  trimmed);
- `TEXT` -> the source the map reconstructs, each proposition found at its `offset`
  quoted from it (attribution); `EDATA` -> authors, date and description; the
  root proposition is the thesis, even when implicit.
A file with only a `SCHEMESET` (an Araucaria scheme library) has no argument: refused
with a message. XML is read without DTD loading and with entity declarations refused
(no entity expansion, no external entities).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from xml.parsers import expat
from pathlib import Path

from argmap.errors import InputError
from argmap.formats.common import ID_RE, MAX_ID, IdAllocator, build_map, deep_recursion, slug
from argmap.model import SCHEMA_VERSION, ArgumentMap

TEXT_SOURCE = "text"
MAX_DEPTH = 1_000  # AUs inside AUs: Araucaria's analyses are a few levels deep


def parse_xml(data: bytes, path: Path | str) -> ET.Element:
    """Parse XML safely with expat: a DOCTYPE may name an external DTD (never
    fetched), but any entity declaration is refused (billion laughs, external
    entities)."""
    parser = expat.ParserCreate()
    builder = ET.TreeBuilder()

    def refuse(*_args: object) -> None:
        raise InputError(f"{path}:{parser.CurrentLineNumber}:{parser.CurrentColumnNumber + 1}: "
                         "entity declarations are not allowed in AML (refused for safety)")

    def skipped(name: str, _is_parameter: bool) -> None:  # (with a DTD expat does not read, it would drop the text)
        raise InputError(f"{path}:{parser.CurrentLineNumber}:{parser.CurrentColumnNumber + 1}: "
                         f"entity &{name}; is not defined (AML declares none; write the character itself)")

    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.EntityDeclHandler = refuse
    parser.UnparsedEntityDeclHandler = refuse
    parser.SkippedEntityHandler = skipped
    parser.StartElementHandler = builder.start
    parser.EndElementHandler = builder.end
    parser.CharacterDataHandler = builder.data
    try:
        parser.Parse(data, True)
        return builder.close()
    except expat.ExpatError as e:
        raise InputError(f"{path}:{e.lineno}:{e.offset + 1}: not well-formed XML: {expat.ErrorString(e.code)}") from None
    except (LookupError, ValueError) as e:  # the declaration names an encoding Python does not know
        raise InputError(f"{path}:1:1: cannot read the XML: {e}") from None


def from_aml(data: bytes, path: Path | str = "<aml>", name: str = "", notes: list[str] | None = None) -> ArgumentMap:
    notes = notes if notes is not None else []
    root = parse_xml(data, path)
    if root.tag != "ARG":
        raise InputError(f"{path}: not Araucaria AML (the root element is <{root.tag}>, expected <ARG>)")
    au = root.find("AU")
    if au is None:
        schemes = len(root.findall("SCHEMESET/SCHEME"))
        raise InputError(f"{path}: an Araucaria scheme set ({schemes} schemes) with no argument (<AU>) to import")
    text = (root.findtext("TEXT") or "")
    reader = _Reader(path, text)
    with deep_recursion():
        thesis = reader.unit(au, "ARG/AU", 0)
    document: dict = {
        "schema_version": SCHEMA_VERSION,
        "title": name,
        "thesis": thesis,
        "claims": reader.claims,
        "arguments": reader.arguments,
    }
    _edata(root, document, text)
    if reader.quoted:
        document["sources"] = [{"id": TEXT_SOURCE, "title": "The analysed text"}]
        document["reconstructs"] = [TEXT_SOURCE]
    if reader.offsets_off:
        notes.append(f"{reader.offsets_off} proposition(s) not found at their offset in the text: not quoted")
    return build_map(document, path, "AML analysis")


def _edata(root: ET.Element, document: dict, text: str) -> None:
    edata = root.find("EDATA")
    author = " ".join((edata.findtext("AUTHOR") or "").split()) if edata is not None else ""
    if author and author != "null":
        document["authors"] = [author]
    date = " ".join((edata.findtext("DATE") or "").split()) if edata is not None else ""
    if date:
        document["created"] = date
    parts = []
    for tag in ("SOURCE", "COMMENTS"):
        value = " ".join((edata.findtext(tag) or "").split()) if edata is not None else ""
        if value:
            parts.append(value)
    if text.strip():
        parts.append("Text: " + " ".join(text.split()))
    if parts:
        document["description"] = "\n".join(parts)


class _Reader:
    def __init__(self, path: Path | str, text: str) -> None:
        self.path, self.text = path, text
        self.ids = IdAllocator()
        self.claims: list[dict] = []
        self.arguments: list[dict] = []
        self.schemes: dict[str, set[tuple[str, str]]] = {}  # claim id -> (scheme, instance) pairs
        self.quoted = 0
        self.offsets_off = 0

    def unit(self, au: ET.Element, where: str, depth: int) -> str:
        """An AU: its proposition's claim id, after reading what supports or refutes it."""
        if depth > MAX_DEPTH:
            raise InputError(f"{self.path}: {where[:40]}...: arguments nested deeper than {MAX_DEPTH:,} levels")
        prop = au.find("PROP")
        if prop is None:
            raise InputError(f"{self.path}: {where}: an <AU> needs a <PROP>")
        claim = self.prop(prop, f"{where}/PROP")
        for child in au:
            if child.tag == "REFUTATION":
                sub = self._units(child, f"{where}/REFUTATION", 1, depth)
                self._argument(sub, "attack", claim)
            elif child.tag == "CA":
                for sub in self._units(child, f"{where}/CA", 0, depth):
                    self._argument([sub], "support", claim)
            elif child.tag == "LA":
                self._argument(self._units(child, f"{where}/LA", 2, depth), "support", claim)
        return claim

    def _units(self, element: ET.Element, where: str, needed: int, depth: int) -> list[str]:
        units = element.findall("AU")
        if len(units) < needed:
            raise InputError(f"{self.path}: {where}: needs {'an <AU>' if needed == 1 else f'at least {needed} <AU>s'}")
        return [self.unit(u, f"{where}/AU[{i + 1}]", depth + 1) for i, u in enumerate(units)]

    def prop(self, prop: ET.Element, where: str) -> str:
        proptext = prop.find("PROPTEXT")
        text = " ".join((proptext.text or "").split()) if proptext is not None else ""
        if not text:
            raise InputError(f"{self.path}: {where}: a proposition needs its <PROPTEXT>")
        ident = (prop.get("identifier") or "").strip()
        wanted = ident if ID_RE.match(ident) and len(ident) <= MAX_ID else slug(ident or text, words=6)
        claim: dict = {"id": self.ids.take(wanted), "text": text}
        note = []
        if prop.get("missing") == "yes":
            claim["reconstruction"] = True
            note.append("Implicit: the text leaves this proposition unstated (missing in Araucaria).")
        owners = [o.get("name", "").strip() for o in prop.findall("OWNER") if o.get("name", "").strip()]
        if owners:
            note.append("Held by: " + ", ".join(owners) + ".")
        roles = [f"{r.get('class', '').strip()} {r.get('element', '').strip()}".strip() for r in prop.findall("ROLE")]
        if any(roles):
            note.append("Role: " + ", ".join(r for r in roles if r) + ".")
        if note:
            claim["note"] = " ".join(note)
        self._quote(claim, proptext, prop.get("missing") == "yes")
        self.schemes[claim["id"]] = {(" ".join(s.get("scheme", "").split()), s.get("schid", ""))
                                     for s in prop.findall("INSCHEME") if s.get("scheme", "").strip()}
        self.claims.append(claim)
        return claim["id"]

    def _quote(self, claim: dict, proptext: ET.Element | None, missing: bool) -> None:
        """The proposition's place in the analysed text, as a quote of it."""
        try:
            offset = int((proptext.get("offset") if proptext is not None else None) or -1)
        except ValueError:
            offset = -1
        if missing or offset < 0:
            return
        raw = proptext.text or ""
        if self.text[offset:offset + len(raw)] == raw:
            claim["evidence"] = [{"source": TEXT_SOURCE, "quote": " ".join(raw.split()), "locator": f"character {offset}"}]
            self.quoted += 1
        else:
            self.offsets_off += 1

    def _argument(self, premises: list[str], polarity: str, target: str) -> None:
        argument: dict = {"id": self.ids.take(f"arg-{len(self.arguments) + 1}"), "premises": premises,
                          "polarity": polarity, "target": target}
        shared = set.intersection(*(self.schemes[c] for c in [*premises, target]))
        if shared:
            argument["scheme"] = sorted(shared)[0][0]
        self.arguments.append(argument)
