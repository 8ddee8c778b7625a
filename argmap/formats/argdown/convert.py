"""Argdown document model -> argmap map. The mapping is documented in README.md
("Interchange"); in short:

- equivalence class -> claim (id = the title when it is a valid id, else a slug of
  it; untitled statements get a slug of their text);
- reconstructed argument -> one argmap argument per inferential step (premises ->
  conclusion, support); later steps use the earlier conclusion as a premise, or the
  premises named in `uses:` (or `from:`) data;
- a conclusion left implicit (a bare [title] with no text, used nowhere else, with
  one outgoing relation) is not made a claim: the argument's premises bear on the
  relation's target directly (this is how argmap writes attacks and undercuts);
- argument without premise-conclusion structure -> a claim standing for its gist
  (text = its description, title = its title);
- relation -> a one-premise argument: support/entails -> support, attack -> attack,
  undercut -> attack on the inference (the argument of that step), contradictory and
  contrary -> two attacks, one each way; an attack on a reconstructed argument as a
  whole -> undercut of its last inference; a support of one -> support of its first
  premise;
- headings -> tags (the heading's title), #tags -> tags, inference rules -> scheme,
  argument description -> note; statement YAML `note`, `title`, `evidence`,
  `evaluation`, `tags` and front matter `title` / `argmap:` are read back as written
  by the Argdown export.
"""

from __future__ import annotations

import re
from typing import Any

from argmap.formats.argdown.model import (
    MAIN_CONCLUSION,
    ArgdownDocument,
    Argument,
    EquivalenceClass,
    Inference,
    Relation,
)
from argmap.formats.common import (
    MAX_ID,
    IdAllocator,
    drop_dangling,
    drop_dangling_answers,
    drop_unknown_evidence,
    id_for_title,
    most_targeted_claim,
    normalize_text,
    read_claim_fields,
    read_questions,
    read_reconstructs,
    scheme_from_name,
    slug,
)
from argmap.model import SCHEMA_VERSION, ArgumentMap, Source, valid_item_dict

def _str_list(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return []


class Converter:
    def __init__(self, doc: ArgdownDocument, name: str) -> None:
        self.doc = doc
        self.name = name
        self.ids = IdAllocator()
        self.claims: list[dict] = []
        self.claim_of_ec: dict[int, str] = {}  # id(EquivalenceClass) -> claim id
        self.gist_of_arg: dict[int, str] = {}  # id(sketched Argument) -> claim id
        self.steps_of_arg: dict[int, list[str]] = {}  # id(reconstructed Argument) -> step ids
        self.step_of_inference: dict[int, str] = {}
        self.first_premise: dict[int, str] = {}
        self.arguments: list[dict] = []
        self.keys: set[tuple] = set()
        self.front = doc.front_matter if isinstance(doc.front_matter, dict) else {}
        extra = self.front.get("argmap")
        self.extra = extra if isinstance(extra, dict) else {}
        self.source_ids: set[str] = set()
        self.notes: list[str] = []  # what the map could not keep, for the user
        self.explained: set[int] = set()  # relations left out with a note of their own
        # argmap's own export: ids and titles its Argdown titles do not give back
        self.claim_ids = self._str_map("claim_ids")
        self.untitled = set(_str_list(self.extra.get("untitled")))
        self.argument_ids = self._str_map("argument_ids")

    def _str_map(self, key: str) -> dict[str, str]:
        value = self.extra.get(key)
        return {k: v for k, v in value.items() if isinstance(k, str) and isinstance(v, str)} if isinstance(value, dict) else {}

    # ------------------------------------------------------------ claims
    def _add_claim(self, cid: str, text: str, title: str | None, tags: list[str], section, data: Any) -> str:
        claim: dict = {"id": cid, "text": text, "tags": list(tags)}
        if title:
            claim["title"] = title
        if section is not None and section.title and section.title not in claim["tags"]:
            claim["tags"].append(section.title)  # headings become tags
        read_claim_fields(claim, data)
        self.claims.append(claim)
        return cid

    def _implicit_conclusions(self) -> dict[int, Relation]:
        """ECs that only stand for an argument's unstated conclusion -> their relation."""
        used_in_pcs: dict[int, int] = {}
        for arg in self.doc.reconstructed:
            for st in arg.pcs:
                ec = self.doc.statements[st.title]
                used_in_pcs[id(ec)] = used_in_pcs.get(id(ec), 0) + 1
        outgoing: dict[int, list[Relation]] = {}
        incoming: set[int] = set()
        for r in self.doc.relations:
            outgoing.setdefault(id(r.source), []).append(r)
            incoming.add(id(r.target))
        out: dict[int, Relation] = {}
        for arg in self.doc.reconstructed:
            ec = self.doc.statements[arg.pcs[-1].title]
            if ec.text or used_in_pcs.get(id(ec)) != 1 or ec.title in self.doc.generated_titles:
                continue
            rels = outgoing.get(id(ec), [])
            if len(rels) == 1 and id(ec) not in incoming and rels[0].type in ("support", "attack", "undercut", "entails"):
                out[id(ec)] = rels[0]
        return out

    # ------------------------------------------------------------ conversion
    def convert(self) -> ArgumentMap:
        self._read_sources()
        implicit = self._implicit_conclusions()
        self._statement_claims(implicit)
        self._gist_claims()
        plans = self._plan_steps()
        absorbed = self._step_arguments(plans, implicit)
        self._relation_arguments(absorbed)
        return self._build()

    def _read_sources(self) -> None:
        """Sources kept in the front matter by argmap's own Argdown export."""
        self.sources = []
        listed = self.extra.get("sources")
        for item in listed if isinstance(listed, list) else []:
            src = valid_item_dict(Source, item)
            if src is not None and src["id"] not in self.source_ids:
                self.source_ids.add(src["id"])
                self.sources.append(src)

    def _statement_claims(self, implicit: dict[int, Relation]) -> None:
        """A claim per equivalence class (except unstated conclusions)."""
        doc = self.doc
        for ec in doc.statements.values():
            if id(ec) in implicit:
                continue
            text = normalize_text(ec.text)
            if ec.title in doc.generated_titles:
                wanted = slug(text, words=6)
                title = None
            else:
                wanted = self.claim_ids.get(ec.title) or id_for_title(ec.title)
                title = ec.title if ec.title != wanted and ec.title not in self.untitled else None
            cid = self._add_claim(self.ids.take(wanted), text or ec.title, title, ec.tags, ec.section, ec.data)
            self.claim_of_ec[id(ec)] = cid

    def _gist_claims(self) -> None:
        """A claim for each sketched argument's description (its gist)."""
        doc = self.doc
        for arg in doc.arguments.values():
            if arg.pcs:
                continue
            generated = arg.title in doc.generated_titles
            cid = self.ids.take(id_for_title(arg.title) if not generated else slug(arg.description, words=6))
            title = arg.title if not generated and arg.title != cid else None
            self.gist_of_arg[id(arg)] = self._add_claim(cid, normalize_text(arg.description) or arg.title, title,
                                                        arg.tags, arg.section, arg.data)

    def _plan_steps(self) -> list[tuple[Argument, list, list[str]]]:
        """Ids of every inferential step first: relations may point at later arguments."""
        plans = []
        for arg in self.doc.reconstructed:
            steps = self._steps(arg)
            if arg.title not in self.doc.generated_titles:
                base = self.argument_ids.get(arg.title) or id_for_title(arg.title)
            else:
                base = "arg-" + self._claim_for_statement(arg.pcs[-1].title)
            ids = [self.ids.take(base if i == len(steps) - 1 else f"{base}-{i + 1}") for i in range(len(steps))]
            self.steps_of_arg[id(arg)] = ids
            for (_premises, _conclusion, inference), sid in zip(steps, ids):
                if inference is not None:
                    self.step_of_inference[id(inference)] = sid
            if steps and steps[0][0]:
                self.first_premise[id(arg)] = steps[0][0][0]
            plans.append((arg, steps, ids))
        return plans

    def _step_arguments(self, plans: list, implicit: dict[int, Relation]) -> set[int]:
        """An argument per inferential step of each reconstructed argument. Returns the
        relations absorbed as the last step's target (an unstated conclusion's)."""
        absorbed: set[int] = set()
        for arg, steps, ids in plans:
            for i, ((premises, conclusion, inference), sid) in enumerate(zip(steps, ids)):
                last = i == len(steps) - 1
                item: dict = {"id": sid, "premises": premises, "polarity": "support"}
                rel = implicit.get(id(self.doc.statements[arg.pcs[-1].title])) if last else None
                if rel is not None:
                    mapped = self._map_relation(rel, source="")
                    if not mapped:
                        self.notes.append(f"left out the last step of <{arg.title}>: its {rel.type} of "
                                          f"{_describe(rel.target)} has no argmap equivalent")
                        continue
                    _, item["polarity"], item["target"] = mapped[0]
                    absorbed.add(id(rel))
                else:
                    item["target"] = conclusion
                if inference is not None:
                    self._read_inference(item, inference)
                if last and isinstance(arg.data, dict) and isinstance(arg.data.get("note"), str):
                    item["note"] = arg.data["note"]
                elif last and arg.description:
                    item["note"] = normalize_text(arg.description)
                if isinstance(arg.data, dict) and arg.data.get("reconstruction") is True:
                    item["reconstruction"] = True
                self._add_argument(item)
        return absorbed

    def _relation_arguments(self, absorbed: set[int]) -> None:
        """An argument per relation; undercuts last, since an undercut of a sketched
        argument needs the arguments from its gist."""
        step_ids = {sid for ids in self.steps_of_arg.values() for sid in ids}
        relations = self.doc.relations
        ordered = [r for r in relations if r.type != "undercut"] + [r for r in relations if r.type == "undercut"]
        for rel in ordered:
            if id(rel) in absorbed:
                continue
            mapped = self._map_relation(rel)
            if not mapped and id(rel) not in self.explained:
                self.notes.append(f"left out the {rel.type} relation from {_describe(rel.source)} to "
                                  f"{_describe(rel.target)}: no argmap equivalent")
            for source, polarity, target in mapped:
                verb, sign = ("undercuts", "_") if target in step_ids else \
                    (("supports", "+") if polarity == "support" else ("attacks", "-"))
                wanted = self.argument_ids.get(f"{source} {sign} {target}") or f"{source}-{verb}-{target}"[:MAX_ID]
                self._add_argument({"id": self.ids.take(wanted), "premises": [source],
                                    "polarity": polarity, "target": target}, dedupe=True)

    def _read_inference(self, item: dict, inference: Inference) -> None:
        """Scheme and critical questions of a step: the rule names (a catalogue
        scheme's name or alias becomes its id), or `scheme` in the inference's data."""
        data = inference.data if isinstance(inference.data, dict) else {}
        rules = ", ".join(r for r in inference.rules if r)
        if isinstance(data.get("scheme"), str):  # as argmap's export keeps it, whitespace (or nothing) and all
            item["scheme"] = data["scheme"]
        elif rules:
            item["scheme"] = scheme_from_name(rules)
        questions = read_questions(data.get("questions"), self.notes, f"<{inference.argument_title}>")
        if questions:
            item["questions"] = questions

    def _claim_for_statement(self, title: str) -> str:
        ec = self.doc.statements[title]
        return self.claim_of_ec.get(id(ec)) or slug(title)

    def _steps(self, arg: Argument) -> list[tuple[list[str], str, Inference | None]]:
        """(premise claim ids, conclusion claim id, inference) per inferential step."""
        steps = []
        pending: list[str] = []
        previous: str | None = None
        for index, st in enumerate(arg.pcs):
            ec = self.doc.statements[st.title]
            cid = self.claim_of_ec.get(id(ec), "")
            if st.inference is None and st.role != MAIN_CONCLUSION:
                pending.append(cid)
                continue
            premises = ([previous] if previous else []) + pending
            uses = _uses(st, index)
            if uses:
                premises = [self.claim_of_ec.get(id(self.doc.statements[arg.pcs[u - 1].title]), "") for u in uses]
            seen: list[str] = []
            for p in premises:
                if p and p != cid and p not in seen:
                    seen.append(p)
            steps.append((seen, cid, st.inference))
            previous, pending = cid, []
        return [s for s in steps if s[0]]

    def _node(self, element: Any) -> tuple[str, str] | None:
        """(kind, id): kind 'claim' or 'argument'."""
        if isinstance(element, EquivalenceClass):
            cid = self.claim_of_ec.get(id(element))
            return ("claim", cid) if cid else None
        if isinstance(element, Argument):
            if id(element) in self.gist_of_arg:
                return ("claim", self.gist_of_arg[id(element)])
            ids = self.steps_of_arg.get(id(element))
            return ("argument", ids[-1]) if ids else None
        if isinstance(element, Inference):
            sid = self.step_of_inference.get(id(element))
            return ("argument", sid) if sid else None
        return None

    def _map_relation(self, rel: Relation, source: str | None = None) -> list[tuple[str, str, str]]:
        """(premise claim, polarity, target) triples for one Argdown relation; `source`
        stands in for the relation's source (an implicit conclusion has no claim)."""
        if source is None:
            src = self._node(rel.source)
            if src is None or src[0] != "claim":
                return []
            source = src[1]
        tgt = self._node(rel.target)
        if tgt is None:
            return []
        if rel.type in ("support", "entails"):
            if tgt[0] == "argument":
                premise = self.first_premise.get(id(rel.target)) if isinstance(rel.target, Argument) else None
                return [(source, "support", premise)] if premise and premise != source else []
            return [(source, "support", tgt[1])] if tgt[1] != source else []
        if rel.type == "undercut":
            if tgt[0] == "claim" and isinstance(rel.target, Argument):
                # a sketched argument: undercut the inference from its gist, if there is one
                for a in self.arguments:
                    if a["premises"] == [tgt[1]]:
                        return [(source, "attack", a["id"])]
                # no inference to undercut: not an attack on the gist either (that would be a rebuttal)
                self.notes.append(f"left out the undercut relation from {_describe(rel.source)} to {_describe(rel.target)}: "
                                  "that argument has no inference in the map (no premise-conclusion structure, "
                                  "no outgoing relation)")
                self.explained.add(id(rel))
                return []
            return [(source, "attack", tgt[1])] if tgt[1] != source else []
        if rel.type in ("contradictory", "contrary") and tgt[0] == "claim":
            if tgt[1] == source:
                return []
            return [(source, "attack", tgt[1]), (tgt[1], "attack", source)]
        return [(source, "attack", tgt[1])] if tgt[1] != source else []

    def _add_argument(self, item: dict, dedupe: bool = False) -> None:
        key = (tuple(item["premises"]), item["polarity"], item["target"])
        if not item["premises"] or item["target"] in item["premises"] or (dedupe and key in self.keys):
            return
        if item["target"] == item["id"]:  # an argument whose conclusion undercuts itself
            self.notes.append(f"left out <{item['id']}>: it undercuts its own inference (no argmap equivalent)")
            return
        self.keys.add(key)
        self.arguments.append(item)

    # ------------------------------------------------------------ the map
    def _thesis(self) -> str:
        wanted = self.extra.get("thesis", self.front.get("thesis"))
        if isinstance(wanted, str):
            ec = self.doc.statements.get(wanted)
            if ec is not None and id(ec) in self.claim_of_ec:
                return self.claim_of_ec[id(ec)]
            if any(c["id"] == wanted for c in self.claims):
                return wanted
        return most_targeted_claim(self.claims, self.arguments)

    def _build(self) -> ArgumentMap:
        title = self.extra.get("title", self.front.get("title"))
        if title is None and self.extra:
            title = ""  # argmap's own export leaves an empty title out
        if not isinstance(title, str) or (not title.strip() and "title" not in self.extra and not self.extra):
            first = self.doc.sections[0].title if self.doc.sections else ""
            title = first or self.name
        if not self.claims:
            self.claims.append({"id": self.ids.take("thesis"), "text": title or "(empty Argdown document)", "tags": []})
        kept = drop_dangling(self.claims, self.arguments)
        if len(kept) < len(self.arguments):
            self.notes.append(f"left out {len(self.arguments) - len(kept)} argument(s) aimed at a step that could not be kept")
        self.arguments = kept
        for key, items in (("claim_order", self.claims), ("argument_order", self.arguments)):
            order = {item_id: i for i, item_id in enumerate(_str_list(self.extra.get(key)))}
            if order:  # argmap's own export: the map's order
                items.sort(key=lambda item: order.get(item["id"], len(order)))
        drop_dangling_answers(self.arguments, self.notes)
        drop_unknown_evidence(self.claims, self.source_ids)
        for c in self.claims:
            if not c["tags"]:
                del c["tags"]
        data: dict = {
            "schema_version": SCHEMA_VERSION,
            "title": title,
            "thesis": self._thesis(),
            "claims": self.claims,
            "arguments": self.arguments,
        }
        description = self.extra.get("description", self.front.get("subtitle"))
        if isinstance(description, str):
            data["description"] = description
        authors = _str_list(self.extra.get("authors", self.front.get("author")))
        if authors:
            data["authors"] = authors
        for key in ("created", "modified"):
            if isinstance(self.extra.get(key), str):
                data[key] = self.extra[key]
        if self.sources:
            data["sources"] = self.sources
        read_reconstructs(data, self.extra)
        return ArgumentMap.model_validate(data)


def _describe(element: Any) -> str:
    if isinstance(element, Argument):
        return f"<{element.title}>"
    if isinstance(element, Inference):
        return f"the inference of <{element.argument_title}>"
    return f"[{getattr(element, 'title', '?')}]"


def to_map(doc: ArgdownDocument, name: str = "", notes: list[str] | None = None) -> ArgumentMap:
    """The argmap map of an Argdown document; what it leaves out goes to `notes`."""
    converter = Converter(doc, name)
    m = converter.convert()
    if notes is not None:
        notes.extend(converter.notes)
    return m


def _uses(st, index: int) -> list[int] | None:
    """The statements (1-based, before this conclusion) an inferential step names, as
    Argdown's explodeArguments reads them: `uses` on the inference, else on the
    conclusion line (the guide allows both), else `from` on the inference (what
    argdown-feedback writes); numbers may be written as strings (`["1", "2"]`)."""
    inference = st.inference.data if st.inference is not None and isinstance(st.inference.data, dict) else {}
    line = st.data if isinstance(st.data, dict) else {}
    listed = next((v for v in (inference.get("uses"), line.get("uses"), inference.get("from")) if isinstance(v, list) and v), None)
    if listed is None:
        return None
    out = []
    for u in listed:  # JavaScript's `u - 1` is an integer for 2, "2" and 2.0
        n = int(u) if isinstance(u, (int, float)) and float(u).is_integer() else \
            int(u) if isinstance(u, str) and re.fullmatch(r"\s*[0-9]+\s*", u) else None
        if n is None or not 1 <= n <= index:
            return None
        out.append(n)
    return out
