"""Trigger finding and typing: which tokens of a sentence tell a coded event, and its CAMEO code and PLOVER type."""
from __future__ import annotations

from dataclasses import dataclass

from .modality import Words, words
from .refusals import fired_into_sea, levied
from .triggers import Lexicon
from .syntax import (
    SUBJECTS, clause_with_subject, doc_text, for_clauses, quoted_apart, is_venue, is_people, objects_acted_on, subject_of, prep_objects)


NOMINAL = {"nsubj", "nsubjpass", "dobj", "pobj", "attr", "conj"}
SKIP_DEPS = {"amod", "compound", "aux", "auxpass"}  # "US-backed forces", "attack aircraft"


@dataclass
class Trigger:
    tok: object  # the head token (spaCy)
    toks: list  # every token of the trigger ("air strike")
    code: str
    type: str
    noun: bool


def verb_code(tok, lex: Lexicon) -> str | None:
    """The CAMEO code of a verb token.

    The most specific hand-made entry ("call for" before "call") decides first when it is null
    (never an event); then a dictionary pattern on its object or particle (unless the entry says
    `patterns: false`); then the hand-made code; then the dictionary block's default."""
    lemma = tok.lemma_.lower()
    # "called for the Council to act": the parser makes "for" a subordinator (mark)
    # "called on Wednesday": a prepositional phrase of time is no particle
    parts = [c.lower_ for c in tok.children  # ("backed away from": "away" parsed as an adverb)
             if (c.dep_ in ("prt", "prep", "agent") or (c.dep_ == "mark" and c.lower_ == "for")
                 or (c.dep_ == "advmod" and c.lower_ == "away"))
             and not any(g.dep_ == "pobj" and g.ent_type_ in ("DATE", "TIME") for g in c.children)]
    parts += ["for" for c in for_clauses(tok)]  # "called for the Council to act": "for" marks the clause
    keys = [f"{lemma} {p}" for p in parts if f"{lemma} {p}" in lex.verb_keys()] + [lemma]
    manual = next((k for k in keys if k in lex.manual), None)
    if manual is not None and lex.manual[manual] is None:
        return None
    if manual is not None:  # "call out" listed: the patterns of "call for" do not apply to it
        keys = keys[:keys.index(manual) + 1]
    if manual not in lex.no_patterns:
        objects = [w for c in tok.children if c.dep_ in ("dobj", "nsubjpass", "attr") and not quoted_apart(tok, c, colon_only=True)
                   for w in (c.lemma_.lower(), c.lower_)]  # ("continued: 'The worst attack ...'" quotes an attack;
        # "chanted “Death to America”" chants it)
        objects += [f"{c.lower_} {g.lemma_.lower()}" for c in tok.children if c.dep_ == "prep"
                    for g in c.children if g.dep_ == "pobj"]
        for b in (b for key in keys for b in lex.blocks_by_verb.get(key, [])):
            for o in objects:
                if o in b.objects:
                    return b.objects[o]
            for p in parts:
                if p in b.particles:
                    return b.particles[p]
    if manual is not None:
        return lex.manual[manual]
    for key in keys:
        for b in lex.blocks_by_verb.get(key, []):
            code = b.verb_code(key)
            if code and b.name in lex.trusted:  # everyday verbs of the other blocks: only by a pattern
                return code
    return None


def _background(tok) -> bool:
    """A restrictive participle names a state of its noun, not an event told: "the regime held area",
    "a ceasefire agreed in Geneva", "forces assisted by the Russians" (while "Our units, supported by
    the air force, ..." set off by a comma tells what happened)."""
    if tok.dep_ not in ("amod", "acl", "compound", "nmod") or tok.head.pos_ not in ("NOUN", "PROPN"):
        return False
    if tok.tag_ != "VBN" and not (tok.tag_ == "VBD" and tok.dep_ in ("acl", "amod")):  # a participle tagged VBD ("271 pledged delegates")
        return False
    if tok.tag_ == "VBD" and any(c.dep_ == "nsubj" for c in tok.children):
        return False  # a finite verb with its own subject hung on a dateline's place ("MOSCOW: Russia accused Ukraine
        # ...": the parser made the place the root), no participle (round 28b)
    if clause_with_subject(tok, ("nsubj", "nsubjpass")):
        return False  # round 34: "its claim that Ukraine had attacked Russia", "reports that the army has shelled the
        # town": a perfect with its own subject is the noun's clause, a told act, no participle of a state
    first = tok.left_edge
    return not (first.i > 0 and tok.doc[first.i - 1].text in (",", "(", "–", "—"))


def _question(tok, w: Words) -> bool:
    """Whether a verb of asking asks a question (passive, question object, wh- or whether-clause)."""
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children) or (tok.tag_ == "VBN" and tok.dep_ == "advcl"):
        return True
    if any(c.dep_ == "dobj" and c.lemma_.lower() in w.question_objects for c in tok.children):
        return True
    if any(c.dep_ == "prep" and c.lower_ == "about" for h in [tok, *(c for c in tok.children if c.dep_ == "dobj")]
           for c in h.children):
        return True  # "to ask Francis about Barros", "asked a guest, a lawyer ..., about the investigation"
    if any(c.dep_ in ("ccomp", "advcl") and (any(g.tag_ in ("WRB", "WP", "WDT") or g.lower_ in ("whether", "if")
                                                  for g in c.children if g.i < c.i)
                                             # "asked him how long the war would last": the wh-word opens the clause
                                             or c.left_edge.tag_ in ("WRB", "WP", "WDT", "WP$") and c.left_edge.i > tok.i)
           for c in tok.children):
        return True
    # "“Do you want them to run?” asked Sen. Cantwell", "asked Ford “with what degree of certainty ...?”":
    # a sentence of asking with a question mark asks a question
    return any(t.text == "?" for t in tok.sent)


_NAMED_PARTIES = ("PERSON", "NORP", "ORG", "GPE")


def _asked_from(tok, obj) -> bool:
    """Whether `tok` lies under a "from" phrase of a noun object `obj` ("help from the Federation")."""
    while tok.i != obj.i and tok.head.i != tok.i:
        if tok.dep_ == "prep" and tok.lower_ == "from" and obj.pos_ == "NOUN":
            return True
        tok = tok.head
    return False


def _asked_nothing(tok, w: Words) -> bool:
    """"Obama asked Republican lawmakers.", "asked reporters rhetorically", "just ask the governor": "ask" with
    one or two objects that are people and nothing asked for (no thing asked, no "for"/"to", no clause), a
    question put to them ("asked Congress for money", "asked him to resign", "asked permission" stay)."""
    objs = [c for c in tok.children if c.dep_ in ("dobj", "dative")]
    # a name in the object's phrase makes it people ("asked Republican politicians", "asked the Trump campaign"),
    # but not the party a thing is asked from ("asked help from the Federation": help asked for; fresh6's lost event)
    if not objs or any(not (c.pos_ in ("PROPN", "PRON") or is_people(c, w) or any(
            g.ent_type_ in _NAMED_PARTIES and not _asked_from(g, c) for g in c.subtree)) for c in objs):
        return False
    return not for_clauses(tok) and not any(
        c.dep_ in ("ccomp", "xcomp", "attr", "oprd", "advcl") or c.dep_ == "prep" and c.lower_ in w.ask_content_preps
        and not is_venue(c, w)  # ("asked companies, firms and even Walmart for donations": under the last conjunct)
        for c in [*tok.children, *(g for o in objs for g in o.subtree if g is not o)])


def _idiom(tok, w: Words) -> bool:
    """A sports result or idiom: the verb's object or complement, or the object of one of its
    prepositions, is a word of `idiom_objects` ("seized victory", "beat Germany in the semi-final",
    "captured hearts", "pleaded guilty"). A match told as a time ("attacked the referee after the game", "during the
    match") is when, not what was won (round 24, stop 41)."""
    heads = [c for c in tok.children if c.dep_ in ("dobj", "attr", "acomp", "oprd")]
    heads += [g for c in tok.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"
              and not (c.lower_ in w.time_preps and g.lemma_.lower() in ("game", "match"))]
    return any(h.lemma_.lower() in w.idiom_objects or h.lower_ in w.idiom_objects for h in heads)


def _own_thing(tok) -> bool:
    """Whether the verb's object is the subject's own ("stood by his comment", "defended his decision")."""
    return any(c.dep_ == "dobj" and any(g.dep_ == "poss" and g.pos_ == "PRON" for g in c.children)
               or c.dep_ == "prep" and any(g.dep_ == "pobj" and any(p.dep_ == "poss" and p.pos_ == "PRON" for p in g.children)
                                           for g in c.children)
               for c in tok.children)


def _abstract(tok, w: Words) -> bool:
    """Whether the trigger's object, or the object of its target preposition, is an abstract thing
    or a paper ("combat the epidemic", "attacks on the existence of Israel", "release the records")."""
    heads = objects_acted_on(tok, w)
    if tok.pos_ in ("NOUN", "PROPN"):  # "the release of text messages": the noun's "of" object is what it acts on
        heads += [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
    return any(h.lemma_.lower() in w.abstract_objects or h.lower_ in w.abstract_objects for h in heads)


def _idea(tok, w: Words) -> bool:
    """Whether the trigger's object is an idea ("endorsing the heresy", "reject the idea of a hike"), also
    through a relative pronoun ("the interpretation which Francis has promoted"): no party, whatever the type."""
    heads = objects_acted_on(tok, w)
    if tok.pos_ in ("NOUN", "PROPN"):  # "support of the profession", "backing for the idea"
        heads += prep_objects(tok, {"of", "for"})
    if tok.dep_ == "relcl" and any(h.tag_ in ("WDT", "WP") or h.lower_ == "that" for h in heads):
        heads.append(tok.head)
    # someone's idea ("Trump's agenda", "the idea floated by the Arab League") is backing its author
    heads += [c for h in heads for c in h.children if c.dep_ == "compound" and c.lemma_.lower() in w.naming_words]  # "the term containment"
    return any((h.lemma_.lower() in w.idea_objects or h.lower_ in w.idea_objects) and not any(
        c.dep_ == "poss" or c.dep_ == "acl" and any(g.dep_ == "agent" for g in c.children) for c in h.children)
        for h in heads)


def _danger(tok, w: Words) -> bool:
    """Whether a threat noun names a danger, not a threat made ("the threat from the Islamic State",
    "this artillery threat"): no owner, no infinitive of what will be done, no verb of uttering over
    it, and (in the singular) no one it is aimed against."""
    if any(c.dep_ == "compound" and not c.ent_type_ for c in tok.children):
        return True  # "the homegrown Islamic terror threat", "this artillery threat": a kind of danger
    if any(c.dep_ == "acl" and c.lemma_.lower() in w.danger_verbs for c in tok.children) or (
            tok.dep_ in ("dobj", "nsubjpass") and tok.head.lemma_.lower() in w.danger_verbs):
        return True  # "the threat posed by the cartel", "the cartel poses a threat": a danger
    if any(c.dep_ == "poss" or c.dep_ in ("amod", "compound") and c.ent_type_ in ("NORP", "GPE", "ORG", "PERSON")
           for c in tok.children):
        return False  # "Iran's threat", "the Iranian threat": a party's
    if any(g.ent_type_ == "PERSON" for g in prep_objects(tok, {"from"})):
        return False  # "threats from an Iranian official": a person makes them
    if any(c.dep_ == "acl" and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children) for c in tok.children):
        return False  # "the threat to strike"
    verb = tok.head if tok.dep_ in ("dobj", "nsubjpass") else tok.head.head if tok.dep_ == "pobj" else None
    if verb is not None and verb.lemma_.lower() in w.threat_utterance_verbs:
        return False  # "hurling threats at North Korea", "followed through on its threat"
    return not (tok.tag_ == "NNS" and any(c.dep_ == "prep" and c.lower_ in ("against", "at") for c in tok.children))


def sends_forces(tok, w: Words) -> bool:
    """Round 33 (stop 50): whether the object of an order is one's own force (`own_force_words`), a number of people
    the text counts, or "them" ("ordered 300 troops ...", "ordered nearly 300 of them ..."): with a place in its
    "to"/"into" phrase (stage.py) the order sends them there, a deployment (MOBILIZE), no request to another party;
    "ordered Russia to withdraw" names neither."""
    return any(c.dep_ == "dobj" and (c.lemma_.lower() in w.own_force_words or c.tag_ == "CD" or c.lower_ == "them")
               for c in tok.children)


def _advisory(tok, w: Words) -> bool:
    """Whether a noun is a warning of a hazard ("a health warning", "the travel warning"), no threat."""
    return tok.lemma_.lower() in ("warning", "alert", "advisory") and any(
        c.dep_ in ("compound", "amod") and c.lower_ in w.advisory_words for c in tok.children)


def _subject_heads(tok, w: Words) -> list:
    """The verb's subject heads for the checks of what acts (danger_subjects, inanimate_subjects), round 30 (stop 47):
    a relative pronoun read as the noun its clause hangs on ("the missiles that threaten Israel"), and a noun of a part
    read with its "of" object ("the elements of Islamic law that threaten the Constitution")."""
    heads = []
    for c in tok.children:
        if c.dep_ not in SUBJECTS:
            continue
        if c.lower_ in w.relative_pronouns and tok.dep_ == "relcl" and tok.head.pos_ in ("NOUN", "PROPN"):
            c = tok.head
        heads.append(c)
        if c.lower_ in w.part_nouns or c.lemma_.lower() in w.part_nouns:
            heads += [g for p in c.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children
                      if g.dep_ == "pobj"]
    return heads


def _danger_verb(tok, w: Words) -> bool:
    """Whether a verb of threatening tells a danger or a capability: a weapon or a force of nature as its
    subject ("missiles threaten the personnel"), or "can/could threaten X" with no act said."""
    if any(c.lemma_.lower() in w.danger_subjects for c in _subject_heads(tok, w)):
        return True
    if any(c.dep_ == "neg" for c in tok.children) and not any(c.dep_ in ("xcomp", "ccomp") for c in tok.children) \
            and not prep_objects(tok, {"with"}):
        return True  # "Cuba does not threaten the United States": no danger, no threat made
    return (any(c.dep_ == "aux" and c.lower_ in w.ability_aux for c in tok.children)
            and not any(c.dep_ == "xcomp" for c in tok.children))


def _test(tok, w: Words) -> bool:
    """Whether an assault verb is a test ("the North Korea test fired a missile", "test-fired")."""
    if any(c.lemma_.lower() in w.test_words and c.dep_ in (*SUBJECTS, "compound", "npadvmod", "advmod", "amod")
           for c in tok.children):
        return True
    text = doc_text(tok.doc)
    return any(text[max(0, tok.idx - len(t) - 2):tok.idx].lower().rstrip("- ").endswith(t) and
               text[max(0, tok.idx - 1):tok.idx] == "-" for t in w.test_words)


def _heads(lex: Lexicon) -> tuple[frozenset, frozenset]:
    """(the first words of the verb keys, the last words of the noun keys) of `lex`, kept on it."""
    found = getattr(lex, "_heads", None)
    if found is None:
        found = (frozenset(k.split(" ")[0] for k in lex.verb_keys()),
                 frozenset(k.rsplit(" ", 1)[-1] for k in lex.nouns))
        lex._heads = found
    return found


def _verb_may_code(lemma: str, lex: Lexicon, w: Words) -> bool:
    """False when `find_triggers` can find no trigger in a verb of this lemma: `verb_code` reads only keys that are
    the lemma or start with it and a space (none listed: no code), and without a code only the withdrawal and
    sending verbs get one. A pure test on the lemma, so the checks it spares (all of them predicates) change no
    output (round 14 of docs/speed.md)."""
    return " " in lemma or lemma in _heads(lex)[0] or lemma in w.withdrawal_verbs or lemma in w.sending_verbs


def _noun_may_code(tok, lemma: str, lex: Lexicon) -> bool:
    """False when no noun key can give a noun its code: the keys read are the lemma, the lower-case form, and a
    modifier's lemma or form, a space, then the lemma (round 14)."""
    return " " in lemma or lemma in _heads(lex)[1] or tok.lower_ in lex.nouns


def find_triggers(sent, lex: Lexicon, w: Words | None = None) -> list[Trigger]:
    w = w or words()
    out = []
    for tok in sent:
        if tok.dep_ in SKIP_DEPS:
            continue
        if tok.i > sent.start and tok.is_alpha and tok.nbor(-1).lower_ == tok.lower_:
            continue  # "Pope meets meets with the bishop": a headline's doubled word is one act, told once (round 32)
        # "US airstrikes on ..." is sometimes tagged a verb with a subject: a verb in a noun's slot
        # whose lemma is a noun trigger is read as the noun.
        lemma = tok.lemma_.lower()
        misread = (tok.pos_ == "VERB" and lemma in lex.nouns
                   and (tok.dep_ in NOMINAL or lemma not in lex.verb_keys())
                   # (not a verb with its own auxiliary, negation or subordinator: "but that he would not support
                   # mass deportation", a conjunct clause, is a verb; round 22, dev audit 3)
                   and not any(c.dep_ in ("aux", "auxpass", "neg", "mark") for c in tok.children))
        if tok.pos_ == "VERB" and not misread:
            if not _verb_may_code(lemma, lex, w):
                continue  # no code for it and none of the rules below gives one: nothing to find (round 14)
            if _background(tok) or _idiom(tok, w):
                continue
            if lemma in w.complement_verbs and any(c.dep_ in ("xcomp", "ccomp") and c.pos_ in ("VERB", "AUX") for c in tok.children):
                # (an AUX head: "pledged that he really is in favour of free trade", an assurance)
                continue  # "helped create", "help rebuild the country": the complement is the act
            if lemma in w.object_particle_verbs and not any(
                    g.dep_ == "pobj" for c in tok.children if c.dep_ in ("prep", "prt") for g in c.children):
                continue  # "stood by watching"
            if lemma in w.seizure_verbs and any(c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in w.electoral_objects
                                                 for c in tok.children):
                continue  # "capture the Senate", "seized the nomination": an election won
            if lemma in w.contest_verbs and any(c.dep_ == "prep" and c.lower_ == "for" and any(
                    g.dep_ == "pobj" and g.lemma_.lower() in w.contest_prizes | w.electoral_objects for g in c.children)
                    for c in tok.children):
                continue  # "battling Rep. Heck for the seat": a race, no attack (round 16)
            if lemma in w.intransitive_verbs and any(c.dep_ in ("dobj", "ccomp") or any(
                    g.dep_ == "prep" and g.lower_ == "of" for g in c.children) for c in tok.children):
                continue  # "demonstrated little grit", "demonstrated little of his old fire": shown, no protest
            if lemma in w.admission_verbs and any(g.ent_type_ in ("GPE", "LOC") or g.lemma_.lower() in w.admission_places
                                                  for g in prep_objects(tok, {"into", "to"})):
                continue  # "welcomed him into Britain": let into a country, no support or meeting
            if lemma in w.removal_verbs and (s := subject_of(tok, w)) is not None and s.lemma_.lower() in w.office_words:
                continue  # "pressured the board to oust the chief executive": a dismissal inside a body
            if lemma in w.ban_verbs and any(c.dep_ == "dobj" and c.pos_ == "NOUN" and not is_people(c, w)
                                             and not any(t.ent_type_ for t in c.subtree) for c in tok.children):
                continue  # "banning natural gas fracking", "ban assault weapons": a policy on things, nobody coerced (dev audit 27)
            if lemma in w.question_verbs and _question(tok, w):
                continue  # "Trump was asked a question", "when asked about", "ask Clinton why ..."
            if lemma in w.removal_verbs and any(h.lemma_.lower() in w.office_words for h in prep_objects(tok, {"from"})):
                continue  # "removed a treasurer from its board": a dismissal inside a body
            if lemma in w.removal_verbs and (any(not is_people(h, w) for h in prep_objects(tok, {"as"})) or any(
                    c.dep_ == "dobj" and not c.ent_type_ and c.pos_ == "NOUN" and not is_people(c, w) for c in tok.children)):
                continue  # "removed his stepmother as beneficiary", "remove the listening devices": no party coerced ("as director": a dismissal)
            if lemma == "ask" and not any(c.dep_ in ("dobj", "dative", "ccomp", "attr", "oprd", "nsubjpass")
                                          or c.dep_ == "prep" and c.lower_ in w.ask_content_preps and not is_venue(c, w)
                                          or c.dep_ == "xcomp"
                                          and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)
                                          for c in tok.children) and not for_clauses(tok):
                continue  # "Sanders asked rhetorically", "Clinton asks as a guy walks in": a question, nothing asked for
            if lemma == "ask" and _asked_nothing(tok, w):
                continue  # "the senator asked reporters.", "just ask the governor": someone asked, nothing asked for (dev audits 28, 29)
            if lemma in w.agreement_verbs and any(h.pos_ == "NOUN" and not h.ent_type_ and h.lemma_.lower() not in w.agent_nouns
                                                  for h in prep_objects(tok, {"with"})):
                continue  # "agreed with the firm's account", "disagreed with the group's creed": an opinion
            if lemma in w.agreement_verbs and prep_objects(tok, {"with"}) and not any(
                    c.dep_ in ("xcomp", "dobj", "ccomp") or c.dep_ == "prep" and c.lower_ in ("to", "on", "upon", "over", "about")
                    for c in tok.children):
                continue  # "a judge agreed with the Democrats", "I agree with Sanders": an opinion or a ruling,
                # nothing agreed on or to (dev audit 26; "agreed with Turkey on a truce" stays)
            if lemma in w.receiving_verbs and not prep_objects(tok, {"from"}):
                continue  # "the AP obtained a letter": nobody gives
            if lemma in w.agreement_verbs and not any(
                    c.dep_ in ("xcomp", "dobj", "neg") or c.dep_ == "prep" and c.lower_ in ("to", "on", "upon", "with", "over")
                    for c in tok.children):
                continue  # "as I'm sure Faggioli would agree": an opinion ("did not agree" refuses a proposal)
            code = verb_code(tok, lex)
            typ = lex.plover(code)
            if any(c.dep_ in ("compound", "nsubj") and c.i == tok.i - 1 and c.lemma_.lower() in w.media_compounds
                   for c in tok.children):
                continue  # "the news release" parsed as "news" releasing
            if typ == "ASSAULT" and _test(tok, w):
                code, typ = "150", lex.plover("150")  # a missile test: a show of force
            if typ == "ASSAULT" and fired_into_sea(tok, w):
                code, typ = "150", lex.plover("150")  # "fired three missiles into the sea": a test, a show of force (round 20)
            if typ in ("COOPERATE", "AID") and any(c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in w.reprieve_words
                                                   for c in tok.children):
                code, typ = "080", lex.plover("080")  # "granted Cuba a deadline extension": a concession (round 20)
            if typ == "ASSAULT" and levied(tok, w):
                code, typ = "170", lex.plover("170")  # "slapped tariffs on": a levy imposed, as "imposed tariffs" (round 20)
            if lemma in w.withdrawal_verbs and any(c.dep_ == "dobj" and c.lemma_.lower() in w.own_force_words
                                                   for c in tok.children):
                code, typ = "0874", lex.plover("0874")  # "remove all troops": a withdrawal, no coercion
            if typ == "RETREAT" and any(c.dep_ == "dobj" and c.lemma_.lower() in w.claim_objects for c in tok.children) or (
                    typ == "RETREAT" and any(g.dep_ == "pobj" and g.lemma_.lower() in w.claim_objects for c in tok.subtree
                                             if c.dep_ == "prep" and c.lower_ in ("of", "from") and c.head.i in (tok.i, tok.i + 1)
                                             for g in c.children)):  # "backed out of the debate"
                continue  # "withdrew the allegations": a claim taken back, no retreat
            if typ == "THREATEN" and _danger_verb(tok, w):
                continue
            if any(c.lemma_.lower() in w.inanimate_subjects or any(
                    g.dep_ == "compound" and g.lower_ in w.inanimate_subjects for g in c.children)
                   for c in _subject_heads(tok, w)) or (
                    tok.dep_ == "acl" and tok.tag_ == "VBG" and tok.head.lemma_.lower() in w.inanimate_subjects):
                continue  # "the club's own bylaws forbid such conduct"
            if lemma in w.movement_verbs and prep_objects(tok, w.direction_preps):
                continue  # "migrants marching toward the U.S. border": a journey
            if lemma in w.sending_verbs and any(c.dep_ == "dobj" and c.lemma_.lower() in w.own_force_words
                                                for c in tok.children):
                code, typ = "154", lex.plover("154")  # "send the military to the border": a mobilization
            if lemma in w.sending_verbs and typ in ("AID", "COOPERATE") and not any(
                    c.dep_ == "dative" for c in tok.children):
                into = prep_objects(tok, {"into"}) + [h for h in prep_objects(tok, {"to"}) if h.ent_type_ == "LOC"]
                if into and any(c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in w.military_craft
                                for c in tok.children):
                    code, typ = "150", lex.plover("150")  # "sent a drone into Ruritanian airspace", "dispatched two
                    # warships to the Gulf" (a sea, no recipient): a show of force, no aid given to anyone (round 34)
                elif (dest := prep_objects(tok, {"to", "into"})) and all(
                        h.lemma_.lower() in w.destination_nouns and not any(t.ent_type_ for t in h.subtree) for h in dest) \
                        and any(c.dep_ in ("dobj", "nsubjpass") and (c.ent_type_ == "PERSON" or is_people(c, w))
                                for c in tok.children):
                    continue  # "a deputy was dispatched to the house": someone sent to a spot, nobody given or helped
                    # (round 34; "sent aid to the area" stays: a thing sent)
            if lemma in w.giving_verbs and code in lex.given:
                code = lex.given[code]  # "lent four helicopters to Ukraine": aid given, no intent (round 33; the codes:
                typ = lex.plover(code)  # plover.yaml `given_codes`, round 34)
            if typ == "REQUEST" and any(c.dep_ == "prep" and c.lower_ == "about" for c in tok.children):
                continue  # "when pressed about those comments": a question
            if typ == "REJECT" and any(c.dep_ == "xcomp" and (c.lemma_.lower() in w.mental_verbs
                                                               or c.lemma_.lower() in w.unsaid_verbs)
                                       for c in tok.children):
                continue  # "refuse to understand it", "refused to comment", "refusing to call it terrorism": no demand refused
            if typ == "CONSULT" and any(c.dep_ == "xcomp" and any(
                    h.lemma_.lower() in w.social_occasions for h in prep_objects(c, {"in", "to", "at", "for"})
                    + [g for g in c.children if g.dep_ == "dobj"]) for c in tok.children):
                continue  # "invited all donors to join in a signing ceremony": a social occasion (round 22, fresh18)
            if typ == "CONSULT" and lemma in w.object_control and any(c.dep_ == "xcomp" for c in tok.children):
                code, typ = "020", lex.plover("020")  # "invited a rival to dig up files": asked to act, no meeting
                # ("visited the area to campaign": a purpose, nobody asked; round 33)
            if typ == "THREATEN" and any(c.dep_ == "dobj" and _advisory(c, w) for c in tok.children):
                continue  # "issued a health warning to travellers"
            if typ == "THREATEN" and lemma in w.risk_warnings and any(
                    c.dep_ == "xcomp" and c.lemma_.lower() == "be" for c in tok.children):
                continue  # "warned its citizens to be careful": an advisory
            if typ == "THREATEN" and lemma in w.risk_warnings and any(
                    c.dep_ == "xcomp" and c.lemma_.lower() in w.precaution_verbs and any(
                        g.dep_ == "dobj" and g.lemma_.lower() in w.precaution_objects for g in c.children)
                    for c in tok.children):
                continue  # "warned Ohio to boost its election security": advice (round 31)
            if typ == "CONSULT" and any(h.lemma_.lower() in w.social_occasions for h in prep_objects(tok, {"to", "at", "for"})
                                        + [c for c in tok.children if c.dep_ == "dobj"]):
                continue  # "were not invited to the wedding": a social occasion
            if lemma in w.agreement_verbs and any(c.dep_ == "ccomp" and any(g.dep_ == "mark" and g.lower_ == "that"
                                                                                for g in c.children) for c in tok.children):
                continue  # "agreed with him that the scandal is relevant": an opinion
            if lemma in w.agreement_verbs and _opinion_clause(tok):
                continue  # "a panel that all agreed Pence won the debate": an opinion (round 21, fresh16)
            if tok.dep_ == "acomp" and tok.head.lemma_.lower() in w.linking_verbs:
                continue  # "the witness looked crushed": a state, not an act
            if typ == "CONCEDE" and lemma in w.release_verbs and not prep_objects(tok, {"to"}) and not any(
                    c.dep_ in ("dobj", "nsubjpass") and (c.ent_type_ in ("PERSON", "NORP") or c.pos_ == "PRON"
                                                         or c.lemma_.lower() in w.captive_nouns) for c in tok.children):
                continue  # "released $1 million", "has not released the statistics": no one freed, nothing handed over
            if typ and _idea(tok, w):
                continue  # "endorsing the heresy", "rejected the idea of a new tax": an idea, no party
            if typ and not (_abstract(tok, w) and (typ not in w.abstract_exempt_types or _own_thing(tok))):
                out.append(Trigger(tok, [tok], code, typ, False))
        elif (tok.pos_ in ("NOUN", "PROPN") or misread) and tok.dep_ != "attr" and _noun_may_code(tok, lemma, lex) and not (
                _abstract(tok, w) and lex.plover(lex.nouns.get(tok.lemma_.lower())) not in w.abstract_exempt_types):
            # ("X is a threat to China" describes X; it tells no act)
            lemma = tok.lemma_.lower()
            if (lemma in w.danger_nouns or tok.lower_ in w.danger_nouns) and _danger(tok, w):
                continue
            if _advisory(tok, w):
                continue  # "a travel warning": an advisory
            if _idea(tok, w):
                continue  # "her support of the declaration", "backing for the idea": no party
            if lex.plover(lex.nouns.get(lemma)) == "REJECT" and any(
                    c.dep_ in ("acl", "relcl", "xcomp") and c.lemma_.lower() in w.unsaid_verbs for c in tok.children):
                continue  # "her refusal to say anything", "the refusal to name the group": words withheld (round 18)
            if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in w.threat_nouns:
                continue  # "threats of airstrikes against Syria": what is threatened, the threat's content
            if lex.plover(lex.nouns.get(lemma)) == "AGREE" and tok.dep_ == "pobj" and tok.head.lower_ == "in" \
                    and any(c.dep_ == "prep" and c.lower_ == "with" for c in tok.children):
                continue  # "in accord with tradition", "in agreement with him": conformity, no agreement made
            if any(c.dep_ == "compound" and c.lemma_.lower() in w.media_compounds for c in tok.children):
                continue  # "the news release", "a press release"
            if lex.plover(lex.nouns.get(lemma)) == "AGREE" and any(
                    c.dep_ in ("compound", "amod") and c.lemma_.lower() in w.business_words for c in tok.children):
                continue  # "an advertising agreement", "a syndication deal": business (dev audit 27)
            if any(c.dep_ in ("amod", "compound") and c.lower_ in w.religion_words and c.ent_type_ in ("NORP", "")
                   for c in tok.children) and \
                    lex.plover(lex.nouns.get(lemma)) == "ASSAULT":
                continue  # "the Muslim invasion of Europe": rhetoric about people
            mods = [c for c in tok.children if c.dep_ in ("compound", "amod") and c.i == tok.i - 1]
            for m in mods:
                code = lex.nouns.get(f"{m.lemma_.lower()} {lemma}") or lex.nouns.get(f"{m.lower_} {lemma}")
                if code and lex.plover(code):
                    out.append(Trigger(tok, [m, tok], code, lex.plover(code), True))
                    break
            else:
                code = lex.nouns.get(lemma) or lex.nouns.get(tok.lower_)
                if code and lex.plover(code):
                    out.append(Trigger(tok, [tok], code, lex.plover(code), True))
    return out


def _opinion_clause(tok) -> bool:
    """"agree" with a finite clause that has no "that", no modal and no undertaking ("all agreed Pence won the debate",
    also when the parser takes the clause's subject for the object: a name or pronoun right before a finite verb): a
    view shared, no agreement (round 21, fresh16). "agreed the troops would leave", "agreed a ceasefire", "agreed to
    talks" stay."""
    if any(c.dep_ == "xcomp" or c.dep_ == "prep" and c.lower_ in ("to", "on") for c in tok.children):
        return False
    for c in tok.children:
        if c.dep_ == "ccomp" and c.tag_ in ("VBD", "VBZ", "VBP") and not any(g.dep_ in ("aux", "mark") for g in c.children) \
                and not any(g.dep_ == "dobj" for g in tok.children):
            return True
        if c.dep_ == "dobj" and c.pos_ in ("PROPN", "PRON") and c.i > tok.i and c.right_edge.i + 1 < len(c.doc) \
                and c.doc[c.right_edge.i + 1].tag_ in ("VBD", "VBZ", "VBP"):
            return True
    return False
