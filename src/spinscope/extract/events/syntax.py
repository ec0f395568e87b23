"""Parse-tree look-ups shared by the events modules: a verb's subject, a preposition's objects, spans of tokens."""
from __future__ import annotations

from ...text.spans import token_span
from .modality import Words
from .modality import words as _words
from ..parse import segment_text


SUBJECTS = ("nsubj", "csubj")


def doc_text(sdoc) -> str:
    """A parsed piece's text, joined once: spaCy's `Doc.text` joins every token again on each call,
    which made the stance check below quadratic in the length of the piece."""
    return segment_text(sdoc)


def for_clauses(tok) -> list:
    """Clauses "for X to act" hanging on a verb ("called for the Council to act")."""
    return [c for c in tok.children if c.dep_ in ("advcl", "ccomp", "xcomp")
            and any(g.dep_ == "mark" and g.lower_ == "for" for g in c.children)
            and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)]  # not "calls for more troops have come"


def quoted_apart(a, b, colon_only: bool = False) -> bool:
    """Whether a quote mark or a colon (with `colon_only`, a colon) stands between two tokens ("he continued: “The
    worst attack ...”"): the second is in the words quoted, not the first's object (dev audit 28)."""
    marks = (":",) if colon_only else ('"', "“", "”", "''", "``", ":")
    return any(t.text in marks for t in a.doc[min(a.i, b.i) + 1:max(a.i, b.i)])


def is_venue(prep, w: Words) -> bool:
    """Whether a preposition names where or when something was said ("asked on Twitter", "asked on Monday")."""
    return any(g.dep_ == "pobj" and (g.text in w.platform_names or g.ent_type_ in ("DATE", "TIME"))
               for g in prep.children)


def is_people(tok, w: Words) -> bool:
    """Whether a common noun names people or a body that can be coerced ("the protesters", "the regime")."""
    lemma = tok.lemma_.lower()
    return (lemma in w.agent_nouns or lemma in w.civilian_nouns or lemma in w.captive_nouns or lemma in w.own_force_words
            or lemma in w.role_nouns or lemma in w.opposed_nouns or lemma in w.follower_nouns or lemma in w.office_words)


def objects_acted_on(tok, w: Words) -> list:
    """The heads a trigger acts on: its object or passive subject, and the objects of its target
    prepositions after it ("attacks on the existence of Israel")."""
    return [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")] + [
        g for c in tok.children if c.dep_ == "prep" and c.lower_ in w.target_preps and c.i > tok.i
        for g in c.children if g.dep_ == "pobj"]


TITLE_KEY = "spinscope_events_title"  # set by the stage on a headline's parse: a headline has no dateline
DATELINE_KEY = "spinscope_events_datelines"  # a parse's datelines by sentence start (`in_dateline`)


def dateline_end(sent, w: Words) -> int | None:
    """Round 27 (stop 44): the index of the last token of a dateline that opens a body sentence, or None. A dateline
    is where a story is filed, never a party: a place name (words in capitals, or a place the parser tags), with an
    optional region or country and date after commas ("KIEV, Ukraine, March 3"), an optional agency in brackets
    ("(Reuters)", "(AP)"), then a dash or colon of `dateline_marks` ("BEIJING —", "Moscow (AP) —", "PARIS, May 2
    (AFP) -"); with an agency the mark may be missing. A bare place (not in capitals) and dash with another dash later in
    the sentence is a parenthesis ("Russia — which denies it — accused Kiev"), no dateline; in capitals it is one
    ("CLINTON — A town couple — neighbors of ... — was charged")."""
    doc = sent.doc
    if doc.user_data.get(TITLE_KEY):
        return None
    i, end = sent.start, sent.end
    while i < end and doc[i].is_space:
        i += 1
    first = i

    def named(t) -> bool:
        return t.text[:1].isupper() and (t.pos_ == "PROPN" or t.is_upper or t.ent_type_ in ("GPE", "LOC"))

    while i < end and i - first < 7 and (named(doc[i]) and i - first < 4 or i > first and doc[i].text == "/"
                                         and i + 1 < end and named(doc[i + 1])):
        i += 1  # (round 28b: two places filed from, "ISLAMABAD/NEW DELHI (Reuters) -")
    place = doc[first:i]
    if not len(place) or not (all(t.is_upper and len(t.text) > 1 for t in place if t.is_alpha)
                              or any(t.ent_type_ in ("GPE", "LOC") for t in place)):
        return None
    extra = False  # a region, country or date after the place: a dateline's shape, not a parenthesis
    for _ in range(3):  # ", Ukraine", ", Calif.", ", March 3", ", Jan. 5, 2016"
        if i + 1 < end and doc[i].text == "," and (doc[i + 1].text[:1].isupper() or doc[i + 1].like_num):
            j = i + 1
            while j < end and j - i <= 3 and (doc[j].text[:1].isupper() or doc[j].like_num or doc[j].text == ".") \
                    and doc[j].text not in w.dateline_marks:
                j += 1
            i, extra = j, True
        else:
            break
    agency = False
    if i < end and doc[i].text == "(":
        close = next((j for j in range(i + 1, min(end, i + 7)) if doc[j].text == ")"), None)
        if close is None or close == i + 1 or not doc[i + 1].text[:1].isupper():
            return None
        i, agency = close + 1, True
    if i < end and doc[i].text in w.dateline_marks and (doc[i].text != ":" or any(
            t.ent_type_ in ("GPE", "LOC") for t in place)):  # ("UN: 70% of youth ...", "NATO: ..." are sources)
        mark = i
    elif agency:
        mark = i - 1  # "BEIJING (Reuters) China pledged ...": the bracket ends it
    else:
        return None
    if mark + 2 >= end:
        return None  # nothing, or one word, after it: no sentence filed
    capitals = any(t.is_alpha for t in place) and all(t.is_upper and len(t.text) > 2 for t in place if t.is_alpha)
    if not (agency or extra or capitals) and doc[mark].text != ":" \
            and any(t.text in w.dateline_marks and t.text != ":" for t in doc[mark + 1:end]):
        return None  # "China — the world's largest emitter — pledged": a parenthesis
    return mark


def in_dateline(tok, w: Words) -> bool:
    """Whether a token stands in the dateline opening its sentence (`dateline_end`): no party."""
    sent = tok.sent
    if tok.i - sent.start > 16:
        return False
    if tok.i == sent.start and len(tok.text) > 1 and tok.is_upper and tok.i + 1 < sent.end and tok.nbor().text == ",":
        return True  # "PARIS, May 2 (Agency) – ...", its mark anywhere (the check before round 27)
    cache = tok.doc.user_data.setdefault(DATELINE_KEY, {})  # one look per sentence
    if sent.start not in cache:
        cache[sent.start] = dateline_end(sent, w)
    end = cache[sent.start]
    return end is not None and tok.i <= end


def _after_dateline(tok, w: Words):
    """The phrase set off in apposition after a dateline's mark on a dateline place the parser took for the subject
    ("New Delhi: BJP leader Ram Jethmalani ... targeted", "MOSCOW — Foreign Minister Sergei Lavrov, ..."), or None."""
    end = dateline_end(tok.sent, w)
    if end is None:
        return None
    return next((c for c in tok.subtree if c.dep_ == "appos" and c.i > end and c.head.i <= end), None)


def clause_with_subject(tok, subjects: tuple[str, ...] = ("nsubj",)) -> bool:
    """A verb hung on a noun (`acl`) with its own subject (a dependency of `subjects`) and an auxiliary not "to": the
    noun's clause telling an act ("its claim that Ukraine had attacked Russia"), not a participle of a state (round 34)."""
    return tok.dep_ == "acl" and any(c.dep_ in subjects for c in tok.children) and any(
        c.dep_ == "aux" and c.lower_ != "to" for c in tok.children)


def subject_of(verb, w: Words, steps: int = 0):
    """The subject phrase head of a verb, through control, conjunction and participles; a dateline's place is no
    subject (round 27: "PARIS — Protesters attacked ...": the protesters; "Moscow (AP) — ...")."""
    children = list(verb.children)
    subjects = [c for c in children if c.dep_ == "nsubj" and c.i < verb.i]
    if len(subjects) > 1:
        # round 29b (stop 46): two subjects hung on one verb, the first across a colon, a quote mark or a line break
        # ("Romney tweeted in response: ''... thug Putin kills journalists''", dev10; a tweet's signature line "—
        # Juanita Broaddrick (@atensnut) September 21, 2018" above "Yet now the Democrats ... want to demand", dev8):
        # the subject nearest the verb is the verb's own
        near = subjects[-1]
        far = [c for c in subjects[:-1] if any(t.text in (":", '"', "“", "”", "''", "``") or "\n" in t.text
                                               for t in verb.doc[c.i + 1:near.i])]
        children = [c for c in children if c not in far]
    for c in children:
        if c.dep_ == "csubj" and c.pos_ in ("VERB", "AUX"):
            # a clause as subject: its own subject, never its object ("a migrant who re-enters Germany ...
            # commits a crime", misparsed with "enters" as the clause: Germany commits nothing)
            return next((g for g in c.children if g.dep_ == "nsubj"), None)
        if c.dep_ in SUBJECTS:
            if c.i - verb.sent.start <= 16 and in_dateline(c, w):
                if (set_off := _after_dateline(c, w)) is not None:
                    return set_off
                continue
            if _prep_infinitive(verb) or _country_of_place(c):
                continue  # round 29b: "with French officials to assist", "in Tehran, Iran chanting": no subject
            if (relative := _relative_object(c, verb)) is not None:
                return relative  # round 29b: "the DNC which sponsored Sanders' run has solicited": the DNC
            if (dashed := _after_dash(c, verb)) is not None:
                return dashed  # round 29b: "In the letter - addressed to X, Channing Phillips - the Utah Republican asks"
            return c
    if verb.tag_ == "VBG" and (blamed := _blamed(verb, w)) is not None:
        return blamed  # "blamed the group for killing ..., bombing ...": the group did it
    if steps > 4 or verb.head.i == verb.i:
        return None
    head = verb.head
    infinitive = verb.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    if verb.tag_ == "VBG" and verb.dep_ in ("advcl", "xcomp") and head.lemma_.lower() in w.gerund_object_verbs and (
            obj := next((c for c in head.children if c.dep_ == "dobj" and c.i < verb.i and c.right_edge.i < verb.i
                         and all(t.text.startswith("@") for t in verb.doc[c.right_edge.i + 1:verb.i])), None)) is not None:
        if obj.right_edge.i + 1 < verb.i:
            return verb.doc[verb.i - 1]  # round 32b: "I appreciate Governor @jdoe endorsing X": the handle's, no one known
        # round 29b (stop 46): "I appreciate Governor Pence endorsing Cruz" (dev29), "saw police beating protesters":
        # the object of a verb of perception or attitude right before the gerund does it, not the verb's subject
        return obj
    if infinitive and (plan := next((c for c in head.children if c.dep_ == "dobj" and c.lemma_.lower() in w.proposal_nouns
                                     and c.right_edge.i + 1 == verb.left_edge.i), None)) is not None:
        # "criticized Trump's calls to ban Muslims" (the infinitive parsed on the verb): the call's content, done by
        # whoever calls, not by the critic (dev audit 28)
        if (owner := next((c for c in plan.children if c.pos_ != "PRON" and (c.dep_ == "poss" or c.dep_ == "nmod" and any(
                g.dep_ == "case" for g in c.children))), None)) is not None:  # ("Trump’s calls" parsed as an nmod)
            return owner  # (no possessor named: "has a plan to destroy", "increase our efforts to destroy": the subject's own)
    if verb.dep_ == "xcomp" or infinitive:  # "called upon Muslims ... to kill" is parsed either way
        if infinitive and head.lemma_.lower() in w.causative_verbs and (obj := next(
                (c for c in head.children if c.dep_ == "dobj" and c.i < verb.i and (is_people(c, w) or c.ent_type_ in (
                    "NORP", "PERSON", "GPE", "ORG") or c.tag_ == "CD" or c.ent_type_ == "CARDINAL")), None)) is not None:
            return obj  # round 34: "drove thousands of Kervians to demand a referendum" (the clause parsed as a purpose):
            # the people driven demand, not the one driving
        if head.lemma_.lower() in w.object_control:
            for c in head.children:
                if c.dep_ in ("dobj", "dative") and not infinitive:  # (an advcl may be a purpose: "called a meeting to")
                    if c.tag_ in ("WDT", "WP") and head.dep_ == "relcl":
                        return head.head  # round 29b: "the 50 that Obama authorized to assist": the 50 (dev5)
                    if any(g.dep_ == "poss" and g.lower_ in ("its", "their") for g in c.children) \
                            and c.lemma_.lower() in w.own_force_words | w.member_nouns:
                        # round 29b: "ISIS authorized its members to kill", "ordered its troops to attack": a body's
                        # own people act for it (dev21)
                        return subject_of(head, w, steps + 1)
                    return c
            for c in head.children:  # "called upon Muslims to kill", "pleaded with voters to reject": they act
                if c.dep_ == "prep" and c.lower_ in w.control_preps and c.i < verb.i:
                    for g in c.children:
                        if g.dep_ == "pobj":
                            return g
        if head.lemma_.lower() in w.future_governors:  # "X is poised to strike" (parsed as a passive)
            for c in head.children:
                if c.dep_ == "nsubjpass":
                    return c
        return subject_of(head, w, steps + 1)
    if verb.dep_ == "conj" and (own := _own_conj_subject(verb)) is not None:
        return own  # "the Post will brand you a liar and NBC News will accuse you": NBC News accuses (round 25)
    if verb.dep_ == "conj" and infinitive_of(verb) and head.pos_ in ("VERB", "AUX") and not infinitive_of(head) and (
            sibling := next((t for t in reversed(list(head.subtree)) if t.i < verb.i and t.dep_ in ("acl", "relcl", "xcomp")
                             and t.pos_ == "VERB" and infinitive_of(t)), None)) is not None:
        # round 29b (stop 46): a to-infinitive hung as a conjunct on a finite verb ("have made requests to withdraw the
        # motion, and even to agree to cancel the meeting", dev26): it is coordinated with the infinitive before it,
        # whose subject it shares (here the ones asked, not the askers)
        return subject_of(sibling, w, steps + 1)
    if verb.dep_ == "conj" and head.dep_ in ("relcl", "advcl") and any(c.dep_ == "dobj" and c.tag_ in ("WDT", "WP")
                                                           for c in head.children) \
            and any(c.dep_ == "dobj" for c in verb.children):
        # round 29b (stop 46): a conjunct with an object of its own hung on a relative clause whose relative pronoun is
        # the object ("appealing to the alt-right — which Hillary Clinton denounced Thursday — and is building a base",
        # dev32): it cannot be inside the clause (whose object is the gap), so the clause's subject is not its own
        return None
    if verb.dep_ == "conj" and (teller := _teller_of_content(verb, w)) is not None:
        return subject_of(teller, w, steps + 1)  # round 29b: "Ms. Khan said Mr. Trump was ignorant and criticized him"
    if verb.dep_ == "advcl" and verb.tag_ in ("VBD", "VBZ", "VBP"):
        if (opened := _opened_by(verb, w)) is not None:
            return opened  # round 29b: "after Clinton, responding to Sanders, dropped her reluctance": Clinton dropped it
        if verb.tag_ in ("VBZ", "VBP") or any(c.dep_ == "mark" for c in verb.children):
            # round 29b (stop 46): a finite verb of an adverbial clause with no subject of its own is a noun the parser
            # read as a verb ("as Democratic calls for his resignation mount", dev15; "resistant to the Obama/Clinton
            # calls for regime change", dev22) or a clause whose subject it lost: the main clause's subject is not its
            # (a bare past after a comma, "struck Gaza, killed three", is left to the climb below)
            return None
    if verb.dep_ in ("conj", "advcl") and head.pos_ in ("VERB", "AUX"):
        trailing = head.i > verb.i and verb.tag_ not in ("VBG", "VBN")  # ("Accusing the West, Putin said": his)
        if head.lemma_.lower() in w.speech_verbs and (trailing or any(
                c.dep_ == "mark" and c.lower_ == "as" for c in head.children)):
            # round 25 (stop 42): a verb of saying set off as an attribution ("..., as Breitbart reported, demanding
            # they leave", "... tried to escape and was captured by Kurdish forces, the Post reports"): the reporter
            # does not do the act; an "as" parenthetical is skipped to the clause it interrupts, a trailing one (after
            # a finite verb the parser hung on it) ends the search
            if trailing or head.dep_ not in ("advcl", "parataxis") or head.head.i == head.i:
                return None
            return subject_of(head.head, w, steps + 1)
        if verb.dep_ == "advcl" and verb.tag_ == "VBG" and head.dep_ == "ccomp" and verb.i > 0 \
                and verb.doc[verb.left_edge.i - 1].text == "," and verb.lemma_.lower() in w.blame_verbs | w.speech_verbs \
                | w.demand_verbs and head.head.pos_ in ("VERB", "AUX") \
                and head.head.lemma_.lower() in w.blame_verbs | w.speech_verbs:
            # round 25: "Trump criticized how the FBI handled the probe, accusing it of ...": a participle of blame or
            # saying set off after the content clause of a verb of blame or saying is the speaker's, not the clause's
            return subject_of(head.head, w, steps + 1)
        return subject_of(head, w, steps + 1)
    if verb.dep_ in ("acomp", "attr") and head.pos_ in ("VERB", "AUX"):  # "is about to strike": the copula's subject
        return subject_of(head, w, steps + 1)
    if verb.dep_ in ("acl", "relcl") and infinitive_of(verb) and head.lemma_.lower() in w.pressed_nouns:
        return None  # round 29b: "pressure from Congress to punish Saudi Arabia": the one pressed punishes (fresh4)
    if verb.dep_ == "acl" and verb.tag_ in ("VBD", "VBZ", "VBP") and verb.i > head.i and verb.doc[verb.i - 1].text == ",":
        return None  # round 29b: "Biden, echoing Erdogan, called on Kurds" (the finite verb hung on "Erdogan"): not his
    if verb.dep_ == "acl" and verb.tag_ != "VBN":  # "militants launching attacks"
        prev = verb.doc[verb.i - 1] if verb.i > 0 else None
        if prev is not None and prev.i != head.i and prev.pos_ == "NOUN" and prev.dep_ == "pobj" \
                and prev.lemma_.lower() in w.agency_modifiers and prev.head.head.i == head.i:
            return None  # round 28b: "his handling of the Laquan McDonald police shooting" (the noun "police shooting"
            # misread as a participle on "handling"): no doer named, least of all the one shot (dev26)
        return head
    return None


def infinitive_of(verb) -> bool:
    """Whether a verb is a to-infinitive ("to punish")."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _prep_infinitive(verb) -> bool:
    """Round 29b (stop 46): a to-infinitive read as the object of a preposition other than "for", with a subject of its
    own ("get in touch with French officials to assist with the investigation": "officials" made the subject of
    "assist"). English gives an infinitive its own subject only after "for" ("for the Council to act"); the noun is the
    preposition's object, and who assists is not told by it (the wash-post Nice article of `events_audit.yaml`)."""
    prep = verb.head
    if verb.dep_ != "pcomp" or prep.dep_ != "prep" or prep.lower_ == "for" or not infinitive_of(verb):
        return False
    w = _words()  # ("pleaded with voters to reject him", "called on Iran to stop": the ones asked act)
    return not (prep.lower_ in w.control_preps and prep.head.lemma_.lower() in w.object_control)


def _country_of_place(c) -> bool:
    """Round 29b (stop 46): a country named after a place in a prepositional phrase and a comma, read as the subject of
    the participle that follows ("captured on video in Tehran, Iran chanting ...", fresh4): where, not who (the
    `appos` form of it, "the Diocese of Linz, Austria", is parties.entity_of's)."""
    doc = c.doc
    return c.dep_ == "nsubj" and c.ent_type_ in ("GPE", "LOC") and c.left_edge.i == c.i and c.i >= 2 \
        and doc[c.i - 1].text == "," and doc[c.i - 2].ent_type_ in ("GPE", "LOC") and doc[c.i - 2].dep_ == "pobj" \
        and c.head.tag_ == "VBG"


def _relative_object(subj, verb):
    """Round 29b (stop 46): the noun a relative clause is on when the parser ended the clause early and took its object
    for the next verb's subject ("the very same DNC which sponsored Sanders' presidential run has solicited the
    banks": "run" made the subject of "solicited", dev29): the subject phrase follows at once a relative clause whose
    verb has a relative pronoun as subject and no object of its own, and the main verb has no other subject. None
    otherwise."""
    if subj.dep_ != "nsubj" or subj.i > verb.i or subj.left_edge.i < 2:
        return None
    rel = subj.doc[subj.left_edge.i - 1]
    if rel.dep_ != "relcl" or rel.pos_ != "VERB" or rel.head.i >= rel.i or rel.right_edge.i != rel.i:
        return None
    if not any(c.dep_ == "nsubj" and c.tag_ in ("WDT", "WP") for c in rel.children):
        return None
    if any(c.dep_ in ("dobj", "ccomp", "xcomp", "prep", "attr", "acomp", "dative", "prt") for c in rel.children):
        return None
    return rel.head if rel.head.pos_ in ("PROPN", "NOUN") else None


def _after_dash(subj, verb):
    """Round 29b (stop 46): the phrase set off after a dash that closes a parenthesis, when the parser made the
    parenthesis's last name the subject and the phrase its apposition ("In the letter - addressed to the U.S. attorney,
    Channing D. Phillips - the Utah Republican asks for an investigation", dev27): the apposition right before the verb
    is the subject. None otherwise."""
    doc = subj.doc
    for a in subj.children:
        if a.dep_ == "appos" and subj.i < a.i and a.right_edge.i + 1 == verb.i \
                and any(t.text in ("-", "—", "–", "--") for t in doc[subj.i + 1:a.left_edge.i]):
            return a
    return None


def _teller_of_content(verb, w: Words):
    """Round 29b (stop 46): the verb of saying a conjunct of blame or praise belongs to, when the parser hung it on the
    verb of the clause reported ("Ms. Khan said Mr. Trump was ignorant of Islam and criticized him", dev24; "a panel
    which said the Syrian army carried out two attacks and also accused ISIS", dev2), or on the verb of a "that" clause
    on a noun of the main clause ("backpedaled on his prediction that Russia would pull out of its slump, and blamed
    the tumble in oil prices", dev9): the teller blames, not the reported clause's subject. Not a conjunct with a
    subject, an auxiliary or a "that" of its own ("said that Russia had attacked and had accused ..." stays the
    clause's), nor a verb of force (`spoken_blame_verbs`). The governing verb, or None."""
    if verb.lemma_.lower() not in w.spoken_blame_verbs or verb.tag_ not in ("VBD", "VBZ", "VBP"):
        return None
    if any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "mark") for c in verb.children):
        return None
    content = verb.head
    if content.pos_ not in ("VERB", "AUX") or content.i > verb.i:
        return None
    if content.dep_ == "ccomp" and content.head.pos_ in ("VERB", "AUX") \
            and content.head.lemma_.lower() in w.speech_verbs and content.head.i < content.i:
        return content.head
    if content.dep_ == "ccomp" and that_clause(content) and content.head.pos_ in ("VERB", "AUX") \
            and content.head.i < content.i:
        return content.head  # ("backtracked on his forecast that Russia would emerge ..., and blamed Turkey")
    if content.dep_ in ("acl", "ccomp") and that_clause(content) and content.head.pos_ == "NOUN":
        gov = content.head
        for _ in range(4):  # "backpedaled on his prediction that ...": up to the verb the noun hangs on
            if gov.pos_ in ("VERB", "AUX") or gov.head.i == gov.i:
                break
            gov = gov.head
        return gov if gov.pos_ in ("VERB", "AUX") and gov.i < verb.i else None
    return None


def _opened_by(verb, w: Words):
    """Round 29b (stop 46): the subject of a finite clause of time that the parser read as a preposition and its object
    ("even after Clinton, responding to a surging Sanders, dropped her reluctance ... and agreed to debate, Sanders
    continued ...": "Clinton" the object of "after", the clause's verb an adverbial with no subject; dev31): that
    object, a name or a noun before the verb, not the main clause's subject. None otherwise."""
    for p in verb.children:
        if p.dep_ == "prep" and p.lower_ in w.clause_openers and p.i < verb.i:
            obj = next((g for g in p.children if g.dep_ == "pobj"), None)
            if obj is not None and obj.pos_ in ("PROPN", "NOUN", "PRON") and obj.i < verb.i and not any(
                    t.pos_ in ("VERB", "AUX") and t.dep_ not in ("amod",) and t.head.i == verb.i and t.dep_ != "advcl"
                    for t in verb.doc[obj.i + 1:verb.i]):
                return obj
    return None


def _own_conj_subject(verb):
    """Round 25 (stop 42): the subject of a second conjunct verb that the parser hung on the first verb's object as a
    conjunct ("the Post will brand you a liar and NBC News will accuse you", "prosecutors charged the officer with
    murder and Emanuel fired his chief": "NBC News" and "Emanuel" read as conjuncts of "liar" and "murder"): the noun
    right before the verb (or before its auxiliaries), a conjunct of a word of the first verb's clause, never of the
    first verb's own subject ("Russia and Iran will attack" has a real joint subject, on the first verb)."""
    left = verb.left_edge
    if any(c.dep_ in ("dobj", "prep") and c.i < verb.i for c in verb.children):
        return None
    if left.i < 2 or any(t.dep_ not in ("aux", "neg", "advmod") for t in verb.doc[left.i:verb.i]):
        return None
    prev = verb.doc[left.i - 1]
    if prev.dep_ != "conj" or prev.pos_ not in ("PROPN", "NOUN") or prev.head.dep_ in ("nsubj", "nsubjpass"):
        return None
    if not any(c.dep_ == "cc" for c in prev.head.children) or prev.head.i >= prev.i:
        return None
    first = verb.head
    return prev if first.i < prev.head.i < verb.i and first.pos_ in ("VERB", "AUX") else None


def _blamed(verb, w: Words):
    """The one a verb of blame or praise holds to account for its gerund: "blamed the group for killing",
    "accused X of bombing", "was praised for helping", or "blamed the group, bombing ..." (an adverbial
    gerund after the object)."""
    head = verb.head
    if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.lower_ in ("for", "of"):
        head = head.head
        if head.dep_ in ("dobj", "nsubjpass") and head.head.lemma_.lower() in w.blame_verbs:
            return head  # "accused X of killing": the preposition hangs on the object
    elif verb.dep_ != "advcl":
        return None
    if head.lemma_.lower() not in w.blame_verbs:
        return None
    if verb.lemma_.lower() in w.blame_verbs | w.speech_verbs:
        return None  # "criticized X, accusing him of ...", "praised X, calling him ...": the subject's own words
        # (dev audit 26)
    return next((c for c in head.children if c.dep_ in ("dobj", "nsubjpass")), None)


def that_clause(tok) -> bool:
    return any(g.dep_ == "mark" and g.lower_ == "that" for g in tok.children)


def phrase_span(offset: int, head) -> tuple[int, int]:
    """Document offsets of a phrase head's whole subtree."""
    return offset + head.left_edge.idx, offset + head.right_edge.idx + len(head.right_edge.text)


def agent_of(tok):
    for c in tok.children:
        if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by"):
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
    return None


def prep_objects(tok, preps, after: bool = False) -> list:
    """The objects of the prepositions `preps` on `tok`; with `after`, only those that follow it (a
    fronted "At Addis Ababa University, administrators cracked down" sets the scene, names no target),
    and no gathering under "at" ("attacked by him at the Democratic Convention": where, not whom)."""
    gatherings = _words().gathering_nouns
    return [g for c in tok.children if c.dep_ == "prep" and c.lower_ in preps and not (after and c.i < tok.i)
            for g in c.children if g.dep_ == "pobj"
            and not (after and c.lower_ == "at" and g.lemma_.lower() in gatherings)]
