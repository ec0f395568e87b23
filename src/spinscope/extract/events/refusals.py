"""Refusals: a coded trigger that tells no event. Since stop 38 (round 21) the refusals are a table,
`data/events/refusals.yaml`: each rule names its kind and its words, and this module has one small interpreter per
kind (`argument`: a word of an argument, over the word lists of `modality.yaml`; `check`: a named check below, for
what a word list does not say). stage.py calls `refused`. The other functions here (colon_dateline, no_party, poll_share,
support_drawn, to_blame, uncharged, levied, fired_into_sea) are role and recoding checks the stage's modules (stage.py,
parties.py, detect.py) call by name."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ...datafile import read_data
from ...errors import DataFileError
from ...resources import resource
from .modality import Words, words

# A score or tally written as two numbers joined by a hyphen or dash ("6-2", "3-0", "52-48"); not a year span
# ("2015-16") nor part of a longer figure.
SCORE = re.compile(r"(?<![\d.,-])\d{1,3}[-\u2013]\d{1,3}(?![\d.,]?\d|-)")


def _children(tok, deps) -> list:
    return [c for c in tok.children if c.dep_ in deps]


def _pobjs(tok, preps) -> list:
    return [g for c in tok.children if c.dep_ == "prep" and c.lower_ in preps for g in c.children if g.dep_ == "pobj"]


def reader_question(sent, actor_heads) -> bool:
    """A question put to the reader ("Do you back the senator?"): a poll, no event."""
    return any(t.text == "?" for t in sent) and any(h.lower_ in ("you", "ya") for h in actor_heads)


def enlisting(tok, typ: str, actor, w: Words) -> bool:
    """One person joining an army ("tried to join the Navy"): enlisting, no mobilization."""
    return typ == "MOBILIZE" and tok.lemma_.lower() in w.enlisting_verbs and (actor is None or actor.type == "person")


def colon_dateline(head):
    """Round 26 (stop 43): a dateline's place set off by a colon at the head of a sentence, with the subject in
    apposition after it ("New Delhi: BJP leader Ram Jethmalani ... launched an attack"): the appositive is the subject
    (the parser hangs it on the place); None when `head` is no such place."""
    sent, doc = head.sent, head.doc
    if head.left_edge.i != sent.start or head.ent_type_ not in ("GPE", "LOC") or head.i + 2 >= sent.end \
            or doc[head.i + 1].text != ":":
        return None
    return next((c for c in head.children if c.dep_ == "appos" and c.i > head.i + 1), None)


def demand_to_know(tok, w: Words) -> bool:
    """"demanded to know why", "“Why now?” she demanded": a question, no demand on a party ("demanded
    answers from the Pentagon" stays a demand)."""
    return tok.lemma_.lower() in w.demand_verbs and (
        any(c.dep_ == "xcomp" and c.lemma_.lower() in w.knowing_verbs for c in tok.children)
        or _after_question(tok) and not any(c.dep_ in ("dobj", "xcomp") for c in tok.children))


def _after_question(tok) -> bool:
    """Whether the verb's sentence holds a question mark, or follows one ("“Why now?” she demanded" split in two)."""
    start = tok.sent.start
    return any(t.text == "?" for t in tok.sent) or any(t.text == "?" for t in tok.doc[max(0, start - 2):start])


def disease_acts(actor_heads, w: Words) -> bool:
    """A disease as the subject ("Ebola killed hundreds"): no party acts."""
    # round 28 (stop 45): a disease named by a common noun ("the epidemic killed"), or in two words ("the Black Death")
    return any(h.lower_ in w.disease_names or h.lemma_.lower() in w.disease_nouns or " ".join(
        t.lower_ for t in (*_children(h, ("compound", "amod")), h)) in w.disease_nouns for h in actor_heads)


def floor_given(tok) -> bool:
    """"I'm not going to call on you": a speaker given the floor, no appeal (an appeal says what for:
    "called on X to act", "called on X for help"). Round 31 (stop 48): the passive with the preposition left standing
    ("the journalist had not been called on"), with nothing asked for ("was called on to resign" stays)."""
    if tok.lemma_.lower() == "call" and any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children) and any(
            c.dep_ in ("prep", "prt") and c.lower_ in ("on", "upon") and not list(c.children) for c in tok.children) \
            and not any(c.dep_ in ("xcomp", "ccomp", "advcl", "oprd") or c.dep_ == "prep" and c.lower_ in ("for", "to")
                        for c in tok.children):
        return True
    return tok.lemma_.lower() == "call" and bool(_pobjs(tok, {"on", "upon"})) and not any(
        c.dep_ in ("xcomp", "ccomp", "advcl") or c.dep_ == "prep" and c.lower_ in ("for", "to") for c in tok.children) \
        and not any(g.dep_ in ("xcomp", "acl", "relcl") or g.dep_ == "prep" and g.lower_ in ("for", "to")
                    for h in _pobjs(tok, {"on", "upon"}) for g in h.children)


def no_party(ent, tok, w: Words) -> bool:
    """An entity that is no party: a disease ("the spread of Ebola"), a faith ("attacks on Islam") or a
    hashtag ("#Strong")."""
    return ent.name.lower() in w.disease_names | w.religion_names or (tok.idx > 0 and tok.doc.text[tok.idx - 1] == "#")


def poll_share(tok, w: Words) -> bool:
    """A share of people in a poll ("61% of Republicans", "a majority of voters"): no party ("three
    quarters of the board voted" is the board's act)."""
    return (tok.lemma_.lower() in w.share_words or tok.lower_ in w.share_words) and not any(
        h.lemma_.lower() in w.office_words or h.lemma_.lower() in w.deciding_bodies for h in _pobjs(tok, {"of"}))


def support_drawn(trig, actor, actor_head, w: Words) -> bool:
    """A person's possessive on a support noun measured as a following is the one supported ("Trump's support
    nationwide", "her support among women", "his support grew"); "Obama's support for the deal" and "the
    minister's support proved costly" are theirs."""
    tok = trig.tok
    if not (trig.noun and trig.type in w.supported_compound_types and actor is not None and actor_head is not None
            and actor_head.dep_ == "poss" and not _pobjs(tok, {"for", "to", "of"})):
        return False
    if actor.type in ("person", "party") and any(t.lower_ in w.poll_words or t.lemma_.lower() in w.poll_words
                                                 for t in tok.sent):
        return True  # "the poll puts Clinton's support at 46 percent": a share drawn, in a poll's measure (round 15)
    return actor.type == "person" and (
            any(c.lower_ in w.support_extent_words for c in tok.children)
            # round 29b (stop 46): "Clinton's support from elected officials": the support she draws from them (dev25)
            or bool(_pobjs(tok, {"from"}))
            or tok.dep_ in ("nsubj", "nsubjpass") and tok.head.lemma_.lower() in w.support_measure_verbs
            # "would draw from Clinton's support", "eat into his support": a following others take from (dev audit 28)
            or tok.dep_ == "pobj" and tok.head.lower_ in ("from", "into") and tok.head.head.lemma_.lower() in w.support_drain_verbs
            # round 31b (stop 48): "to damage Assange's support before expelling him" (fresh4), "boosted her support":
            # a following built or worn down (`support_base_verbs`)
            or tok.dep_ == "dobj" and tok.head.lemma_.lower() in w.support_base_verbs)


def to_blame(trig, w: Words) -> bool:
    """"The Democrats are to blame": the subject of "be" is the one blamed, not the blamer."""
    tok = trig.tok
    return not trig.noun and tok.lemma_.lower() in w.blame_verbs and tok.dep_ in ("xcomp", "acomp", "advcl") \
        and tok.head.lemma_ == "be" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def uncharged(tok, target, w: Words) -> bool:
    """"charge" with nobody charged and no "with" of a crime ("charged tenants far more", a price): no accusation
    ("was charged with fraud", "charged the minister" stay)."""
    return tok.lemma_.lower() == "charge" and target is None and not _pobjs(tok, {"with"}) \
        and not _children(tok, ("nsubjpass",)) and not any(c.pos_ in ("PROPN", "PRON") for c in _children(tok, ("dobj",)))


def sports_result(trig, w: Words) -> bool:
    """Round 19 (stop 36): a match, not an event. A word of defeating with a score in its clause ("Schwartzman
    defeating Garin 6-2, 6-2", "the Senate beat the amendment 52-48": a result or a tally, no assault), or a
    meeting noun as what is won or lost ("the U.S. had won all 15 previous meetings": matches, no consultation)."""
    tok = trig.tok
    if trig.type in ("ASSAULT", "THREATEN", "COERCE") and tok.lemma_.lower() in w.political_fight_words:
        sub = list(tok.subtree)
        if SCORE.search(tok.doc.text[sub[0].idx:sub[-1].idx + len(sub[-1].text)]):
            return True
    return trig.noun and trig.type == "CONSULT" and tok.dep_ in ("dobj", "nsubjpass") \
        and tok.head.lemma_.lower() in w.match_result_verbs


# Round 20 (stop 37): the classes of fresh14 and fresh15 written in docs/events.md, the real-page errors of
# docs/examples.md (stop 36) and the development audits' everyday senses (dev audits 19, 23, 25).

def levied(tok, w: Words) -> bool:
    """A levy as what an assault verb hands out ("slapped retaliatory tariffs on Chinese steel", "hit Chinese goods
    with tariffs"): imposed, coercion, no assault (the caller recodes it as CAMEO's IMPOSE, 170)."""
    heads = _children(tok, ("dobj", "nsubjpass")) + _pobjs(tok, {"with"})
    return any(h.lemma_.lower() in w.levy_words or h.lower_ in w.levy_words for h in heads)


def fired_into_sea(tok, w: Words) -> bool:
    """A missile fired or launched into the sea with nobody aimed at ("fired three missiles into the sea", "launched
    a missile into the Sea of Japan"): a test or a show of force (recoded 150 by the caller), no assault."""
    heads = [tok, *_children(tok, ("dobj",))]  # ("launched a missile into the sea": the phrase may hang on the missile)
    if any(g.ent_type_ not in ("DATE", "TIME") for h in heads for g in _pobjs(h, {"at", "on", "against", "toward", "towards"})):
        return False
    return any(t.lemma_.lower() in w.sea_words or t.lower_ in w.sea_words for x in heads for h in _pobjs(x, {"into"})
               for t in (h, *_children(h, ("compound",))))


def nothing_pressed_for(tok, typ: str, w: Words) -> bool:
    """"press" with nothing asked for: no "to"-clause, no "for" a thing (not a distance or a time: "for twenty
    miles"), no "into" an act ("she pressed Keitany in London", "is pressing the pace", "pressed the guest on the tax
    returns"): a race or a question, no request. "pressed Clinton to do more", "press Vietnam for improvements",
    "will press for nominees" stay."""
    if typ != "REQUEST" or tok.lemma_.lower() not in w.pressing_verbs:
        return False
    if any(c.dep_ in ("xcomp", "ccomp") or c.dep_ == "mark" and c.lower_ == "for"
           or c.dep_ == "advcl" and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children) for c in tok.children):
        return False  # (an adverbial participle asks nothing: "pressed Priebus on the subject, insisting that ...")
    if any(g.dep_ == "pcomp" for c in tok.children if c.dep_ == "prep" and c.lower_ in ("for", "into") for g in c.children):
        return False  # "to press China into forcing North Korea to abide" (dev audit dev)
    return not any(h.ent_type_ not in ("QUANTITY", "DATE", "TIME", "CARDINAL") and not any(
        g.dep_ == "nummod" for g in h.children) for h in _pobjs(tok, {"for", "into"}))


def quit_injured(tok, typ: str, w: Words) -> bool:
    """"pulled out with a leg injury", "withdrew because of illness": a race or a game quit, no concession or retreat."""
    return typ in ("CONCEDE", "RETREAT") and any(
        t.lemma_.lower() in w.injury_words or t.lower_ in w.injury_words
        for c in tok.children if c.dep_ == "prep" and c.lower_ not in ("from", "of") for t in c.subtree)


# Round 22 (stop 39): local news (fresh17, fresh18).

def vehicle_hit(tok, typ: str, w: Words) -> bool:
    """A verb of collision whose subject, "by" agent or (in a relative clause on it) head noun is a vehicle ("was
    struck by a car", "the truck that hit him"): a road accident, no assault and no words."""
    if typ != "ASSAULT" or tok.lemma_.lower() not in w.collision_verbs:
        return False
    heads = _children(tok, ("nsubj",)) + _pobjs(tok, {"by"}) + [g for c in _children(tok, ("agent",)) for g in _children(c, ("pobj",))]
    if tok.dep_ == "relcl" and any(h.tag_ in ("WDT", "WP") for h in heads):
        heads.append(tok.head)  # "the car that hit Johnson"
    return any(h.lemma_.lower() in w.vehicle_words or h.lower_ in w.vehicle_words for h in heads)


# Round 23 (stop 40): local news (fresh19).

# A telephone number ("(931) 762-4231", "555-1234", "800.555.1234"): round 31 (stop 48).
PHONE = re.compile(r"(?<!\d)(?:\(?\d{3}\)?[\s.-]*)?\d{3}[\s.-]\d{4}(?!\d)")


def notice_to_readers(tok, typ: str, w: Words) -> bool:
    """An imperative verb of contact "for" information or tickets ("For information, call Mary Jones at the library"):
    a notice to readers, no request ("the senators called for details" has a subject: it stays). Round 31 (stop 48): the
    parser may tag the imperative VBP ("For details or a form, call Ann Lee at ..."), and a telephone
    number after the verb makes it a notice too ("Call Bob Smith at (931) 762-4231")."""
    if not (typ == "REQUEST" and tok.lemma_.lower() in w.contact_verbs and tok.tag_ in ("VB", "VBP")
            and not _children(tok, ("nsubj", "nsubjpass", "aux", "auxpass", "expl"))):
        return False
    if any(h.lemma_.lower() in w.notice_words or h.lower_ in w.notice_words for h in _pobjs(tok, {"for"})):
        return True
    doc = tok.doc
    after = doc[tok.i:tok.sent.end].text
    return bool(PHONE.search(after))


def moved_out_of(tok, typ: str, w: Words) -> bool:
    """"backing out of the driveway", "pulled a knife out of her purse": a car or a hand moving out of a thing of
    `moved_out_of_words`, no retreat or concession ("pulled out of the talks", "backed out of the deal" stay)."""
    if typ not in ("RETREAT", "CONCEDE") or tok.lemma_.lower() not in w.moved_out_verbs:
        return False
    outs = [c for c in tok.children if c.lower_ == "out" and c.dep_ in ("prep", "prt", "advmod")]
    heads = _pobjs(tok, {"of", "from"}) + [g for o in outs for g in _pobjs(o, {"of"})]
    return any(h.lemma_.lower() in w.moved_out_of_words or h.lower_ in w.moved_out_of_words for h in heads)


def facility_meeting(trig, w: Words) -> bool:
    """A meeting noun set "at" a building of `facility_words` ("set a special meeting at Roosevelt High School"): where
    a body meets, no partner ("a meeting with the mayor at the school" stays)."""
    tok = trig.tok
    if trig.type != "CONSULT" or not trig.noun:
        return False
    holders = [tok] + ([tok.head] if tok.dep_ in ("dobj", "nsubjpass") and tok.head.pos_ in ("VERB", "AUX") else [])
    if any(c.dep_ == "prep" and c.lower_ in ("with", "between") for h in holders for c in h.children):
        return False
    return any(g.lemma_.lower() in w.facility_words or g.lower_ in w.facility_words
               for h in holders for g in _pobjs(h, {"at", "in"}))


def donations_asked(tok, typ: str, w: Words) -> bool:
    """A REQUEST whose object is a gift of `donation_words` with nobody it is asked "from" ("soliciting private
    donations"): fundraising, no request of a party ("requesting a donation from Fox" stays; "asking for
    contributions" is left: the audits judge it both ways)."""
    if typ != "REQUEST":
        return False
    objects = _children(tok, ("dobj",))
    return any(h.lemma_.lower() in w.donation_words or h.lower_ in w.donation_words for h in objects) \
        and not _pobjs(tok, {"from"}) and not any(_pobjs(h, {"from"}) for h in objects)


SPORT_TEXT_MIN = 3  # distinct sport words that make a whole text a match report


def sport_text(text: str, w: Words) -> bool:
    """Whether a text names at least SPORT_TEXT_MIN distinct words of `sport_words` (one regular expression over the
    text, once per document)."""
    found = {m.group(0).lower() for m in _sport_pattern(w.sport_words).finditer(text)}
    return len(found) >= SPORT_TEXT_MIN


def _alternation(items: frozenset) -> str:
    """A regex alternation of `items`, the longest first (so "anti-war" wins over "war")."""
    return "|".join(sorted((re.escape(x) for x in items), key=len, reverse=True))


@cache
def _sport_pattern(items: frozenset):
    return re.compile(rf"(?<![\w-])(?:{_alternation(items)})(?![\w-])", re.IGNORECASE)


def sport_report(trig, sent, sport: bool, w: Words) -> bool:
    """A sport-prone type (`sport_types`: words of attack, threat, praise, blame, refusal, meeting) in a match report:
    a sentence that names a word of `sport_words` ("rarely threatened the keeper") or a text that names several
    ("a 90th-minute strike", "lauded his team's defence"): a game, no event. Round 24 (stop 41): an assault verb on a
    person named as its object or passive subject, or on a match official or a fan ("fans punched referee John Carr",
    "the umpire was attacked after the game"), is a real assault and stays."""
    if trig.type not in w.sport_types or not (sport or any(t.lower_ in w.sport_words for t in sent)):
        return False
    return not (trig.type == "ASSAULT" and not trig.noun and _assaulted_person(trig.tok, w)
                # round 28 (stop 45): "attacked the referee after the defeat, saying the penalty was a disgrace": words
                and not any(c.dep_ in ("advcl", "xcomp", "conj") and c.lemma_.lower() in w.speech_verbs
                            for c in trig.tok.children))


def _assaulted_person(tok, w: Words) -> bool:
    """Whether an assault verb's object or passive subject (or a compound on it) is a person's name or a match
    official or fan ("punched referee John Carr", "the umpire was attacked")."""
    heads = _children(tok, ("dobj", "nsubjpass"))
    return any(t.ent_type_ == "PERSON" and t.pos_ == "PROPN" or t.lemma_.lower() in w.match_officials
               or t.lower_ in w.match_officials for h in heads for t in (h, *_children(h, ("compound",))))


# Round 24 (stop 41): court procedure and a car's model.

def case_dropped(tok, typ: str, w: Words) -> bool:
    """A charge, case or lawsuit dismissed or dropped by the court's side ("the prosecutor dismissed the charge against
    Miller", "a judge threw out the lawsuit", "the charges were dropped"): procedure, no rejection of the one charged.
    A party that dismisses a charge rejects an accusation ("Iran dismissed the charge", dev audit 3), and so does one
    that dismisses it "as" something ("dismissed the charges as a witch hunt"): they stay."""
    if typ != "REJECT" or tok.lemma_.lower() not in w.case_drop_verbs or _pobjs(tok, {"as"}):
        return False
    if not any(h.lemma_.lower() in w.case_papers or h.lower_ in w.case_papers for h in _children(tok, ("dobj", "nsubjpass"))):
        return False
    doers = _children(tok, ("nsubj",)) + [g for c in _children(tok, ("agent",)) for g in _children(c, ("pobj",))]
    return all(any(t.lemma_.lower() in w.court_officers or t.lower_ in w.court_officers
                   for t in (d, *_children(d, ("compound", "amod")))) for d in doers)


def model_year(tok, typ: str) -> bool:
    """An agreement word as a car's model, told by its model year and maker ("it struck a 2003 Honda Accord"): a
    collision, no accord ("struck a 2015 deal with Iran" has no maker's name; "the 2015 Paris Accord" names a place)."""
    if typ != "AGREE":
        return False
    for h in _children(tok, ("dobj",)):
        years = [c for c in h.children if c.dep_ == "nummod" and c.text.isdigit() and len(c.text) == 4
                 and c.text[:2] in ("19", "20")]
        makers = [c for c in h.children if c.dep_ == "compound" and c.pos_ == "PROPN"
                  and c.ent_type_ not in ("GPE", "NORP", "LOC", "FAC", "EVENT", "LAW")]
        if years and makers:
            return True
    return False


# Round 25b (stop 42, branch pages42): web pages (dev33).

def photo_shoot(tok, typ: str, sent, w: Words) -> bool:
    """"shoot" in a sentence that names photography (`photo_words`: "Warga, who asks his subjects to pose as if for a
    passport photo, has shot everyone from nerds to zombies"), with nobody shot passively or by name, no photographer
    as its object and no word of a wound or a gun (`wound_words`): a photographer's shoot, no assault ("a photographer
    was shot", "the gunman shot a photographer", "police said he shot the man who took the photo" stay)."""
    if typ != "ASSAULT" or tok.lemma_.lower() != "shoot" or _children(tok, ("nsubjpass", "auxpass")):
        return False
    if any(t.ent_type_ == "PERSON" or t.lemma_.lower() in w.photo_words for h in _children(tok, ("dobj",))
           for t in (h, *_children(h, ("compound",)))):
        return False
    lemmas = {t.lemma_.lower() for t in sent} | {t.lower_ for t in sent}
    return bool(lemmas & w.photo_words) and not lemmas & w.wound_words


def business_partner(trig, w: Words) -> bool:
    """An agreement noun made with a company by its verb ("make deals with other stations in the market", "signed a
    contract with a software firm"): the "with" of the noun's verb, as refusals.yaml `business_deal` reads the noun's
    own "with" (a company's business, no agreement between parties)."""
    tok = trig.tok
    if trig.type != "AGREE" or not trig.noun or tok.dep_ != "dobj":
        return False
    return any(t.lower_ in w.business_parties for g in _pobjs(tok.head, {"with"})
               for t in (g, *_children(g, ("compound", "appos", "amod"))))


def rendered_state(tok, w: Words) -> bool:
    """A verb of `state_verbs` ("render") with an adjective of the state it brings about ("were rendered homeless by
    Hurricane Sandy", "rendered the law useless"): no assistance rendered ("rendered assistance to the rebels" has a
    noun object: it stays). Round 26: the verbs are data (modality.yaml `state_verbs`)."""
    return tok.lemma_.lower() in w.state_verbs and any(c.dep_ in ("oprd", "acomp", "xcomp", "ccomp") and c.pos_ == "ADJ"
                                                       for c in tok.children)

# Round 26b (stop 43, branch pages43): web pages (dev34).

def _sentence_words(sent) -> set:
    return {t.lemma_.lower() for t in sent} | {t.lower_ for t in sent}


def lawsuit_settled(tok, typ: str, sent, w: Words) -> bool:
    """A settlement approved in a sentence that names a lawsuit, a court or its parties ("a federal judge approved a
    settlement in one of the wrongful death claims"): a court's procedure, no coercion (CAMEO codes "approve
    settlement" as settlement building: "Israel approved a new settlement in the West Bank" stays)."""
    return typ == "COERCE" and any(c.lemma_.lower() in w.settlement_nouns for c in _children(tok, ("dobj", "nsubjpass"))) \
        and bool(_sentence_words(sent) & w.litigation_words)


def job_ad(tok, typ: str, sent, w: Words) -> bool:
    """A call made by a job advertisement ("after seeing an ad in the student newspaper, calling for scientists and
    engineers to apply"): an advert word before the call and a word of applying in the call's own phrase; no request
    by a party ("Hamas ran an ad calling for an uprising" has no word of applying: it stays)."""
    if typ != "REQUEST" or _children(tok, ("nsubj",)):
        return False
    advert = any(t.lemma_.lower() in w.advert_words or t.lower_ in w.advert_words for t in sent if t.i < tok.i)
    return advert and any(t.lemma_.lower() in w.applying_words for t in tok.subtree if t.i != tok.i)


def speech_scene_force(tok, typ: str, sent, w: Words) -> bool:
    """A force word read figuratively in a scene of speech ("challenged Armstrong in a press conference and Armstrong
    brutally cut him down"): a scene word (`speech_scenes`) as the object of a preposition of setting, and no word of a
    wound or of harm in the sentence; words, no assault ("gunmen cut down the protesters" stays)."""
    if typ != "ASSAULT" or tok.lemma_.lower() not in w.figurative_force_verbs:
        return False
    scene = any(t.lower_ in w.speech_scenes and t.dep_ == "pobj" and t.head.lower_ in w.setting_preps for t in sent)
    return scene and not _sentence_words(sent) & (w.wound_words | w.harm_context_words)

# Round 25 (stop 42): force words in another sense.

def drill(trig, w: Words) -> bool:
    """An assault noun that is the object of a verb of drill ("simulated an attack on the island", "rehearsed an
    assault"): an exercise, no assault."""
    tok = trig.tok
    return trig.type == "ASSAULT" and trig.noun and tok.dep_ in ("dobj", "nsubjpass") \
        and tok.head.lemma_.lower() in w.drill_verbs


# Round 26 (stop 43, branch events43): the development audits' wrong events.

def support_measured(trig, actor_heads, w: Words) -> bool:
    """A support noun as the subject of a verb of measure (`support_measure_verbs`) with a party's adjective or name
    as its only modifier of who ("Democratic support fades as you travel west", "Republican support has eroded"): the
    voters' following of that party, measured, no act of support (the party is not the supporter). A possessor is
    read by `support_drawn` ("Trump's support has dried up": the one supported); "Republican support for the bill grew"
    names what is supported: it stays."""
    tok = trig.tok
    return trig.noun and trig.type == "SUPPORT" and tok.dep_ in ("nsubj", "nsubjpass") \
        and tok.head.lemma_.lower() in w.support_measure_verbs and not _pobjs(tok, {"for", "to", "of", "from"}) \
        and not any(c.dep_ == "poss" for c in tok.children) \
        and any(h.dep_ in ("amod", "compound") and h.head.i == tok.i for h in actor_heads)


def freed_to_act(tok, typ: str, w: Words) -> bool:
    """A verb of `enabling_verbs` ("free") with a to-clause and a thing or "it" as its subject ("It frees President
    Obama to work with Congress", "the win frees the governor to ..."): an outcome lets someone act, no release or
    concession. A party that frees someone stays ("Saudi Arabia freed the activists to attend the hearing", "Hamas
    freed the hostages")."""
    if typ != "CONCEDE" or tok.lemma_.lower() not in w.enabling_verbs or not any(
            c.dep_ == "xcomp" and any(g.dep_ == "aux" and g.lower_ in w.infinitive_marks for g in c.children)
            for c in tok.children):
        return False
    subjects = _children(tok, ("nsubj",))
    return bool(subjects) and all(s.pos_ in ("PRON", "NOUN") and not s.ent_type_ and s.lower_ not in
                                  ("he", "she", "they", "we", "i", "you", "who") for s in subjects)


def measure_ended(trig, w: Words) -> bool:
    """A noun of a measure (a sanction, an embargo, a blockade: `ended_types`) as the object of a verb of `ending_verbs`
    ("the United States lifted sanctions on Iran", "the EU eased sanctions on Belarus", "the sanctions were lifted"):
    the verb's easing is the event told (CONCEDE), not the measure ("imposed sanctions on Iran" stays)."""
    tok = trig.tok
    return trig.noun and trig.type in w.ended_types and tok.dep_ in ("dobj", "nsubjpass") \
        and tok.head.lemma_.lower() in w.ending_verbs


def service_name(trig, actor, w: Words) -> bool:
    """Round 27 (stop 44): a firm's service named in capitals ("Apple Support", "Samsung Support" in a page's menu,
    "Visit HP Support"): a noun of `service_nouns` written with a capital inside its sentence, with a proper noun as its
    compound, the name's last word, its firm's entity (if any) of `firm_types`: a help desk, no support of a party
    ("NATO's Resolute Support mission" is NATO's, an organization of no firm type)."""
    tok = trig.tok
    if not trig.noun or tok.lower_ not in w.service_nouns or not tok.text[:1].isupper() or tok.i == tok.sent.start:
        return False
    if actor is not None and actor.type not in w.firm_types:
        return False
    nxt = tok.nbor() if tok.i + 1 < len(tok.doc) else None
    if nxt is not None and nxt.text[:1].isupper() and nxt.pos_ in ("PROPN", "NOUN"):
        return False  # "the Syria Support Group": a longer name
    return any(c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < tok.i for c in tok.children)


# Round 28 (stop 45, branch events45): everyday senses outside politics (docs/events.md "Round 28").

def asking_price(tok, typ: str, w: Words) -> bool:
    """"the asking price", "an asking rent of $900": the price of a sale, no request."""
    return typ == "REQUEST" and tok.lemma_.lower() == "ask" and tok.dep_ in ("amod", "compound") \
        and tok.head.lemma_.lower() in w.price_words


def submissions_invited(tok, typ: str, w: Words) -> bool:
    """A request whose object, or "for" object, is a thing one submits (`submission_words`: "is inviting bids", "called
    for entries"), or whose to-clause is a verb of sending in (`submitting_verbs`) with such an object ("invited
    architects to submit designs"): a tender or a contest, no request of a party ("urged Trump to withdraw the
    nomination", "invited Iran to submit a proposal" stay)."""
    if typ != "REQUEST":
        return False

    def things(h) -> bool:
        return any(g.lower_ in w.submission_words or g.lemma_.lower() in w.submission_words
                   for g in _children(h, ("dobj",)) + _pobjs(h, {"for"}))
    return things(tok) or any(c.lemma_.lower() in w.submitting_verbs and things(c) for c in _children(tok, ("xcomp",)))


def kin_visited(trig, w: Words) -> bool:
    """A meeting or a visit whose other party is one's kin with a possessive pronoun ("visited his grandmother
    Madelyn Dunham in Hawaii", "met her parents", "a visit to their family"): a family visit, no consultation ("met
    the parents of the kidnapped girls", "the victims' families" stay)."""
    tok = trig.tok
    if trig.type != "CONSULT":
        return False
    holders = [tok] + ([tok.head] if trig.noun and tok.dep_ in ("dobj", "nsubjpass") and tok.head.pos_ == "VERB" else [])
    heads = [h for x in holders for h in _children(x, ("dobj",)) + _pobjs(x, {"with", "to"})]
    for h in heads:
        for t in (h, *_children(h, ("compound", "appos"))):
            kin = t.lemma_.lower() in w.kin_nouns or t.lower_ in w.kin_nouns
            owned = any(c.dep_ == "poss" and c.lower_ in w.possessive_pronouns for x in (h, t) for c in x.children)
            if kin and owned and not _pobjs(t, {"of"}):
                return True
    return False


def show_tour(trig, sent, w: Words) -> bool:
    """"tour" in a sentence that names a band, an album, a concert, a book ... (`show_words`: "the band announced a
    European tour", "will tour North America to promote the album"): a show on the road, no visit ("Obama will tour
    Asia" names none: it stays)."""
    return trig.type == "CONSULT" and trig.tok.lemma_.lower() == "tour" and bool(_sentence_words(sent) & w.show_words)


def hazard_warning(trig, sent, w: Words) -> bool:
    """A warning in a sentence that names a weather or natural hazard (`hazard_words`: "issued a tornado warning",
    "warned residents to evacuate ahead of Hurricane Irma") and no force (`armed_words`): a warning of a hazard, no
    threat by a party ("Israel warned residents to leave before the strikes" names force, "North Korea warned Japan of
    a storm of fire" a party warned by name: they stay)."""
    if trig.type != "THREATEN" or any(c.pos_ == "PROPN" for c in _children(trig.tok, ("dobj", "dative"))):
        return False  # "North Korea warned Japan of a storm of fire": a party warned by name stays
    words = _sentence_words(sent)
    return bool(words & w.hazard_words) and not words & w.armed_words


def help_desk(trig, w: Words) -> bool:
    """A support noun as the compound of a help desk's noun (`help_desk_nouns`: "call the support line", "open a
    support ticket", "the technical support desk"): customer service, no support of a party."""
    tok = trig.tok
    return trig.type == "SUPPORT" and trig.noun and tok.lemma_.lower() in w.service_nouns and tok.dep_ == "compound" \
        and tok.head.lemma_.lower() in w.help_desk_nouns


# ---- round 29 (stop 46, events46): trigger senses from the development and training audits ----

QUOTE_MARKS = {'"', "''", "``", "\u201d", "\u201c", "\u2019", "'"}


def question_asked(tok, typ: str, w: Words) -> bool:
    """"ask" putting a question, no request: a clause opened by a question word ("asked the guest who he thought would
    win", "asked the pupils if anyone had taken a class"), a verb of saying or a view asked for ("asked him to repeat
    himself", "asking the candidate to share his views on the Klan"), or the verb of a quoted question's attribution
    ("“Is he running against the party?” asked Mr. Jones"). A request to act ("asked the department to investigate
    whether ...", "asked Congress for funds") stays."""
    if typ != "REQUEST" or tok.lemma_.lower() not in w.question_verbs or tok.pos_ != "VERB":
        return False
    if _pobjs(tok, {"for"}):
        return False
    xcomps = _children(tok, ("xcomp",))
    if xcomps:
        return any(x.lemma_.lower() in w.asked_to_say or x.lemma_.lower() in w.view_verbs and any(
            o.lemma_.lower() in w.view_words or o.lower_ in w.view_words for o in _children(x, ("dobj",)))
                   for x in xcomps)
    if any(c.dep_ in ("ccomp", "advcl", "dep") and c.i > tok.i and c.left_edge.lower_ in w.question_openers
           for c in tok.children):
        return True
    if any(r.dep_ == "relcl" and r.left_edge.lower_ in w.question_openers and r.left_edge.i == o.i + 1
           for o in _children(tok, ("dobj",)) for r in o.children):
        return True  # "asked the senator who she thought would win": the question parsed as a relative clause
    if any(c.left_edge.dep_ == "mark" and c.left_edge.lower_ in w.question_openers and c.left_edge.i == o.right_edge.i + 1
           and c.dep_ in ("advcl", "ccomp", "dep") for o in _children(tok, ("dobj",)) for c in tok.sent):
        return True  # round 32: "when I asked the pupils if anyone had taken a course, few raised a hand": the "if"
        # clause parsed onto the main verb, right after the one asked
    before = [t for t in tok.doc[max(tok.sent.start - 2, 0):tok.i] if t.text != ","][-1:]
    return _after_question(tok) and (tok.i == tok.sent.start or bool(before) and before[0].text in QUOTE_MARKS)


def person_fired(tok, typ: str, w: Words) -> bool:
    """"fire" or "sack" whose object is a person named or titled ("fired Officer Jane Roe on Monday", "fired Smith at
    the county office"): a dismissal, whatever place follows ("fired at the convoy", "fired rockets at Israel" have
    no person as object)."""
    if typ not in ("ASSAULT", "ACCUSE") or tok.lemma_.lower() not in w.dismissal_verbs - w.named_dismissal_verbs:
        return False
    if any(c.dep_ in ("prt", "advmod") and c.lower_ == "back" for c in tok.children):
        return False
    return any(h.lemma_.lower() not in w.weapon_words | w.danger_subjects and (
        h.ent_type_ == "PERSON" or any(c.dep_ == "compound" and c.text in w.police_titles for c in h.children))
               for h in _children(tok, ("dobj",)))


PARTY_ENTS = ("GPE", "NORP", "ORG", "PERSON")


def rule_on_thing(tok, typ: str, w: Words) -> bool:
    """Rules imposed on a thing ("imposing restrictions on firearms", "imposed new regulatory restrictions on it"): a
    regulation, no coercion of a party; what they are imposed on names no party ("restrictions on Iran", "on Chinese
    goods", "on them" stay)."""
    if typ != "COERCE" or tok.lemma_.lower() not in w.impose_verbs:
        return False
    rules_ = [h for h in _children(tok, ("dobj", "nsubjpass")) if h.lemma_.lower() in w.regulation_nouns]
    if not rules_:
        return False
    ons = _pobjs(tok, {"on", "upon"}) + [g for h in rules_ for g in _pobjs(h, {"on", "upon"})]
    return bool(ons) and not any(t.ent_type_ in PARTY_ENTS or t.pos_ == "PROPN" for h in (*ons, *rules_) for t in h.subtree) \
        and not any(h.lower_ in ("him", "her", "them", "us", "me", "you") for h in ons)


def phone_call(tok, typ: str, w: Words) -> bool:
    """"Condi called me and said ...": a phone call told by the one called, no appeal ("called on us to", "called
    me a liar", "called us for help" are not this)."""
    return typ == "REQUEST" and tok.lemma_.lower() == "call" and any(
        c.lower_ in w.first_person_objects for c in _children(tok, ("dobj",))) and not any(
        c.dep_ in ("xcomp", "ccomp", "oprd", "acomp") or c.dep_ == "prep" and c.i > tok.i and c.lower_ in (
            "for", "on", "upon", "to") or c.dep_ == "prt" for c in tok.children)


def road_victim(tok, typ: str, w: Words) -> bool:
    """A road accident told without a vehicle word: killed or struck by someone driving ("killed by a neighbor backing
    up"), or "struck while walking" with nobody named who struck: no assault and no words ("was shot while walking
    home" is no verb of collision; "struck by a stray bullet while walking" has an agent)."""
    if typ not in ("ASSAULT", "ACCUSE"):
        return False
    agents = _pobjs(tok, {"by"}) + [g for c in _children(tok, ("agent",)) for g in _children(c, ("pobj",))]
    if any(c.dep_ in ("acl", "relcl") and c.lemma_.lower() in w.driving_verbs for a in agents for c in a.children):
        return True
    doc = tok.doc
    if any(a.i + 1 < len(doc) and doc[a.i + 1].tag_ == "VBG" and doc[a.i + 1].lemma_.lower() in w.driving_verbs
           and doc[a.i + 1].head.i != a.i for a in agents):
        return True  # round 35: a headline "Woman, 80, killed by neighbor backing up", the parser making "backing" the
        # root and the killing a participle under the subject (fresh19)
    return tok.lemma_.lower() in w.collision_verbs and not agents and bool(_children(tok, ("nsubjpass",))) and any(
        c.dep_ == "advcl" and c.lemma_.lower() in w.pedestrian_verbs and any(
            m.lower_ == "while" for m in c.children if m.dep_ == "mark") for c in tok.children)


def idea_supported(trig, w: Words) -> bool:
    """SUPPORT of an idea or a policy with no author named (`policy_ideas`: "endorsed one of their methods", "supporting
    the delay", "their support for the tax delay"): a stance on a policy, no party supported. An idea with a named
    author is support of its author ("endorsed the idea floated by the Arab League", "backed Obama's compromise")."""
    if trig.type != "SUPPORT":
        return False
    tok = trig.tok
    heads = _children(tok, ("dobj", "nsubjpass")) + _pobjs(tok, {"for"})
    heads += [g for h in heads for g in _pobjs(h, {"of"})]
    return any((h.lemma_.lower() in w.policy_ideas or h.lower_ in w.policy_ideas)
               and not any(c.dep_ == "poss" and c.pos_ == "PROPN" for c in h.children)
               and not any(c.dep_ in ("acl", "relcl") and (_children(c, ("agent",)) or _pobjs(c, {"by"}))
                           for c in h.children) for h in heads)


# ---- round 32 (stop 49, events49): a party that is nobody, a question, an invitation ----

def _generic(h, w: Words) -> bool:
    """A head that names nobody: a pronoun of `generic_pronouns`, or a noun of `generic_people` whose only
    determiner-like words are `generic_determiners`, "no" or a number ("any one person"); with nothing that narrows it
    (a relative clause, a participle, a phrase, an apposition, a conjunct: "anyone who backs the wall")."""
    if any(c.dep_ in ("relcl", "acl", "prep", "appos", "conj", "amod", "compound", "poss") for c in h.children):
        return False
    low = h.lower_
    if low in w.generic_pronouns or low in w.indefinite_persons:
        return True
    dets = [c for c in h.children if c.dep_ in ("det", "nummod")]
    return (h.lemma_.lower() in w.generic_people or low in w.generic_people) and any(
        c.dep_ == "det" and (c.lower_ in w.generic_determiners or c.lower_ == "no") for c in dets) and all(
        c.dep_ == "det" and (c.lower_ in w.generic_determiners or c.lower_ == "no") or c.lower_ == "one" for c in dets)


def generic_party(tok, typ: str, w: Words) -> bool:
    """A verbal act, a request or a backing whose other party is nobody: its direct objects (or, with none, the objects
    of "with") all name nobody (`generic_pronouns`, `indefinite_persons`, `generic_people`: "it is cruel to accuse others
    of lying", "denied asking anyone to come along", "hard to blame any one person"): a view or a denial about no
    one, no event between parties. Force and threats (`hostile_types`) stay ("threatened to kill anyone"), as does a
    pronoun narrowed by a clause ("endorse anyone who backs the wall") and a call "on" the public ("called on everyone
    to stay calm": an appeal)."""
    if typ in w.hostile_types or tok.pos_ not in ("VERB", "AUX"):
        return False
    heads = _children(tok, ("dobj",)) or _pobjs(tok, {"with"})
    return bool(heads) and all(_generic(h, w) for h in heads)



# ---- round 35 (stop 52, events52): a means weighed ----

def means_weighed(tok, typ: str, w: Words) -> bool:
    """An agreement's verb in an infinitive on a noun of `means_nouns` ("the use of force to settle the dispute"), or
    on a verb whose object before it is one ("70 percent oppose violence to resolve the conflict"): what the means
    would be for, weighed in a view or a poll, no agreement told. "Israel and Hamas agreed to resolve the dispute", "talks to resolve the conflict"
    (no such noun) stay."""
    if typ != "AGREE" or tok.pos_ != "VERB" or tok.dep_ not in ("acl", "advcl") or not any(
            c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        return False
    # ("oppose violence to resolve the conflict": the parser may hang the infinitive on the verb whose object the means is)
    heads = [tok.head] if tok.dep_ == "acl" else [c for c in tok.head.children if c.dep_ == "dobj" and c.i < tok.i]
    return any(h.lemma_.lower() in w.means_nouns or h.lower_ in w.means_nouns for h in heads)



def visit_overstayed(trig, w: Words) -> bool:
    """A visit noun that is the object of a verb of `overstay_verbs` ("overstayed a lawful visit to the U.S."): a stay
    past one's visa, immigration, no consultation with the country. "Trump's visit to Israel" stays."""
    tok = trig.tok
    return trig.type == "CONSULT" and trig.noun and tok.dep_ in ("dobj", "nsubjpass") \
        and tok.head.lemma_.lower() in w.overstay_verbs


# ---- the table (data/events/refusals.yaml) and its interpreters ----

@dataclass(frozen=True)
class Ctx:
    """What a refusal may look at: the coded trigger, its sentence, the actor's heads and entity, the word lists."""
    trig: object
    sent: object
    actor_heads: list
    actor: object
    w: Words
    sport: bool = False  # the text is a match report (sport_text)


# kind `check`: the named checks, each over the context
CHECKS = {
    "reader_question": lambda c: reader_question(c.sent, c.actor_heads),
    "disease_acts": lambda c: disease_acts(c.actor_heads, c.w),
    "enlisting": lambda c: enlisting(c.trig.tok, c.trig.type, c.actor, c.w),
    "demand_to_know": lambda c: demand_to_know(c.trig.tok, c.w),
    "floor_given": lambda c: floor_given(c.trig.tok),
    "sports_result": lambda c: sports_result(c.trig, c.w),
    "nothing_pressed_for": lambda c: nothing_pressed_for(c.trig.tok, c.trig.type, c.w),
    "quit_injured": lambda c: quit_injured(c.trig.tok, c.trig.type, c.w),
    "vehicle_hit": lambda c: vehicle_hit(c.trig.tok, c.trig.type, c.w),
    "moved_out_of": lambda c: moved_out_of(c.trig.tok, c.trig.type, c.w),
    "facility_meeting": lambda c: facility_meeting(c.trig, c.w),
    "donations_asked": lambda c: donations_asked(c.trig.tok, c.trig.type, c.w),
    "notice_to_readers": lambda c: notice_to_readers(c.trig.tok, c.trig.type, c.w),
    "sport_report": lambda c: sport_report(c.trig, c.sent, c.sport, c.w),
    "case_dropped": lambda c: case_dropped(c.trig.tok, c.trig.type, c.w),
    "model_year": lambda c: model_year(c.trig.tok, c.trig.type),
    "photo_shoot": lambda c: photo_shoot(c.trig.tok, c.trig.type, c.sent, c.w),
    "rendered_state": lambda c: rendered_state(c.trig.tok, c.w),
    "business_partner": lambda c: business_partner(c.trig, c.w),
    # round 26b (stop 43, pages43)
    "lawsuit_settled": lambda c: lawsuit_settled(c.trig.tok, c.trig.type, c.sent, c.w),
    "job_ad": lambda c: job_ad(c.trig.tok, c.trig.type, c.sent, c.w),
    "speech_scene_force": lambda c: speech_scene_force(c.trig.tok, c.trig.type, c.sent, c.w),
    "drill": lambda c: drill(c.trig, c.w),
    "support_measured": lambda c: support_measured(c.trig, c.actor_heads, c.w),
    "freed_to_act": lambda c: freed_to_act(c.trig.tok, c.trig.type, c.w),
    "measure_ended": lambda c: measure_ended(c.trig, c.w),
    # round 27 (stop 44, events44)
    "service_name": lambda c: service_name(c.trig, c.actor, c.w),
    # round 28 (stop 45, events45)
    "asking_price": lambda c: asking_price(c.trig.tok, c.trig.type, c.w),
    "kin_visited": lambda c: kin_visited(c.trig, c.w),
    "submissions_invited": lambda c: submissions_invited(c.trig.tok, c.trig.type, c.w),
    "show_tour": lambda c: show_tour(c.trig, c.sent, c.w),
    "hazard_warning": lambda c: hazard_warning(c.trig, c.sent, c.w),
    "help_desk": lambda c: help_desk(c.trig, c.w),
    # round 29 (stop 46, events46)
    "question_asked": lambda c: question_asked(c.trig.tok, c.trig.type, c.w),
    "person_fired": lambda c: person_fired(c.trig.tok, c.trig.type, c.w),
    "rule_on_thing": lambda c: rule_on_thing(c.trig.tok, c.trig.type, c.w),
    "phone_call": lambda c: phone_call(c.trig.tok, c.trig.type, c.w),
    "road_victim": lambda c: road_victim(c.trig.tok, c.trig.type, c.w),
    "idea_supported": lambda c: idea_supported(c.trig, c.w),
    # round 32 (stop 49, events49)
    "generic_party": lambda c: generic_party(c.trig.tok, c.trig.type, c.w),
    # round 35 (stop 52, events52)
    "means_weighed": lambda c: means_weighed(c.trig.tok, c.trig.type, c.w),
    "visit_overstayed": lambda c: visit_overstayed(c.trig, c.w),
}
ARGUMENT_KEYS = {"name", "kind", "noun", "types", "verbs", "pos", "deps", "preps", "of_objects", "expand", "match",
                 "unless_deps", "unless_preps", "words", "sole",
                 "object_preps", "unnamed", "unowned", "owned", "unless_det"}


def argument(rule: dict, tok, typ: str, w: Words) -> bool:
    """kind `argument`: the trigger's type, lemma and part of speech fit the rule, no `unless` child is there, and
    one of its argument heads (or their `expand` children) is a word of the rule's list."""
    if "types" in rule and typ not in rule["types"]:
        return False
    verbs = rule.get("verbs")
    if verbs is not None and tok.lemma_.lower() not in (getattr(w, verbs) if isinstance(verbs, str) else verbs):
        return False
    if "pos" in rule and tok.pos_ != rule["pos"]:
        return False
    unless_deps, unless_preps = rule.get("unless_deps", ()), rule.get("unless_preps", ())
    if any(c.dep_ in unless_deps or c.dep_ == "prep" and c.lower_ in unless_preps for c in tok.children):
        return False
    heads = _children(tok, rule.get("deps", ())) + _pobjs(tok, rule.get("preps", ()))
    heads += [g for o in _children(tok, ("dobj",)) for g in _pobjs(o, rule.get("object_preps", ()))]
    if rule.get("of_objects"):
        heads += [g for h in heads for g in _pobjs(h, {"of"})]
    if rule.get("sole"):
        heads = [h for h in heads if not any(c.dep_ == "conj" for c in h.children)]
    if rule.get("unnamed"):
        heads = [h for h in heads if not any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in h.children)]
    if rule.get("unowned"):
        heads = [h for h in heads if not any(c.dep_ == "poss" for c in h.children)]
    if rule.get("owned"):  # "lent his private plane": the giver's own thing (round 33)
        heads = [h for h in heads if any(c.dep_ == "poss" for c in h.children)]
    if rule.get("unless_det"):  # "warned these people": a group the text names, not the public (round 26)
        heads = [h for h in heads if not any(c.dep_ == "det" and c.lower_ in rule["unless_det"] for c in h.children)]
    expand = rule.get("expand", ())
    words, match = getattr(w, rule["words"]), rule.get("match", "either")
    return any((match != "lower" and t.lemma_.lower() in words) or (match != "lemma" and t.lower_ in words)
               for h in heads for t in (h, *_children(h, expand)))


def applies(name: str, tok, typ: str, w: Words) -> bool:
    """Whether the `argument` rule `name` of the table holds for a trigger token coded `typ`."""
    return argument(next(r for r in rules() if r["name"] == name), tok, typ, w)


@resource("data/events/refusals.yaml")
def rules() -> tuple:
    """The refusals' table, checked: every rule of a known kind, every check named here, every list a modality.yaml
    list."""
    data = read_data("data/events/refusals.yaml")["rules"]
    fields = set(Words.__dataclass_fields__)
    for r in data:
        kind = r.get("kind")
        if kind == "check" and r.get("name") not in CHECKS:
            raise DataFileError(f"events/refusals.yaml: {r.get('name')!r}: no such check")
        if kind == "argument" and (set(r) - ARGUMENT_KEYS or r.get("words") not in fields
                                   or isinstance(r.get("verbs"), str) and r["verbs"] not in fields):
            raise DataFileError(f"events/refusals.yaml: {r.get('name')!r}: unknown key or word list")
        if kind not in ("check", "argument"):
            raise DataFileError(f"events/refusals.yaml: {r.get('name')!r}: unknown kind {kind!r}")
    return tuple(data)


def refused(trig, sent, actor_heads, actor, w: Words, sport: bool = False) -> bool:
    """Whether a coded trigger tells no event by one of the table's rules (a noun trigger only by `noun: any` ones);
    `sport`: the text is a match report (sport_text)."""
    ctx = None
    for r in rules():
        if trig.noun and r.get("noun") != "any":
            continue
        if r["kind"] == "argument":
            if argument(r, trig.tok, trig.type, w):
                return True
        else:
            ctx = ctx or Ctx(trig, sent, actor_heads, actor, w, sport)
            if CHECKS[r["name"]](ctx):
                return True
    return False


# ---- round 31 (stop 48, events48): a name the text itself calls a law ----

_NAME = r"[A-Z][\w'\u2019.-]*(?:\s+(?:(?:of|and|the|for|to|in|on)\s+)?[A-Z][\w'\u2019.-]*){0,7}"


@cache
def _law_patterns(nouns: frozenset, stops: frozenset, endings: frozenset) -> tuple:
    """The apposition that calls a name a law (its modifiers end at one of `stops`: "the Popular Front, a party to the
    accord" is no accord), and a name's law ending; compiled once per word lists."""
    modifier = rf"(?!(?:{_alternation(stops)})\s)[\w-]+\s+"
    apposition = re.compile(
        rf"({_NAME}),\s+(?:the|a|an|this|that|its)\s+(?:{modifier}){{0,3}}?(?:{_alternation(nouns)})\b")
    return apposition, re.compile(rf"\b(?:{_alternation(endings)})$")


def _initials(name: str) -> str:
    caps = [x for x in name.split() if x[:1].isupper()]
    return "".join(x[0] for x in caps) if len(caps) > 1 else ""


def law_names(text: str, w: Words) -> frozenset:
    """Round 31 (stop 48): the names a text calls a law or a programme by apposition ("Medicaid, the health
    program for the poor"; `law_nouns`), lower-cased, with their initials ("nclb") and the short form set after one in
    brackets ("the Affordable Care Act (ACA)"). A name ending in "Act" or "Law" is one too (read in `law_doer`)."""
    apposition, ending = _law_patterns(w.law_nouns, w.law_apposition_stops, w.law_name_endings)
    found = set()
    for m in apposition.finditer(text):
        name = re.sub(r"^(?:The|A|An)\s+", "", m.group(1))
        found.add(name.lower())
        if (ini := _initials(name)):
            found.add(ini.lower())
    for m in re.finditer(rf"({_NAME})\s+\(([A-Z][A-Za-z-]{{1,9}})\)", text):
        name = re.sub(r"^(?:The|A|An)\s+", "", m.group(1))
        if name.lower() in found or ending.search(name):
            found.add(m.group(2).lower())
    return frozenset(found)


def law_doer(actor, laws: frozenset, w: Words | None = None) -> bool:
    """Whether an unlinked actor is a law by the text's own word: a name of `law_names`, or one ending in one of
    `law_name_endings` and no person's ("the Patriot Act allowed ..."; not "Jude Law"): a thing, no party acts."""
    if actor is None or actor.kb_id:
        return False
    w = w or words()
    name = re.sub(r"^(?:the|a|an)\s+", "", actor.name.strip(), flags=re.I)
    ending = _law_patterns(w.law_nouns, w.law_apposition_stops, w.law_name_endings)[1]
    return name.lower() in laws or actor.type != "person" and bool(ending.search(name))
