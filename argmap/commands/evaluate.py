from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import click

from argmap.commands._common import allow_outside_option, force_option, max_bytes_option, note_conflicts
from argmap.commands._framework import ICCMA_NAMES, OptionProblem, answer, count_text, load, semantics_name, task_and_semantics

CHOICES = tuple(ICCMA_NAMES.values()) + tuple(ICCMA_NAMES)
MAP_SEMANTICS = ("grounded", "preferred", "stable")
MARK = {"accepted": "+", "rejected": "-", "undecided": "?"}
VERDICT = {"accepted": "stands (accepted)", "rejected": "does not stand (rejected)", "undecided": "is undecided"}


@click.command()
@click.argument("path", metavar="FILE", type=click.Path(path_type=Path))
@click.option(
    "--semantics",
    "-s",
    type=click.Choice(CHOICES, case_sensitive=False),
    default="grounded",
    show_default=True,
    help="Dung semantics (or ICCMA's GR, CO, PR, ST, ADM, SST, STG, ID). For a map: grounded, "
    "or preferred and stable, which label claims sceptically (accepted only if accepted in "
    "every extension); the others are for frameworks.",
)
@click.option(
    "--task",
    "-p",
    metavar="TASK",
    help="For a framework, an ICCMA task: DC (credulous acceptance of -a ARG, with an "
    "extension containing it), DS (sceptical acceptance, with one lacking it), SE (one "
    "extension), EE (all; the default), CE (their count). DC-PR and the like also set "
    "the semantics.",
)
@click.option("--argument", "-a", "argument", metavar="ARG", help="The argument that DC and DS ask about.")
@click.option("--iccma", is_flag=True, help="ICCMA'23 output: YES / NO, witnesses as 'w 1 2 3', the count "
              "alone; EE prints one 'w' line per extension. Exit status 0 whatever the answer.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (keys sorted) instead of a table.")
@click.option(
    "--why",
    is_flag=True,
    help="Also say what decides the verdict: the smallest sets of claims whose defeat would "
    "change it, the premises without evidence it hangs on, and (for a thesis that does not "
    "stand) the fewest objections to answer so that it would.",
)
@click.option(
    "--author-only",
    is_flag=True,
    help="Leave out what the map's reconstructor added (claims and arguments marked "
    "`reconstruction`): the verdict on the author's own moves.",
)
@click.option("--brief", is_flag=True, help="Only the verdict (and with --why its reasons), without the table of claims.")
@click.option(
    "--questions",
    type=click.Choice(("ignore", "open")),
    default="ignore",
    show_default=True,
    help="How the critical questions of arguments with a catalogued scheme count. ignore: "
    "the map as drawn. open: as in Carneades, an assumption the map has not backed (an open "
    "question) is an undecided challenge to its argument, an answered one rests on its "
    "answer; open exceptions do not count. Either way the open questions are listed (with "
    "--why or open), with the smallest sets whose answer would change the verdict.",
)
@click.option(
    "--framework-out",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Also write the abstract framework to this file (.tgf, .apx, .i23 or .af).",
)
@force_option
@max_bytes_option
@allow_outside_option
def command(path: Path, semantics: str, task: str | None, argument: str | None, iccma: bool, as_json: bool, why: bool,
            author_only: bool, brief: bool, questions: str, framework_out: Path | None, force: bool, max_bytes: int,
            allow_outside: bool) -> None:
    """Which claims stand: accepted, rejected or undecided.

    FILE is a map (.json): the map is read as an abstract argumentation framework
    (see the README, "Evaluation") and every claim is labelled; the last line says
    whether the thesis stands. FILE may be a comparison (X.compare.json): both maps
    and their links are judged as one debate (`same` = one claim, `contradicts` =
    each an objection to the other) and both theses are labelled, beside each map's
    verdict alone. FILE may also be a Dung framework (.tgf, .apx, ICCMA'23 .i23/.af):
    then its extensions are printed, or the answer to an ICCMA task (--task); exit
    status 1 when a DC or DS answer is NO or SE finds no extension (0 with --iccma).
    """
    from argmap.analysis.evaluation.af_formats import is_framework_path

    semantics = semantics_name(semantics)
    if is_framework_path(path):
        if framework_out is not None or why or author_only or brief or questions != "ignore":
            raise click.UsageError("--framework-out, --why, --author-only, --brief and --questions are for maps; "
                                   "FILE is already a framework")
        _framework(path, task, semantics, argument, as_json, iccma, max_bytes)
        return
    if task is not None or argument is not None or iccma:
        raise click.UsageError("--task, --argument and --iccma are for frameworks (.tgf, .apx, .i23, .af)")
    if semantics not in MAP_SEMANTICS:
        raise click.BadParameter(f"{semantics!r} is for frameworks; for a map use {', '.join(MAP_SEMANTICS)}", param_hint="--semantics")
    from argmap.store import is_comparison_path

    opts = _Options(semantics, as_json, why, author_only, brief, questions, framework_out, max_bytes, force, allow_outside)
    if is_comparison_path(path):
        _comparison(path, opts)
    else:
        _map(path, opts)


@dataclass(frozen=True)
class _Options:
    semantics: str
    as_json: bool
    why: bool
    author_only: bool
    brief: bool
    questions: str
    framework_out: Path | None
    max_bytes: int
    force: bool = False  # --framework-out over a file argmap did not write
    allow_outside: bool = False  # a comparison's maps outside its folder

    @property
    def questions_listed(self) -> bool:
        # not with --why alone: a map with schemes has dozens of open questions, which
        # do not count under --questions ignore and would bury the verdict's reasons
        return self.questions == "open"


def _catalogue(maps, questions: str):
    """The scheme catalogue, when a map names a scheme (None otherwise). Counting the
    questions needs the user's catalogue to load; listing them makes do with the
    bundled one."""
    if not any(a.scheme for m in maps for a in m.arguments):
        return None
    from argmap.catalogue import known_catalogue, load_catalogue

    return load_catalogue() if questions == "open" else known_catalogue()


def _dump(value) -> None:
    click.echo(json.dumps(value, indent=2, ensure_ascii=False, sort_keys=True))


def _framework(path: Path, task: str | None, semantics: str, argument: str | None, as_json: bool, iccma: bool,
               max_bytes: int) -> None:
    try:
        task, semantics = task_and_semantics(task, semantics, argument)
        af, x = load(path, argument, max_bytes)
    except OptionProblem as e:
        if e.param_hint is None:
            raise click.UsageError(str(e)) from None
        raise click.BadParameter(str(e), param_hint=e.param_hint) from None
    answer(path, af, x, argument, task, semantics, as_json, iccma)


def _write_framework(framework_out: Path | None, framework, inputs, force: bool) -> None:
    if framework_out is None:
        return
    from argmap.analysis.evaluation.af_formats import dumps_framework
    from argmap.store import write_export

    write_export(framework_out, dumps_framework(framework, framework_out), "framework", inputs=inputs, force=force)


# ---------------------------------------------------------------- one map


def _map(path: Path, o: _Options) -> None:
    from argmap.analysis.evaluation import author_only as without_reconstruction
    from argmap.analysis.evaluation import evaluate_map, translate
    from argmap.analysis.evaluation.questions import challenges
    from argmap.analysis.structure import MapIndex
    from argmap.store import load_map

    semantics, as_json = o.semantics, o.as_json
    m = load_map(path, o.max_bytes).document
    note_conflicts(path, m)
    if o.author_only:
        m = without_reconstruction(m)
    idx = MapIndex.build(m)
    catalogue = _catalogue([m], o.questions)
    counted = challenges(m, catalogue) if catalogue is not None and o.questions == "open" else []
    if o.framework_out is not None:
        _write_framework(o.framework_out, translate(m, None, idx, counted).framework, [path], o.force)
    ev = evaluate_map(m, semantics, index=idx, challenges=counted)
    explained = None
    if o.why:
        from argmap.analysis.evaluation.why import explain_map

        explained = explain_map(m, semantics, index=idx, challenges=counted)
    report = _question_report(m, m.thesis, o, catalogue, index=idx)
    if as_json:
        out = {
            "semantics": semantics,
            "thesis": {"id": m.thesis, "label": ev.thesis_label},
            "claims": ev.labels,
            "arguments": ev.argument_labels,
        }
        if semantics != "grounded":
            out["extension_count"] = count_text(ev.extension_count, as_json=True)
        if explained is not None:
            out |= _why_json(explained)
        if report is not None:
            out["questions"] = _questions_json(report)
        _dump(out)
        return
    click.echo(f"{path}: {semantics} semantics" + _extensions_note(semantics, ev.extension_count)
               + ("; open assumption questions count as challenges" if counted else ""))
    if not o.brief:
        _table(m, idx, ev.labels, ev.why, lambda cid: cid)
        _undercut_steps(idx, ev.labels, ev.argument_labels)
        _totals(ev.labels, ev.argument_labels, semantics, ev.extension_count)
    named = "" if m.thesis == "thesis" else f" {m.thesis}"  # `argmap new` names it "thesis"
    click.echo(f"thesis{named} {VERDICT[ev.thesis_label]}")
    if explained is not None:
        _why_text(explained, lambda cid: _title(idx.claims[cid]), lambda aid: _argument_words(idx, aid, lambda c: _title(idx.claims[c])))
    if report is not None:
        _questions_text(report, o.questions_listed)


def _extensions_note(semantics: str, count: int) -> str:
    if semantics == "grounded":
        return ""
    return f", {count_text(count)} extension{'s' if count != 1 else ''}"


def _title(claim) -> str:
    text = " ".join((claim.title or claim.text).split())
    return text if len(text) <= 60 else text[:59] + "…"


def _table(m, idx, labels: dict[str, str], why: dict[str, str], key) -> None:
    depth = idx.depths()
    order = sorted(range(len(m.claims)), key=lambda i: (depth.get(m.claims[i].id, 1 << 30), i))
    width = max((len(key(m.claims[i].id)) for i in order), default=2)
    for i in order:
        c = m.claims[i]
        k = key(c.id)
        label = labels[k]
        because = f"  ({why[k]})" if label != "accepted" else ""
        click.echo(f"  {MARK[label]} {label:<9}  {k:<{width}}  {_title(c)}{because}")


def _undercut_steps(idx, labels: dict[str, str], argument_labels: dict[str, str]) -> None:
    """Steps that fail although their premises stand, because an undercut stands: the
    table of claims cannot show it (the reason's premise stays accepted)."""
    from argmap.analysis.defeat import defeated_steps, explain

    steps = [s for s in defeated_steps(idx, labels, argument_labels).values() if s.undercuts]
    if steps:
        click.echo("steps that do not hold although their premises stand:")
    for step in steps:
        role = idx.role(step.argument)
        click.echo(f"  {MARK[step.label]} {role} {step.argument.id}: {explain(idx, step, role)}")


def _totals(labels: dict[str, str], argument_labels: dict[str, str], semantics: str, extension_count: int) -> None:
    values = list(labels.values())
    click.echo(f"{values.count('accepted')} accepted, {values.count('rejected')} rejected, {values.count('undecided')} undecided")
    args = list(argument_labels.values())
    if args:
        click.echo(f"arguments: {args.count('accepted')} stand, {args.count('rejected')} defeated, {args.count('undecided')} undecided")
    if semantics == "stable" and extension_count == 0:
        click.echo("no stable extension exists (an odd cycle of attacks), so every claim is undecided")


def _argument_words(idx, aid: str, title, role_index=None) -> str:
    """"objection a5 (Its premise + another)"; a comparison's contradiction attack
    `link-N:SIDE` as "the contradiction of link N from SIDE (premise)". `role_index`
    names the role (objection, rebuttal) where it differs from `idx`: in the joint
    debate a thesis is also a premise of the contradiction links, so every objection to
    it would read as a rebuttal; its own map says what the author made of it."""
    a = idx.arguments[aid]
    premises = " + ".join(title(p) for p in a.premises)
    if aid.startswith("link-"):
        number, side = aid.removeprefix("link-").split(":")
        return f"link {number}, {side} claim contradicting the other ({premises})"
    role = role_index(aid) if role_index else idx.role(a)
    return f"{role} {aid} ({premises})"


# ---------------------------------------------------------------- why


def _why_json(w) -> dict:
    out = {
        "decisive": w.decisive.sets,
        "decisive_size": w.decisive.size,
        "decisive_count": w.decisive.count,
        "decisive_exact": w.decisive.exact,
        "decisive_minimal": list(w.decisive.minimal),
        "unevidenced": w.unevidenced,
    }
    if w.answers is not None:
        out["answers"] = {"sets": w.answers.sets, "size": w.answers.size, "exact": w.answers.exact, "reason": w.answers.reason,
                          "minimal": list(w.answers.minimal)}
    return out


def _why_text(w, claim_words, argument_words, indent: str = "") -> None:
    d = w.decisive
    if not d.sets:
        if d.count == 0:
            click.echo(f"{indent}decisive: no set of up to {d.searched} claims changes the verdict if defeated")
        else:
            click.echo(f"{indent}decisive: no set of up to {d.searched} claims found (search cut short; see the README)")
        if d.minimal:
            click.echo(f"{indent}  a larger set that would change it, no claim of it spare ({len(d.minimal)} claims):")
            click.echo(f"{indent}  {{{', '.join(d.minimal)}}}  " + " + ".join(claim_words(c) for c in d.minimal))
    else:
        number = d.count if d.count is not None else len(d.sets)
        how_many = f"{d.count}" if d.count is not None else f"at least {len(d.sets)}"
        kind = "claim whose defeat alone" if d.size == 1 else "claims whose defeat together"
        click.echo(f"{indent}decisive: {how_many} set{'s' if number != 1 else ''} of {d.size} {kind} would change the verdict"
                   + ("" if d.exact else " (not an exhaustive search)") + ":")
        for group in d.sets:
            click.echo(f"{indent}  {{{', '.join(group)}}}  " + " + ".join(claim_words(c) for c in group))
        rests = sorted({c for g in d.sets for c in g})
        click.echo(f"{indent}the verdict rests on {len(rests)} claim{'s' if len(rests) != 1 else ''}; "
                   f"of these, {len(w.unevidenced)} {'has' if len(w.unevidenced) == 1 else 'have'} no evidence"
                   + (f": {', '.join(w.unevidenced)}" if w.unevidenced else ""))
    if w.answers is None:
        return
    a = w.answers
    if a.sets:
        lead = "answer" if a.size == 1 else f"answer all {a.size} of"
        click.echo(f"{indent}what it would take: {lead} one of these sets of attacks and the thesis would stand:")
        for group in a.sets:
            click.echo(f"{indent}  {{{', '.join(group)}}}  " + "; ".join(argument_words(x) for x in group))
    else:
        click.echo(f"{indent}what it would take: {a.reason}" + (f"; answering these {len(a.minimal)} would, none of them spare:" if a.minimal else ""))
        for x in a.minimal:
            click.echo(f"{indent}  {x}  {argument_words(x)}")


# ---------------------------------------------------------------- critical questions


def _question_report(m, thesis: str, o: _Options, catalogue, **kwargs):
    """The open questions bearing on `thesis`, or None when there are none; the
    search for those that could change the verdict only when they are listed."""
    from argmap.analysis.evaluation.questions import question_report

    if catalogue is None:
        return None
    report = question_report(m, thesis, o.semantics, o.questions, catalogue,
                             search=o.questions_listed or o.as_json, **kwargs)
    return report if report.open else None


def _questions_text(report, listed: bool, indent: str = "") -> None:
    kinds = [q.type for q in report.open]
    if not listed:
        click.echo(f"{indent}open critical questions: {len(report.open)} ({kinds.count('assumption')} assumptions); "
                   "not counted in the verdict; --questions open lists them and counts the assumptions")
        return
    reading = ("assumptions count as undecided challenges" if report.mode == "open"
               else "not counted in the verdict (--questions ignore)")
    click.echo(f"{indent}open critical questions: {len(report.open)} ({kinds.count('assumption')} assumptions, "
               f"{kinds.count('exception')} exceptions); {reading}:")
    width = max(len(q.key) for q in report.open)
    for q in report.open:
        click.echo(f"{indent}  {q.key:<{width}}  {q.type:<10}  {q.text}")
    if report.skipped:
        click.echo(f"{indent}not searched for what would change the verdict: {report.skipped:,} arguments have open "
                   "questions (answer or set aside some first)")
    for verb, found in (("answering", report.answer), ("pressing (unanswered)", report.press)):
        if found is None:
            continue
        if not found.sets:
            click.echo(f"{indent}{verb}: no set of up to {found.searched} of these questions would change the verdict")
            continue
        exact = "" if found.exact else " (not an exhaustive search)"
        if len(found.sets) == 1:
            together = "" if len(found.sets[0]) == 1 else " together"
            click.echo(f"{indent}{verb} would change the verdict{together}: {{{', '.join(found.sets[0])}}}{exact}")
            continue
        how_many = found.count if found.count is not None else f"at least {len(found.sets)}"
        click.echo(f"{indent}{verb} would change the verdict, any of {how_many} sets{exact}:")
        for group in found.sets:
            click.echo(f"{indent}  {{{', '.join(group)}}}")


def _questions_json(report) -> dict:
    def sets(found):
        return None if found is None else {"sets": found.sets, "size": found.size, "count": found.count, "exact": found.exact}

    return {"mode": report.mode, "open": [_question_json(q, q.key in report.counted) for q in report.open],
            "answer": sets(report.answer), "press": sets(report.press), "searched": not report.skipped}


def _question_json(q, counted: bool) -> dict:
    return {"argument": q.argument, "question": q.question, "type": q.type, "text": q.text, "counted": counted}


# ---------------------------------------------------------------- a comparison


def _comparison(path: Path, o: _Options) -> None:
    from argmap.analysis.evaluation import author_only as without_reconstruction
    from argmap.analysis.evaluation.joint import SIDES, evaluate_comparison, key
    from argmap.analysis.evaluation.translate import translate
    from argmap.analysis.structure import MapIndex
    from argmap.analysis.verdict import joint_sentence, possessive, side_name
    from argmap.store import load_comparison_with_maps

    semantics, as_json, why, brief = o.semantics, o.as_json, o.why, o.brief
    lc = load_comparison_with_maps(path, o.max_bytes, allow_outside=o.allow_outside)
    maps = {"left": lc.left.document, "right": lc.right.document}
    comparison = lc.comparison.document
    if o.author_only:
        maps = {side: without_reconstruction(m) for side, m in maps.items()}
        comparison = comparison.model_copy(update={"links": _surviving_links(comparison, maps)})
    catalogue = _catalogue(maps.values(), o.questions)
    counting = catalogue if o.questions == "open" else None
    je = evaluate_comparison(maps["left"], maps["right"], comparison, semantics, catalogue=counting)
    if o.framework_out is not None:
        from argmap.analysis.evaluation.questions import challenges

        counted = challenges(je.debate.map, counting) if counting is not None else []
        _write_framework(o.framework_out, translate(je.debate.map, je.debate.basic, None, counted).framework,
                         [path, lc.left.path, lc.right.path], o.force)
    names = {side: side_name(m, side) for side, m in maps.items()}
    explained = None
    if why:
        from argmap.analysis.evaluation.why import explain_comparison

        explained = explain_comparison(maps["left"], maps["right"], comparison, semantics, catalogue=counting)
    joint_idx = MapIndex.build(je.debate.map)
    reports = {side: _question_report(je.debate.map, je.debate.theses[side], o, catalogue, index=joint_idx,
                                      basic=je.debate.basic, only=f"{side}:") for side in SIDES}
    sentence = joint_sentence(je, names)
    paths = {"left": lc.left.path, "right": lc.right.path}
    if as_json:
        out = {"semantics": semantics, "claims": je.claims, "arguments": je.arguments, "summary": sentence,
               "links": {kind: sum(1 for link in comparison.links if link.kind == kind) for kind in ("same", "contradicts", "shared-evidence")}}
        for side in SIDES:
            out[side] = {"map": str(paths[side]), "name": names[side], "thesis": maps[side].thesis,
                         "label": je.thesis[side], "alone": je.alone[side]}
            if explained is not None:
                out[side] |= _why_json(explained[side])
            if reports[side] is not None:
                out[side]["questions"] = _questions_json(reports[side])
        if semantics != "grounded":
            out["extension_count"] = count_text(je.extension_count, as_json=True)
        _dump(out)
        return
    click.echo(f"{path}: {semantics} semantics, both maps judged as one debate" + _extensions_note(semantics, je.extension_count)
               + ("; open assumption questions count as challenges" if counting is not None else ""))
    claim_of = {key(side, c.id): c for side in SIDES for c in maps[side].claims}
    own = {side: MapIndex.build(maps[side]) for side in SIDES}

    def own_role(joint_id: str) -> str:
        side, aid = joint_id.split(":", 1)
        return own[side].role(own[side].arguments[aid])
    for side in SIDES:
        m = maps[side]
        click.echo(f"{side} ({names[side]}): {paths[side]}")
        if not brief:
            _table(m, MapIndex.build(m), je.claims, je.why, lambda cid, side=side: key(side, cid))
    if not brief:
        _totals(je.claims, je.arguments, semantics, je.extension_count)
    for side in SIDES:
        click.echo(f"{side} thesis {maps[side].thesis}: {je.thesis[side]} judged together, {je.alone[side]} alone")
    click.echo(sentence)
    if explained is not None:
        for side in SIDES:
            click.echo(f"why {possessive(names[side])} thesis {VERDICT[je.thesis[side]].split(' (')[0]}:")
            title = lambda c: _title(claim_of[c])  # noqa: E731 - a joint claim is named by its first member
            _why_text(explained[side], title, lambda a: _argument_words(joint_idx, a, title, own_role), indent="  ")
    for side in SIDES:
        if reports[side] is not None:
            click.echo(f"{side} ({names[side]}):")
            _questions_text(reports[side], o.questions_listed, indent="  ")


def _surviving_links(comparison, maps):
    """Links whose two claims are still there (after --author-only dropped some)."""
    left = {c.id for c in maps["left"].claims}
    right = {c.id for c in maps["right"].claims}
    return [link for link in comparison.links if link.left in left and link.right in right]
