"""AIF (Argument Interchange Format) JSON, as written by AIFdb and OVA, in and out.

Import (classic `{"nodes", "edges"}` or OVA3's `{"AIF": {...}}`):
- I-node -> claim (id = the nodeID when it is a valid id, else `i` + a slug of it);
- RA -> support argument: every I-node edge into the RA is a (linked) premise, every
  edge out of it names a conclusion (one argument per conclusion);
- CA -> attack: on a claim (rebut or undermine), or an undercut when the CA points at
  an RA or CA node (the attacked inference);
- MA (rephrase) -> kept as a link: a support argument from the rephrasing to the
  rephrased claim with the scheme "Rephrase" (or the MA's own scheme);
- PA (preference) -> a note on the preferred claim or argument ("Preferred over: ...");
- L, TA, YA (the dialogue layer) and edges touching them are dropped;
- scheme: the node's `scheme`, else its text unless that is a generic label ("RA",
  "Default Inference", ...), else its `schemeID` (or OVA3's `schemefulfillments`);
  a name the scheme catalogue knows ("ExpertOpinion") becomes its id
  ("expert-opinion"), any other is kept as written. OVA3's critical-question links
  (`cqdescriptorfulfillments`) name questions by AIFdb's numeric descriptor ids, which
  have no match in the catalogue: they are counted in the notes, not kept.

Export writes classic AIF (I, RA, CA nodes and edges) plus an `argmap` object with
what AIF has no place for (title, thesis, claim titles, tags, notes, evidence,
sources, scheme ids and critical-question states), so `argmap import` reads the file back into the same map; other AIF tools
ignore it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from argmap.errors import InputError
from argmap.formats.common import (
    ID_RE,
    MAX_ID,
    IdAllocator,
    claim_extra_fields,
    drop_dangling,
    drop_dangling_answers,
    drop_unknown_evidence,
    question_dicts,
    read_questions,
    scheme_from_name,
    scheme_name,
    most_targeted_claim,
    read_claim_fields,
    read_reconstructs,
    slug,
)
from argmap.model import SCHEMA_VERSION, Argument, ArgumentMap, Claim, Source, item_dict, valid_item_dict

DIALOGUE_TYPES = {"L", "TA", "YA"}
GENERIC_TEXTS = {"", "ra", "ca", "ma", "pa", "default inference", "default conflict", "default rephrase", "default preference"}


def unwrap(data: Any) -> dict | None:
    """The {nodes, edges} graph of classic AIF or of an OVA3 save file, else None."""
    if isinstance(data, dict) and isinstance(data.get("AIF"), dict):
        data = data["AIF"]
    if isinstance(data, dict) and isinstance(data.get("nodes"), list) and isinstance(data.get("edges"), list):
        return data
    return None


def _scheme(node: dict, fulfilled: Any = None) -> str | None:
    """`fulfilled`: the scheme id OVA3's `schemefulfillments` gives the node."""
    if node.get("scheme") not in (None, ""):
        return str(node["scheme"])
    text = " ".join(str(node.get("text") or "").split())
    if text.lower() not in GENERIC_TEXTS:
        return text
    scheme_id = node.get("schemeID") if node.get("schemeID") not in (None, "") else fulfilled
    if scheme_id not in (None, "") and not text.lower().startswith("default "):
        return str(scheme_id)  # (a "Default ..." node's id is the default's)
    return None


SCHEME_TYPES = ("RA", "CA", "MA")


def from_aif(data: Any, path: Path | str = "<aif>", name: str = "", notes: list[str] | None = None) -> ArgumentMap:
    """The argmap map of an AIF graph; what it leaves out goes to `notes`."""
    notes = notes if notes is not None else []
    graph = unwrap(data)
    if graph is None:
        raise InputError(f"{path}: not AIF JSON (expected an object with 'nodes' and 'edges', or an OVA file with 'AIF')")
    reader = _AifReader(graph, path, notes)
    claims, arguments = reader.claims(), reader.arguments()
    kept = drop_dangling(claims, arguments)
    if len(kept) < len(arguments):
        notes.append(f"left out {len(arguments) - len(kept)} scheme node(s) aimed at one that could not be kept")
    arguments = kept
    for item in claims + arguments:
        if item["id"] in reader.preferences:
            item["note"] = "\n".join(reader.preferences[item["id"]])
    extra = graph.get("argmap") if isinstance(graph.get("argmap"), dict) else {}
    _apply_extra(extra, claims, arguments, notes)
    drop_dangling_answers(arguments, notes)
    if not claims:
        claims.append({"id": reader.ids.take("thesis"), "text": name or "(empty AIF map)"})
    document = _document(extra, name, claims, arguments)
    try:
        return ArgumentMap.model_validate(document)
    except ValidationError as e:
        raise InputError(f"{path}: the AIF graph does not make a valid map: {e.errors()[0]['msg']}") from None


class _AifReader:
    """One AIF graph, read into claim and argument dicts (the argmap format's shape).

    Construction checks the nodes and edges and drops the dialogue layer; `claims()`
    then `arguments()` build the items (arguments need the claims' ids), and
    `preferences` collects the PA nodes as notes per claim or argument id."""

    def __init__(self, graph: dict, path: Path | str, notes: list[str]) -> None:
        self.notes = notes
        self.nodes = _nodes(graph, path)
        self._read_fulfilments(graph)
        self.into: dict[str, list[str]] = {}
        self.out_of: dict[str, list[str]] = {}
        self._read_edges(graph, path)
        self.ids = IdAllocator()
        self.claim_of: dict[str, str] = {}  # I-node id -> claim id
        self.arg_ids: dict[str, list[str]] = {}  # scheme node id -> an argument id per target
        self.preferences: dict[str, list[str]] = {}

    def _read_edges(self, graph: dict, path: Path | str) -> None:
        for i, edge in enumerate(graph["edges"]):
            if not isinstance(edge, dict) or "fromID" not in edge or "toID" not in edge:
                raise InputError(f"{path}: edges[{i}]: an edge needs 'fromID' and 'toID'")
            a, b = str(edge["fromID"]), str(edge["toID"])
            if a not in self.nodes or b not in self.nodes:
                raise InputError(f"{path}: edges[{i}]: edge {a} -> {b} names a node that does not exist")
            if self.nodes[a]["type"] in DIALOGUE_TYPES or self.nodes[b]["type"] in DIALOGUE_TYPES:
                continue
            self.out_of.setdefault(a, []).append(b)
            self.into.setdefault(a, [])
            self.into.setdefault(b, []).append(a)
        dialogue = sorted(n["type"] for n in self.nodes.values() if n["type"] in DIALOGUE_TYPES)
        if dialogue:
            counts = ", ".join(f"{dialogue.count(t)} {t}" for t in sorted(set(dialogue)))
            self.notes.append(f"left out the dialogue layer ({counts} nodes)")

    def _read_fulfilments(self, graph: dict) -> None:
        """OVA3 keeps a node's scheme id apart, in `schemefulfillments`."""
        self.fulfilled: dict[str, Any] = {}
        for f in graph.get("schemefulfillments") or []:
            if isinstance(f, dict) and str(f.get("nodeID")) in self.nodes:
                self.fulfilled.setdefault(str(f["nodeID"]), f.get("schemeID"))
        cq = [f for f in graph.get("cqdescriptorfulfillments") or [] if isinstance(f, dict)]
        if cq:
            self.notes.append(f"left out {len(cq)} critical-question link(s) (cqdescriptorfulfillments): "
                              "AIFdb's question ids have no match in argmap's scheme catalogue")

    def _id_for(self, node_id: str, prefix: str) -> str:
        valid = ID_RE.match(node_id) and len(node_id) <= MAX_ID
        return self.ids.take(node_id if valid else prefix + slug(node_id, fallback="node"))

    def claims(self) -> list[dict]:
        claims = []
        for nid, node in self.nodes.items():
            if node["type"] == "I":
                self.claim_of[nid] = cid = self._id_for(nid, "i")
                claims.append({"id": cid, "text": " ".join(str(node.get("text") or "").split())})
        return claims

    def _targets(self, nid: str) -> list[str]:
        """The claims and scheme nodes a scheme node points at."""
        return [t for t in self.out_of.get(nid, []) if t in self.claim_of or self.nodes[t]["type"] in SCHEME_TYPES]

    def _item_id(self, node_id: str) -> str | None:
        """The claim or (first) argument id a node became."""
        return self.claim_of.get(node_id) or (self.arg_ids.get(node_id) or [None])[0]

    def arguments(self) -> list[dict]:
        # ids of every scheme node first: undercuts may point at later ones
        for nid, node in self.nodes.items():
            if node["type"] in SCHEME_TYPES:
                self.arg_ids[nid] = [self._id_for(nid if k == 0 else f"{nid}-{k + 1}", "s")
                                     for k in range(len(self._targets(nid)))]
        arguments: list[dict] = []
        for nid, node in self.nodes.items():
            if node["type"] in SCHEME_TYPES:
                arguments += self._scheme_arguments(nid, node)
            elif node["type"] == "PA":
                self._preference(nid)
        return arguments

    def _scheme_arguments(self, nid: str, node: dict) -> list[dict]:
        """An RA, CA or MA node as one argument per target it points at."""
        kind = node["type"]
        premises = list(dict.fromkeys(self.claim_of[p] for p in self.into.get(nid, []) if p in self.claim_of))
        arguments = []
        for aid, t in zip(self.arg_ids[nid], self._targets(nid)):
            target = self._item_id(t)
            if target is None or not premises or target in premises:
                self.notes.append(f"left out {kind} node {nid}: "
                                  + ("no premises" if not premises else "its premises include its target"))
                continue
            if kind != "CA" and t not in self.claim_of:
                self.notes.append(f"left out {kind} node {nid}: it supports an inference, which argmap cannot express")
                continue
            item: dict = {"id": aid, "premises": premises, "polarity": "attack" if kind == "CA" else "support",
                          "target": target}
            scheme = _scheme(node, self.fulfilled.get(nid))
            if scheme:
                item["scheme"] = scheme_from_name(scheme)
            elif kind == "MA":
                item["scheme"] = "Rephrase"
            arguments.append(item)
        return arguments

    def _preference(self, nid: str) -> None:
        """A PA node: a note on each preferred item naming what it is preferred over."""
        for p in self.into.get(nid, []):
            target = self._item_id(p)
            if target is None:
                continue
            for o in self.out_of.get(nid, []):
                other = self.nodes[o].get("text") if self.nodes[o]["type"] == "I" else (self.arg_ids.get(o) or [o])[0]
                self.preferences.setdefault(target, []).append(f"Preferred over: {other}")


def _nodes(graph: dict, path: Path | str) -> dict[str, dict]:
    nodes: dict[str, dict] = {}
    for i, node in enumerate(graph["nodes"]):
        if not isinstance(node, dict) or "nodeID" not in node or "type" not in node:
            raise InputError(f"{path}: nodes[{i}]: a node needs 'nodeID' and 'type'")
        if not isinstance(node["type"], str):
            raise InputError(f"{path}: nodes[{i}].type: expected a string such as \"I\" or \"RA\", "
                             f"got {type(node['type']).__name__}")
        nodes[str(node["nodeID"])] = node
    return nodes


def _document(extra: dict, name: str, claims: list[dict], arguments: list[dict]) -> dict:
    """The map document around the items, with the fields argmap's own export kept."""
    wanted = extra.get("thesis") if isinstance(extra.get("thesis"), str) else None
    thesis = wanted if wanted in {c["id"] for c in claims} else most_targeted_claim(claims, arguments)
    document = {
        "schema_version": SCHEMA_VERSION,
        "title": extra.get("title") if isinstance(extra.get("title"), str) else name,
        "thesis": thesis,
        "claims": claims,
        "arguments": arguments,
    }
    for key in ("description", "created", "modified"):
        if isinstance(extra.get(key), str):
            document[key] = extra[key]
    if isinstance(extra.get("authors"), list):
        document["authors"] = [a for a in extra["authors"] if isinstance(a, str)]
    listed = extra.get("sources") if isinstance(extra.get("sources"), list) else []
    sources = [d for s in listed if (d := valid_item_dict(Source, s)) is not None]
    if sources:
        document["sources"] = sources
    drop_unknown_evidence(claims, {s["id"] for s in sources})
    read_reconstructs(document, extra)
    return document


def _apply_extra(extra: dict, claims: list[dict], arguments: list[dict], notes: list[str]) -> None:
    """Fields argmap's own AIF export keeps beside the graph."""
    claim_extra = extra.get("claims") if isinstance(extra.get("claims"), dict) else {}
    for c in claims:
        read_claim_fields(c, claim_extra.get(c["id"]))
    arg_extra = extra.get("arguments") if isinstance(extra.get("arguments"), dict) else {}
    for a in arguments:
        more = arg_extra.get(a["id"])
        if not isinstance(more, dict):
            continue
        if isinstance(more.get("note"), str):
            a["note"] = more["note"]
        if more.get("reconstruction") is True:
            a["reconstruction"] = True
        if isinstance(more.get("scheme"), str) and more["scheme"].strip():
            a["scheme"] = more["scheme"]
        questions = read_questions(more.get("questions"), notes, a["id"])
        if questions:
            a["questions"] = questions


def _claim_extra(c: Claim) -> dict:
    more: dict = {}
    if c.title is not None:
        more["title"] = c.title
    if c.tags:
        more["tags"] = list(c.tags)
    if c.text != " ".join(c.text.split()):
        more["text"] = c.text
    return more | claim_extra_fields(c)


def _argument_extra(a: Argument) -> dict:
    more: dict = {}
    if a.note is not None:
        more["note"] = a.note
    if a.reconstruction:
        more["reconstruction"] = True
    if a.scheme and scheme_from_name(" ".join(scheme_name(a.scheme).split())) != a.scheme:
        more["scheme"] = a.scheme  # the id, where the node's scheme name would not read back as it
    if a.questions:
        more["questions"] = question_dicts(a)
    return more


def to_aif(m: ArgumentMap) -> dict:
    stamp = m.modified or m.created or ""
    nodes: list[dict] = []
    edges: list[dict] = []
    for c in m.claims:
        nodes.append({"nodeID": c.id, "text": " ".join(c.text.split()), "type": "I", "timestamp": stamp})
    for a in m.arguments:
        kind = "RA" if a.polarity == "support" else "CA"
        name = scheme_name(a.scheme) if a.scheme else None
        node = {"nodeID": a.id, "text": name or ("Default Inference" if kind == "RA" else "Default Conflict"), "type": kind, "timestamp": stamp}
        if name:
            node["scheme"] = name
        nodes.append(node)
        for p in a.premises:
            edges.append({"fromID": p, "toID": a.id})
        edges.append({"fromID": a.id, "toID": a.target})
    edges = [{"edgeID": f"e{i}", **e, "formEdgeID": None} for i, e in enumerate(edges, 1)]
    extra: dict = {"title": m.title, "thesis": m.thesis}
    if m.description:
        extra["description"] = m.description
    if m.authors:
        extra["authors"] = list(m.authors)
    for key in ("created", "modified"):
        if getattr(m, key):
            extra[key] = getattr(m, key)
    if m.sources:
        extra["sources"] = [item_dict(s) for s in m.sources]
    if m.reconstructs:
        extra["reconstructs"] = list(m.reconstructs)
    claim_extra = {c.id: more for c in m.claims if (more := _claim_extra(c))}
    if claim_extra:
        extra["claims"] = claim_extra
    arg_extra = {a.id: more for a in m.arguments if (more := _argument_extra(a))}
    if arg_extra:
        extra["arguments"] = arg_extra
    return {"nodes": nodes, "edges": edges, "locutions": [], "argmap": extra}


def dumps_aif(m: ArgumentMap) -> str:
    return json.dumps(to_aif(m), indent=2, ensure_ascii=False) + "\n"
