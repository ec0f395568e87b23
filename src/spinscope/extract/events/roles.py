"""Actor and target: the phrase heads of a trigger's roles, and the checks that recode or refuse an event by its parties."""
from __future__ import annotations

from ...model import Document
from .modality import Words
from .triggers import Lexicon
from .syntax import SUBJECTS, TITLE_KEY, clause_with_subject, token_span, for_clauses, quoted_apart, is_people, subject_of, that_clause, agent_of, prep_objects
from .parties import is_seat, Mentions, entity_of, quote_at, pronoun_gender
from .detect import Trigger


def inanimate(tok, actor_heads, offset: int, ments, lex: Lexicon, w: Words) -> bool:
    """Whether a verb's own subject (or its first conjunct's) is a common noun that cannot act: no
    entity's mention, no word of `agent_nouns` (people, bodies, forces, weapons) and no event noun ("the
    strike killed"). Not a noun the verb's clause merely hangs on ("the capacity to strike")."""
    h = next(iter(actor_heads), None)
    if h is None or h.dep_ not in SUBJECTS or h.pos_ != "NOUN":
        return False
    while tok.dep_ == "conj" and tok.head.i != h.head.i:
        tok = tok.head
    if tok.dep_ == "conj":
        tok = tok.head
    if h.head.i != tok.i:
        return False
    if ments.entity(*token_span(offset, h)) is not None or h.ent_type_ or h.text[:1].isupper():
        return False  # a name tagged as a noun ("Sanders called upon", "ACLU asked the committee")
    if h.lemma_.lower() in w.test_words:
        return False  # "the Pakistan test fired a missile": the parser's subject, a show of force
    if any(c.dep_ == "appos" for c in h.children):
        return False  # "the envoy, Archbishop X, asked": a person named beside the noun
    return not ({h.lemma_.lower(), h.lower_} & (w.agent_nouns | set(lex.nouns)))


def thing_agent(tok, offset: int, ments, lex: Lexicon, w: Words) -> bool:
    """Whether a passive verb's `by` agent is a common noun that cannot act ("captured by a surveillance
    camera", "captured by a hard-line philosophy"), as `inanimate` for subjects."""
    passive = any(c.dep_ in ("auxpass", "nsubjpass", "agent") for c in tok.children) or tok.tag_ == "VBN" and not any(
        c.dep_ == "aux" and c.lemma_ == "have" for c in tok.children)
    a = agent_of(tok) if passive else None  # (not "backed Trump by higher margins")
    if a is None or a.pos_ != "NOUN" or a.ent_type_ or a.text[:1].isupper() or ments.entity(*token_span(offset, a)) is not None:
        return False
    if any(c.dep_ == "appos" for c in a.children) or a.lemma_.lower() in w.test_words:
        return False
    return not (is_people(a, w) or {a.lemma_.lower(), a.lower_} & (w.agent_nouns | set(lex.nouns) | w.danger_subjects))


def warned_against(tok, threats: dict, actor_id: str) -> bool:
    """Whether a verb is the act a THREATEN verb of the sentence warns its target against, through a
    chain of complements: "warned the US not to strike", "warns US military to stop attacking Syria"."""
    for _ in range(3):
        if tok.dep_ != "xcomp":
            return False
        tok = tok.head
        if tok.i in threats and threats[tok.i] == actor_id:
            return True
    return False


def with_words(tok, w: Words) -> bool:
    """Whether an assault word has words as its instrument ("hammered a rival with insults")."""
    return any(g.lemma_.lower() in w.speech_instruments for c in tok.children if c.dep_ == "prep" and c.lower_ == "with"
               for g in c.children if g.dep_ == "pobj") or tok.pos_ in ("NOUN", "PROPN") and any(
        c.dep_ == "compound" and c.lemma_.lower() in w.speech_instruments for c in tok.children) or any(
        t.lemma_.lower() in w.speech_instruments for c in tok.children if c.dep_ == "dobj"
        for t in c.subtree if t.i < c.i) or _spent_on(tok)  # "an ad attack", "launched a six-word missile"


def _spent_on(tok) -> bool:
    """Round 19 (stop 36): an attack noun measured in money ("targeted by $4.4 million in attacks", "spent $2 million
    on attacks"): paid advertising, words (dev audit 32)."""
    if tok.pos_ not in ("NOUN", "PROPN") or tok.dep_ != "pobj" or tok.head.lower_ not in ("in", "on"):
        return False
    amount = tok.head.head
    return amount.ent_type_ == "MONEY" or any(t.is_currency for t in amount.subtree if t.i < amount.i)


def named_event_subject(verb, subject, actor) -> bool:
    """Round 19 (stop 36): a plural noun parsed as a verb with the event's name as its subject ("When the Nika riots
    ... broke out", docs/examples.md, stop 35): "the NAME" right before a present-tense verb, an unlinked name of no
    body that could act."""
    return (subject.dep_ == "nsubj" and subject.i == verb.i - 1 and verb.tag_ == "VBZ" and subject.i > 0
            and subject.doc[subject.i - 1].lower_ == "the" and not actor.kb_id
            and actor.type in ("person", "place", "other"))


def verbal(trig: Trigger, actor, target, w: Words) -> bool:
    """Whether an assault word tells words, not force: "fired back", or a person attacking a person,
    party, outlet or organization ("Bush hits Rubio", "Carson's attack on the Cruz campaign")."""
    if with_words(trig.tok, w):
        return True  # "hammered a rival with insults"
    if trig.tok.lemma_.lower() not in w.verbal_attack_words:
        return False
    if any(c.dep_ in ("prt", "advmod") and c.lower_ == "back" for c in trig.tok.children):
        return True
    if _armed(trig.tok, w):
        return False  # "hit him with a stun gun", "attacked the sergeant with a knife", "fired the Taser at him" (round 22)
    if any(c.dep_ in ("dobj", "nsubjpass") and (c.text in w.police_titles or any(
            g.dep_ == "compound" and g.text in w.police_titles for g in c.children)) for c in trig.tok.children):
        return False  # "attacked Sgt. Courtney Gale", "hit Officer Dan Moore": an officer on duty, force (round 24)
    if any(c.dep_ == "dobj" and c.lower_ in w.reflexives for c in trig.tok.children):
        return False  # "Paddock shot himself"
    if trig.tok.lemma_.lower() in w.back_only_verbal:
        return False  # "was shot in the leg": a shooting ("shot back" is words, above)
    if not trig.noun and trig.tok.lemma_.lower() in w.force_verbs:
        return False  # "was assaulted by Kavanaugh at a party": a physical or sexual assault, never words (round 25)
    if any(t.lemma_.lower() in w.harm_context_words or t.lower_ in w.harm_context_words for t in trig.tok.sent):
        return False  # "was wounded in Paddock's assault", "arrested for allegedly attacking Brown": force (round 25)
    if bodily_scene(trig.tok, w):
        return False  # "stop hitting Dominic as she hurt her hand": a blow to a body, force (round 26b)
    if any(c.dep_ in SUBJECTS and (c.lemma_.lower() in w.danger_subjects or c.lower_ == "it") for c in trig.tok.children):
        return False  # "the bullet struck her", "before it struck her": a shooting (a thing, never words)
    people = [e for e in (actor, target) if e is not None]
    # a political party counts as a person here: "spent his campaign attacking prominent members of the GOP"
    # (dev audit 28; an armed group is no verbal target type: "Hamas attacked Fatah" stays force), unless the
    # subject names who attacks by force ("the hackers who struck the DNC", dev audit 12)
    subj = None if trig.noun else subject_of(trig.tok, w)
    if subj is not None and subj.dep_ == "nsubj" and subj.tag_ == "WP" and trig.tok.dep_ == "relcl":
        subj = trig.tok.head  # "hackers who struck": the noun the relative clause is on
    party_ok = subj is None or subj.lemma_.lower() not in w.force_agents
    if subj is not None and subj.pos_ == "NOUN" and not subj.ent_type_ and (
            subj.lemma_.lower() in w.assailant_nouns | w.force_agents or subj.lower_ in w.assailant_nouns):
        return False  # "two men attacked John Carr", "a suspect hit the officer": people of a police report, force (round 24)
    return bool(people) and all(e.type in w.verbal_target_types for e in people) and any(
        e.type == "person" or e.type == "party" and party_ok for e in people)


def bodily_scene(tok, w: Words) -> bool:
    """Round 26b (stop 43, dev34): a body part with a possessive pronoun in the sentence ("stop hitting Dominic as she
    hurt her hand"; not "hands", "eyes": `body_parts` leaves out the idioms), or as the place of the blow ("hit him in
    the face"): the hitting word is force, never words."""
    for t in tok.sent:
        if t.lower_ not in w.body_parts:
            continue
        if any(c.dep_ == "poss" and c.pos_ == "PRON" for c in t.children):
            return True
        if t.dep_ == "pobj" and t.head.lower_ in w.blow_preps and t.head.head.i == tok.i:
            return True
    return False


def after_title(head, w: Words) -> bool:
    """Round 22 (stop 39): a phrase opening a sentence that follows a title abbreviation ("attacked Sgt. | Courtney
    Gale, repeatedly stabbing the officer": the parser split after the title's dot): the name is the titled person,
    the previous sentence's object, not this one's subject (fresh18)."""
    first = head.sent.start
    doc = head.doc
    if head.left_edge.i != first or first < 1:
        return False
    if doc[first - 1].text in w.title_abbreviations and doc[first - 1].text.endswith("."):
        return True  # ("Sgt." one token)
    return first >= 2 and doc[first - 1].text == "." and doc[first - 2].text in w.title_abbreviations \
        and doc[first - 2].whitespace_ == ""


def titled_next(head, w: Words):
    """Round 24 (stop 41): the name a title abbreviation stands for when the parser split the sentence after its dot
    ("attacked Sgt. | Courtney Gale, repeatedly stabbing the officer"): the head of the name that opens the next
    sentence (the other half of round 22's `after_title`), or None."""
    doc = head.doc
    if head.text.rstrip(".") not in w.title_abbreviations or head.i + 1 >= len(doc):
        return None
    nxt = head.i + 1 if head.text.endswith(".") else head.i + 2
    if not head.text.endswith(".") and doc[head.i + 1].text != ".":
        return None
    if nxt >= len(doc) or doc[nxt].sent.start != nxt or doc[nxt].pos_ != "PROPN":
        return None
    tok = doc[nxt]
    for _ in range(4):  # "Courtney Gale": up the compound chain to the name's head
        if tok.dep_ != "compound" or tok.head.pos_ != "PROPN":
            break
        tok = tok.head
    return tok


def _armed(tok, w: Words) -> bool:
    """Round 22 (stop 39): a word of assault with a weapon in hand, as its "with" instrument or its object or passive
    subject (also the noun a relative clause on it is about: "the Taser that was fired at him"): force, never words
    (fresh18's police news)."""
    heads = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")] + prep_objects(tok, {"with"})
    if tok.dep_ == "relcl" and any(h.tag_ in ("WDT", "WP") for h in heads):
        heads.append(tok.head)
    return any(is_weapon(t, w) for h in heads for t in (h, *(c for c in h.children if c.dep_ == "compound")))


def is_aged(head) -> bool:
    """Round 22 (stop 39): a name told with an age set off by commas ("Jeremy Watson, 30, of Ten Mile"), the way news
    names a private person (fresh18)."""
    return any(c.dep_ in ("appos", "npadvmod", "amod") and c.text.isdigit() and 0 < int(c.text) < 120 and c.i > head.i
               and head.doc[c.i - 1].text == "," for c in head.children)


def is_venue(trig: Trigger, head, ent, w: Words) -> bool:
    """Round 25 (stop 42): a material verb's party found under "at"/"on", when someone acted on is named as its object
    or passive subject, whose phrase head, or the last word of whose name, is a building or a site ("was shot on the
    observation deck of the Empire State Building", "she was assaulted at a party at Yale College", "shot two couples
    at the Moore's Ford bridge"): where it happened, not who was hit."""
    if trig.type not in w.material_types or trig.noun or head.dep_ != "pobj" or head.head.lower_ not in ("at", "on", "upon"):
        return False  # ("the attacks on the World Trade Center", "the massacre at Sandy Hook": the site is what was hit)
    if not any(c.dep_ in ("dobj", "nsubjpass") for c in trig.tok.children):
        return False  # (someone acted on is named: "his brother was shot on the deck", "shot two men at the bridge")
    sites = w.venue_words | w.facility_words
    return head.lemma_.lower() in sites or head.lower_ in sites or ent.name.split()[-1].lower() in sites


def is_weapon(head, w: Words) -> bool:
    """Whether a phrase head is a weapon ("the Taser"): a thing in hand, no target."""
    return head.lemma_.lower() in w.weapon_words or head.lower_ in w.weapon_words


def is_dismissal(tok, target, target_head, w: Words) -> bool:
    """Whether "fire/sack" dismisses a person: the person is its direct object or passive subject ("Trump
    fired Comey", "McCabe was fired by Sessions", "fired Officer Amber Guyger"), never with "back"/"on"/"at"."""
    if tok.lemma_.lower() not in w.dismissal_verbs or any(
            c.dep_ in ("prt", "advmod") and c.lower_ == "back" or c.dep_ == "prep" and c.lower_ in ("on", "at", "upon", "into")
            and not any(g.ent_type_ in ("DATE", "TIME") for g in c.children) for c in tok.children):
        return False  # "fired back", "fired on protesters" ("fired him on Tuesday" is still a dismissal)
    if target is not None and target.type == "person" and target_head is not None and target_head.dep_ in ("dobj", "nsubjpass") \
            and tok.lemma_.lower() not in w.named_dismissal_verbs:
        return True
    # ("suspended the account of Alex Jones": a platform's act on a thing, not a dismissal)
    return any(c.dep_ in ("dobj", "nsubjpass") and c.ent_type_ == "PERSON" for c in tok.children)


def reciprocal(heads, w: Words) -> bool:
    """Whether an object phrase is "each other" / "one another"."""
    return any(" ".join(t.lower_ for t in h.subtree) in w.reciprocals for h in heads)


def partner_of(trig: Trigger, actor_heads, target_heads, actor, offset: int, ments, w: Words):
    """The other party of a joint subject: "Russia and Turkey agreed" (a type done together), "Russia
    and the US blamed each other" (any type): the entity of the actor phrase's conjunct."""
    if trig.type not in w.symmetric_types and not reciprocal(target_heads, w):
        return None
    if any(c.dep_ == "dobj" and ments.place(*token_span(offset, c)) is not None for c in trig.tok.children):
        return None  # "Sanders and Clinton both visited Wilmington": each visits the place, not the other (dev audit 29)
    for h in actor_heads:
        for c in h.children:
            if c.dep_ == "conj" and (e := entity_of(c, offset, ments)) is not None and e.id != actor.id:
                return e
    return None


def risk_warning(trig: Trigger, w: Words) -> bool:
    """A warning of a risk or of a state of things, not a threat. CAMEO keeps 130 for threats and "coercive or
    forceful warnings" and codes a warning of a risk, a catastrophe or an exodus as 012 (a pessimistic comment):
    a warning is a threat when it is aimed at a party (someone warned, told to act or against something, or
    with nothing more said), when what it says is the warner's own coming act (a clause whose subject is a
    pronoun of `warner_pronouns`; he/she only when nobody is warned), or when it names a harm (`threat_words`).
    A warning whose content (a that-clause, an of/about phrase, `warning_content_preps`) is none of these is a
    forecast: "warned that the drought could ruin the harvest", "warned the council that the budget had a hole",
    "warnings of burglaries". With nobody warned and no content it is a risk too ("warned against
    accommodation"). Verbs of `risk_warnings`, nouns of `warning_nouns` and a light verb over one ("issued
    warnings of ...")."""
    tok = trig.tok
    lemma = tok.lemma_.lower()
    if trig.noun or lemma not in w.risk_warnings:
        head = tok if trig.noun else next((c for c in tok.children if c.dep_ == "dobj"), None)
        if head is None or head.lemma_.lower() not in w.warning_nouns:
            return False
        preps = w.warning_content_preps | w.warning_aim_preps
        contents = [c for c in head.children if c.dep_ == "prep" and c.lower_ in preps
                    or c.dep_ in ("acl", "ccomp") and that_clause(c)]
        return bool(contents) and not any(_threatening(c, w, True) for c in contents)
    warned = any(c.dep_ in ("dobj", "dative", "nsubjpass") for c in tok.children)
    contents = [c for c in tok.children if c.dep_ in ("ccomp", "xcomp", "advcl")
                or c.dep_ == "prep" and c.lower_ in w.warning_content_preps | w.warning_aim_preps]
    if any(_threatening(c, w, not warned) for c in contents):
        return False  # "warned of a crushing response", "warned that it would close the strait"
    if warned:  # aimed at a party unless all it tells them is a state of things
        return bool(contents) and all(c.dep_ == "prep" and c.lower_ in w.warning_content_preps
                                      or c.dep_ == "ccomp" and that_clause(c) for c in contents)
    return True


def _threatening(c, w: Words, singular: bool) -> bool:
    """Whether a warning's complement names a harm or the warner's own coming act (its subject a pronoun of
    `warner_pronouns`, or he/she when `singular`: nobody else is warned; not an opinion or "be": "warned it is
    certain that the fever will spread", "warned that he fears it could spread")."""
    if any(t.lemma_.lower() in w.threat_words for t in c.subtree):
        return True
    if c.dep_ == "prep" or c.lemma_ == "be" or c.lemma_.lower() in w.opinion_verbs:
        return False
    return any(g.dep_ in SUBJECTS and (g.lower_ in w.warner_pronouns or singular and g.lower_ in w.warner_singular)
               for g in c.children)


def asked_clause(tok, w: Words) -> bool:
    """Whether `tok` lies in the clause of a question put to someone ("asked the senator if he would ...")."""
    for _ in range(4):
        if tok.dep_ in ("ccomp", "advcl") and tok.head.lemma_.lower() in w.question_verbs:
            return any(c.dep_ in ("dobj", "dative") for c in tok.head.children)
        if tok.dep_ not in ("conj", "xcomp") or tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


def by_writer(actor_heads, doc: Document, offset: int, w: Words) -> bool:
    """Whether the subject is the writer's "I"/"we" outside any quote ("We met at the cafe")."""
    subj = next(iter(actor_heads), None)
    if subj is None or subj.pos_ != "PRON" or subj.lower_ not in w.writer_pronouns:  # not "US"
        return False
    start = offset + subj.idx
    return quote_at(doc, start, start + len(subj.text)) is None


def _modifies_modifier(c, tok, w: Words) -> bool:
    """A name before a noun trigger with a common noun of another kind between them ("a recent Mali hotel assault",
    "his Vatican media support"): it says which hotel or which staff, not who acts (round 21; stop 37's KB change
    exposed it). A state's own arm between them ("Russian air strikes", "the Chinese government's support" read flat)
    keeps it."""
    return c.dep_ in ("compound", "amod") and c.i < tok.i and any(
        m.dep_ == "compound" and m.pos_ == "NOUN" and c.i < m.i < tok.i and m.lemma_.lower() not in w.agency_modifiers
        for m in tok.children)


def _blamed_on(verb, w: Words) -> list:
    """Round 26 (stop 43): the "on" objects of a verb of `blame_on_verbs` with a thing as its object ("blame a defeat
    for Romney on the storm", "blamed the crisis on Washington", "blamed the attack on Iran", the parser hanging "on"
    on the object): the ones blamed; [] when the verb has no such shape ("blamed Obama for the crisis")."""
    if verb.lemma_.lower() not in w.blame_on_verbs:
        return []
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if not objects or any(o.pos_ in ("PROPN", "PRON") or o.ent_type_ or is_people(o, w) for o in objects):
        return []
    return prep_objects(verb, {"on"}) or [g for o in objects for g in prep_objects(o, {"on"})]


def _left_place(c, tok, w: Words) -> bool:
    """Round 30b (stop 47): whether a name compounded on a noun of leaving (`leaving_nouns`) is a country's full name,
    which says where from ("Clinton advocated for a speedy Iraq withdrawal", dev20), not who leaves: English tells the
    doer by a demonym or an abbreviation ("the Soviet withdrawal", "a U.S. withdrawal", "the NATO pullout"), which stay."""
    return c.dep_ == "compound" and tok.lower_ in w.leaving_nouns and c.ent_type_ in ("GPE", "LOC") \
        and not c.text.isupper() and "." not in c.text


def in_title(tok) -> bool:
    """Round 30b (stop 47): whether a verb in a body sentence stands in the title of a work, told in title case ("read
    FFF's ebook JFK's War: Why Kennedy Was Assassinated by Douglas Horne", dev3): the verb capitalised inside the sentence
    with a capitalised auxiliary of its own; its "by" phrase is the work's author, not the doer. Never in a headline
    (whose every word is capitalised: its own rules read it)."""
    if tok.doc.user_data.get(TITLE_KEY) or not tok.text[:1].isupper() or tok.i == tok.sent.start:
        return False
    return any(c.dep_ in ("aux", "auxpass") and c.text[:1].isupper() and c.i > tok.sent.start and c.is_alpha
               for c in tok.children)


def _attributive(tok):
    """Round 31b (stop 48): the name a past form stands before as a modifier when the parser read it as a verb ("how the
    serial fibber and accused tax cheat John Doe hopes to fool you": "accused" a conjunct verb with no subject or object
    of its own; the shape of fresh4): the head of the noun phrase right after it (through its compounds), the one
    the word describes. None when the verb has a party, a clause or an auxiliary of its own ("Ellison accused Omar")."""
    doc = tok.doc
    if tok.tag_ not in ("VBD", "VBN") or tok.i + 1 >= len(doc) or any(
            c.dep_ in ("nsubj", "nsubjpass", "dobj", "dative", "ccomp", "xcomp", "prep", "agent", "aux", "auxpass")
            for c in tok.children):
        return None
    nxt = doc[tok.i + 1]
    if nxt.pos_ not in ("NOUN", "PROPN") or nxt.dep_ not in ("compound", "amod") or nxt.head.i == tok.i:
        return None
    head, steps = nxt, 0
    while head.dep_ == "compound" and head.head.i > head.i and steps < 6:
        head, steps = head.head, steps + 1
    return head if head.pos_ == "PROPN" and head.i > nxt.i else None


def _set_off_participle(tok):
    """Round 28b (stop 45): the subject of a past form the parser read as its finite verb when it is a participle set
    off by commas between a name and the name's own verb ("Captain Khan, killed 12 years ago, was a hero": the parser
    made "killed" the verb of "Khan" and "was" its conjunct; dev24): Khan is the one killed, no killer. The subject
    stands right before the first comma; a comma and a verb of the main clause follow; no object, no auxiliary."""
    if tok.tag_ not in ("VBD", "VBN") or tok.i < 2 or tok.doc[tok.i - 1].text != ",":
        return None
    if any(c.dep_ in ("aux", "auxpass", "dobj", "dative", "ccomp", "xcomp") for c in tok.children):
        return None
    subj = next((c for c in tok.children if c.dep_ == "nsubj" and c.i < tok.i), None)
    if subj is None or subj.right_edge.i not in (tok.i - 2, tok.i - 1) or subj.pos_ not in ("PROPN", "NOUN") \
            or any(t.text == "," for t in tok.doc[subj.left_edge.i:tok.i - 1]):  # (not "Smith, 45, killed his wife")
        return None
    comma = next((c.i for c in tok.children if c.dep_ == "punct" and c.text == "," and c.i > tok.i), None)
    if comma is None or not any(c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") and c.i > comma for c in tok.children):
        return None
    return subj


def trigger_roles(trig: Trigger, w: Words, title: bool = False):
    """(actor phrase heads, target phrase heads) in order of preference; `title` for a headline, whose
    bare participle is a passive ("Diplomat injured in attack": the diplomat was injured)."""
    tok = trig.tok
    # a consultation's parties are its "with"/"to" objects: "talks on Syria", "met at the White House"
    # name a topic and a venue
    partners = set(w.partner_preps.get(trig.type, ()))
    if trig.type in w.partner_types and not trig.noun and any(
            c.dep_ == "dobj" and c.lemma_.lower() in w.civilian_nouns for c in tok.children):
        partners.discard("to")  # "welcoming refugees to the United States": where they come, no partner
    preps = partners if trig.type in w.partner_types else set(w.target_preps) | partners
    if trig.type in w.cooperative_types:  # "joined the war against ISIS": the adversary, not the partner
        preps -= set(w.adversary_preps)
    actors, targets = [], []
    if trig.noun:
        # "the Paris attack", "the Moscow talks": a city modifying the noun is where, not who
        # "growing Sanders support": the person a support noun is for, not its actor ("Turkish support" is Turkey's)
        supported = [c for c in tok.children if c.dep_ == "compound" and c.ent_type_ == "PERSON" and c not in trig.toks
                     and trig.type in w.supported_compound_types]
        targets += supported
        if tok.dep_ == "pobj" and tok.head.lower_ == "to" and tok.lemma_.lower() in w.rescue_nouns \
                and tok.head.head.pos_ == "VERB" and tok.head.head.lemma_.lower() in w.rescue_verbs:
            # round 25 (stop 42): "senators came to Carson's support", "would rush to Israel's aid": the possessor is
            # the one helped, the verb's subject the helper
            helper = subject_of(tok.head.head, w)
            return ([helper] if helper is not None else []), [c for c in tok.children if c.dep_ == "poss"]
        if tok.dep_ == "pobj" and tok.head.lower_ == "to" and tok.lemma_.lower() in w.rescue_nouns \
                and tok.head.head.pos_ == "NOUN" and tok.head.head.lower_ in w.rescue_verbs:
            # round 29b (stop 46): the same with the verb read as a noun ("to have the U.S. rush to Israel's aid", the
            # parser's "U.S. rush" a noun with its compound): the compound helps, the possessor is helped
            helper = next((c for c in tok.head.head.children if c.dep_ in ("compound", "nmod", "poss")), None)
            return ([helper] if helper is not None else []), [c for c in tok.children if c.dep_ == "poss"]
        if tok.lemma_.lower() in w.victim_nouns and not prep_objects(tok, {"of"}):
            # "Ms. Steinle's killing", "his arrest": the one harmed ("Russia's arrest of X": the doer)
            supported = [c for c in tok.children if c.dep_ == "poss"]
            targets += supported
        actors += [c for c in tok.children
                   if c.dep_ in ("poss", "compound", "amod", "nmod", "nsubj") and c not in trig.toks and c not in supported

                   and not (c.dep_ in ("compound", "nmod") and is_seat(c))
                   and not _modifies_modifier(c, tok, w)  # "a Mali hotel assault", "his Vatican media support" (round 21)
                   and not (c.dep_ == "amod" and any(g.dep_ == "prep" for g in c.children))  # "an attack similar to the last one in Havana"
                   and not _left_place(c, tok, w)]  # "a speedy Iraq withdrawal": where from (round 30b)
        if (a := agent_of(tok)) is not None:
            actors.append(a)
        if trig.type == "THREATEN":
            actors += prep_objects(tok, {"from"})  # "the threat from the Islamic State"
        targets = _counted_support(trig, w) + targets  # round 31b: "the Catholic support of Mr. Doe": he is backed
        if trig.type == "ACCUSE" and any(c.dep_ == "amod" and c.i < tok.i and c.lemma_.lower() in w.facing_verbs
                                         for c in tok.children):
            # round 31b (stop 48): "Omar has “faced allegations -- ...": the parser made "faced" a modifier of the claim
            # noun and the one who faces it the noun's subject (fresh4): she is the one accused, not the accuser
            faced = [c for c in tok.children if c.dep_ == "nsubj"]
            actors, targets = [a for a in actors if a not in faced], faced + targets
        gov = tok.head
        if tok.dep_ in ("dobj", "pobj") and gov.pos_ in ("VERB", "ADP") and not (
                gov.pos_ == "ADP" and gov.lower_ in w.time_preps):  # "began shortly after the 9/11 attacks"
            verb = gov if gov.pos_ == "VERB" else gov.head
            if verb.pos_ == "VERB" and tok.dep_ == "dobj" and trig.type in w.supported_compound_types \
                    and verb.lemma_.lower() in w.holding_verbs | w.winning_verbs:
                # "Clinton has support from 52 percent of voters": she is the one supported
                if (s := subject_of(verb, w)) is not None:
                    targets.append(s)
                backers = prep_objects(tok, {"of", "from"})
                if (counted := _counted_support(trig, w)):  # "had twice the Catholic support of Mr. Doe"
                    backers, targets = [b for b in backers if b not in counted], counted + targets
                return actors + backers + prep_objects(verb, {"from"}), targets
            if verb.pos_ == "VERB" and tok.dep_ == "dobj" and trig.type == "ACCUSE" and verb.lemma_.lower() in w.facing_verbs:
                # "Hollande has fielded criticism on France's security", "faced allegations", "drew criticism from
                # Clinton": the subject is the one criticized; an "on/of" phrase is the topic (dev audit 28)
                if (s := subject_of(verb, w)) is not None:
                    targets.append(s)
                return actors + prep_objects(tok, {"from", "by"}) + prep_objects(verb, {"from"}), targets
            # (not across a quote mark or a colon: "Mr. Trump continued: 'The worst attack ever ...?'" quotes, dev audit 28)
            if verb.pos_ == "VERB" and verb.lemma_.lower() in w.light_verbs and not quoted_apart(verb, tok) and (
                    tok.dep_ == "dobj" and verb.lemma_.lower() != "go" or gov.lower_ in w.light_verb_preps
                    and verb.lemma_.lower() not in w.causal_light_verbs):  # "the decision led to the protests" (round 25)
                # (not a cause or a topic, nor "went after X over his refusal to apologize" misparsed as "went ... refusal")
                if (s := subject_of(verb, w)) is not None:
                    actors.append(s)
        if not (tok.dep_ == "dobj" and _blamed_on(tok.head, w)):  # "blamed the attack on Iran": not the attack's target
            targets += prep_objects(tok, preps, after=True)
        if tok.dep_ == "dobj" and tok.head.pos_ == "VERB":
            targets += prep_objects(tok.head, set(w.target_preps), after=True)  # "condemned the attack on a convoy"
    else:
        passive = [c for c in tok.children if c.dep_ == "nsubjpass"]
        if not passive and any(c.dep_ == "auxpass" for c in tok.children) and (s := subject_of(tok, w)) is not None:
            passive = [s]  # "to avoid being extradited": the one climbed to is extradited, not extraditing
        if not passive and title and tok.tag_ == "VBN" and tok.dep_ == "ROOT" and not any(
                c.dep_ in ("aux", "auxpass", "dobj") for c in tok.children):
            passive = [c for c in tok.children if c.dep_ == "nsubj"]  # headline "X injured in attack"
        if not passive and title and tok.tag_ == "VBD" and tok.dep_ == "ROOT" and not any(
                c.dep_ in ("aux", "auxpass", "dobj", "dative", "prt", "ccomp", "xcomp", "attr") for c in tok.children):
            # headlines tell acts in the present ("Clinton Accuses Trump"): a bare past form with no object is a
            # passive participle the parser read as a past ("Clinton Accused Of Lying", "Obama Criticized Over
            # Syria"): the subject is the one acted on (round 15; fresh9's and the dev audits' headline class)
            passive = [c for c in tok.children if c.dep_ == "nsubj"]
        if not passive and trig.type not in w.own_force_types and not any(
                c.dep_ in ("aux", "auxpass", "dobj", "dative") for c in tok.children) and (
                any(c.dep_ == "agent" for c in tok.children) and tok.tag_ in ("VBN", "VBD")  # (a participle read as a past)
                or tok.tag_ == "VBN" and tok.dep_ in ("ccomp", "xcomp", "oprd")
                and tok.head.lemma_.lower() in w.participle_object_verbs):
            # "Stein removed from the debate site by police" (a participle with its agent, a reduced passive), "wants
            # Trump banned from the country", "wants Grayson removed" (a wish's object participle): the subject the
            # parser gives is the one acted on (round 18)
            passive = [c for c in tok.children if c.dep_ == "nsubj"]
        if not passive and tok.tag_ in ("VBN", "VBD") and tok.lemma_.lower() in w.object_required_verbs and not any(
                c.dep_ in ("aux", "auxpass", "dobj", "dative", "ccomp") for c in tok.children) and any(
                c.dep_ == "xcomp" and any(g.dep_ == "aux" and g.lower_ in w.infinitive_marks for g in c.children)
                for c in tok.children):
            # round 26 (stop 43): "Canadians urged to prepare for Hurricane Sandy": a verb that takes its object before a
            # to-clause, with none and no auxiliary, is a headline's passive (a related-news line): the subject is the
            # one urged ("Ottawa urged Canadians to prepare" has its object)
            passive = [c for c in tok.children if c.dep_ == "nsubj"]
        if not passive and trig.type == "ACCUSE" and (described := _attributive(tok)) is not None:
            return [], [described]  # "liar and accused woman abuser Keith Ellison seeks ...": the one accused (round 31b)
        if not passive and (set_off := _set_off_participle(tok)) is not None:
            passive = [set_off]  # "Captain Khan, killed 12 years ago, was a hero": the one killed (round 28b)
        if not passive and tok.tag_ == "VBN" and tok.dep_ in ("acomp", "xcomp", "oprd") \
                and tok.head.lemma_.lower() in ("be", "remain", "stay", "get", "seem", "become", "stand"):
            passive = [c for c in tok.head.children if c.dep_ in ("nsubj", "nsubjpass")]  # "would remain barred"
        # "troops arrived ..., deployed by President Trump": a passive participle with its agent
        # "Removed from the post, the cardinal has gone back and forth": the one removed, not the remover
        # round 25 (stop 42): also one set off after its clause ("Crolley is at the county jail, charged with two counts
        # of assault"): the main subject is the one charged, not the one who charges
        adverbial = tok.tag_ == "VBN" and tok.dep_ == "advcl" and (agent_of(tok) is not None or not any(
            c.dep_ in ("nsubj", "aux", "dobj", "mark") for c in tok.children) and (
                tok.i < tok.head.i or tok.left_edge.i > 0 and tok.doc[tok.left_edge.i - 1].text == ","))
        # (round 34: not a perfect with its own subject hung on a noun, "its claim that Ukraine had attacked Russia":
        # the noun's clause, active, its subject the doer)
        if passive or tok.tag_ == "VBN" and tok.dep_ == "acl" and not clause_with_subject(tok) or adverbial:
            if (a := agent_of(tok)) is not None and not in_title(tok):
                actors.append(a)  # (not a byline: "read Why Kennedy Was Assassinated by Douglas Horne", round 30b)
            if trig.type not in w.own_force_types:  # "forces were deployed": the force, no target
                if passive or not adverbial or tok.i > tok.head.i or _fronted(tok):
                    targets += passive or ([subject_of(tok.head, w)] if adverbial else [tok.head])
                # (round 32b: "that Assange was being arbitrarily – and unlawfully – detained by the UK, Guardian writers
                # led ...": a participle cut out of a clause of its own is not the main subject's, no target)
                targets = [t for t in targets if t is not None]
        elif tok.lemma_.lower() in w.liberation_verbs and prep_objects(tok, {"from"}):
            # "liberating eastern Syria from ISIS": the act is against ISIS
            if (s := subject_of(tok, w)) is not None:
                actors.append(s)
            targets += prep_objects(tok, {"from"})
            return actors, targets
        elif tok.lemma_.lower() in w.winning_verbs or trig.type in w.supported_compound_types and tok.tag_ == "VBG" \
                and any(c.dep_ == "aux" and c.lemma_ == "have" for c in tok.children) \
                and not any(c.dep_ == "aux" and c.lower_ == "been" for c in tok.children):
            # ("Sanders has backing from 33 percent": the noun read as a verb after "has")
            # "Cruz earned the backing of two congressmen": they back Cruz
            actors += [g for c in tok.children if c.dep_ == "dobj" for g in prep_objects(c, {"of"})]
            actors += prep_objects(tok, {"from"})
            if (s := subject_of(tok, w)) is not None:
                targets.append(s)
            return actors, targets
        elif tok.lemma_.lower() in w.receiving_verbs or tok.lemma_.lower() in w.undergoing_verbs and any(
                c.dep_ == "dobj" and c.lower_ in w.undergone_objects for c in tok.children):
            # "Hamas received money from Egypt": Egypt gives, Hamas receives; round 26 (stop 43): "Gu Kailai stood
            # trial", "will face trial": the one tried, no actor
            actors += prep_objects(tok, {"from"})
            if (s := subject_of(tok, w)) is not None:
                targets.append(s)
        else:
            if (s := subject_of(tok, w)) is not None:
                actors.append(s)
            blamed_on = _blamed_on(tok, w)
            if blamed_on:
                # round 26 (stop 43): "blame a defeat for Romney on the storm", "blamed the attack on Iran": the one
                # blamed is the "on" object; the object is the thing blamed (Romney is not accused)
                targets += blamed_on
            elif not (trig.type in w.partner_types and tok.lemma_.lower() in w.topic_verbs
                      or trig.type in w.own_force_types):  # "deploy American soldiers": its own forces
                targets += [c for c in tok.children if c.dep_ in ("dobj", "dative")]
            # "called for the Security Council to act": the one asked
            targets += [g for c in for_clauses(tok) for g in c.children if g.dep_ in SUBJECTS]
        acted_on = [*passive, *(c for c in tok.children if c.dep_ in ("dobj", "nsubjpass"))]
        if any((is_people(c, w) or c.ent_type_ in ("PERSON", "NORP", "ORG", "GPE"))
               and not any(x in w.danger_subjects or x in w.projectile_words for x in (c.lemma_.lower(), c.lower_))
               for c in acted_on):
            preps = preps - set(w.aim_only_preps)  # "17 people were killed at the school", "shot two men at a bar":
            # the people acted on are named; "at" says where (round 18). "fired at the convoy" and "launched rockets
            # at Israel" keep it: nobody else, or a thing sent at the target
        targets += prep_objects(tok, preps, after=True)
        # "imposed sanctions on Ankara", "fired two shells at Seoul": the target hangs on the object
        if trig.type not in w.partner_types:  # ("support their votes against Kavanaugh": the adversary)
            obj_preps = set(w.target_preps) - (set(w.adversary_preps) if trig.type in w.adversary_object_types else set())
            targets += [g for c in tok.children if c.dep_ == "dobj" for g in prep_objects(c, obj_preps)]
        targets = [t for t in targets if not _not_acted_on(trig, t, w)]
        if _advocated(trig, w) or _shared_participle(tok):
            actors = [a for a in actors if a.head.i == tok.i]  # only the verb's own subject (round 32b)
    return actors, targets


def _fronted(tok) -> bool:
    """Round 32b (stop 49): whether a participle before its main verb opens the sentence or a comma's phrase ("Removed
    from the post, the cardinal has ...", "In 2015, backed by Russia, Syria ...", "But backed by Russia, ..."); not one
    the parser cut out of a clause of its own ("ruled that Assange was being arbitrarily – and unlawfully – detained by
    the UK, Guardian writers led ...", fresh3: Assange was detained, not the writers)."""
    first, start = tok.left_edge.i, tok.sent.start
    if first == start or tok.doc[first - 1].text in (",", ";", ":"):
        return True
    return all(t.dep_ in ("cc", "advmod", "punct") or t.is_punct for t in tok.doc[start:first])


def _infinitive(tok) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def _advocated(trig: Trigger, w: Words) -> bool:
    """Round 32b (stop 49): whether a verb is the to-infinitive (or a conjunct of one) of a verb of advocacy with no
    object of its own: `advocacy_verbs` ("lobbied to suspend the rule", the shape of dev32), or `force_advocacy_verbs`
    for an act with a state's forces (`own_force_types`: "McCain pushed to bring Georgia into NATO, and even to send
    U.S. forces", events_audit; "pushing to indict him" may be the pusher's own act, a training audit's ok event): an act
    the advocate wants others to do, so the advocate is not its doer. "pressed Iran to stop" (an object told to act)
    is object control, left as it is."""
    t = trig.tok
    for _ in range(3):
        if t.dep_ != "conj":
            break
        t = t.head
    if t.dep_ != "xcomp" or not _infinitive(t) or any(c.dep_ in ("dobj", "dative") for c in t.head.children):
        return False
    lemma = t.head.lemma_.lower()
    return lemma in w.advocacy_verbs or lemma in w.force_advocacy_verbs and trig.type in w.own_force_types


def _shared_participle(tok) -> bool:
    """Round 32b (stop 49): whether a subjectless participle clause ("while requesting new investigations") hangs on a
    to-infinitive whose doer is someone the main clause makes act ("waged a campaign to get the FBI to release more
    files while requesting new investigations", dev27): the parser hangs the participle on the inner verb, but it may
    as well be the main subject's; no actor from the inner doer."""
    if tok.tag_ != "VBG" or tok.dep_ != "advcl" or any(c.dep_ in SUBJECTS for c in tok.children):
        return False
    h = tok.head
    if h.dep_ not in ("ccomp", "xcomp") or not _infinitive(h):
        return False
    return any(c.dep_ == "nsubj" and c.i < h.i for c in h.children) or h.dep_ == "xcomp" and any(
        c.dep_ in ("dobj", "dative") and c.i < h.i for c in h.head.children)


def _counted_support(trig: Trigger, w: Words) -> list:
    """Round 31b (stop 48): the "of" objects of a support noun that an adjective of its backers qualifies ("twice the
    Catholic support of Mr. Doe", the shape of dev25; `supporter_adjectives`): the backers are the adjective's
    people, the "of" object is the one they back, never the backer. [] otherwise ("the support of Russia" is Russia's)."""
    tok = trig.tok
    if not trig.noun or trig.type not in w.supported_compound_types or not any(
            c.dep_ in ("amod", "compound") and c.lower_ in w.supporter_adjectives for c in tok.children) \
            or prep_objects(tok, {"for", "to"}):  # ("the public support of Russia for the coup": Russia's)
        return []
    return prep_objects(tok, {"of"})


def _not_acted_on(trig: Trigger, head, w: Words) -> bool:
    """Round 31b (stop 48): whether a verb's object names no party acted on: the owner's own forces ("to equip Iran's own
    forces fighting inside Syria", events_audit: the owner arms its own, no target; not in a hostile act, "struck Russia's
    own forces" keeps Russia), a thing asked for that a body would do or host ("demanding an FBI investigation", dev14;
    "proposed a United Nations conference", fresh17; `procedure_acts`: the body is not the one asked), or the sender's
    own envoy told by a title ("sent Foreign Minister Jane Roe to Cairo", the shape of fresh17)."""
    if head.dep_ != "dobj" or head.head.i != trig.tok.i:
        return False
    lemma = head.lemma_.lower()
    if trig.type not in w.hostile_types and lemma in w.own_force_words and any(
            c.dep_ == "amod" and c.lower_ == "own" for c in head.children) and any(c.dep_ == "poss" for c in head.children):
        return True
    if trig.type in w.asked_act_types and head.pos_ == "NOUN" and (lemma in w.procedure_acts or head.lower_ in w.procedure_acts) \
            and not prep_objects(head, {"with", "between"}):  # ("requested a summit with Putin": the one asked)
        return True
    return trig.tok.lemma_.lower() in w.sending_verbs and head.pos_ == "PROPN" and any(
        c.dep_ in ("compound", "appos") and c.lemma_.lower() in w.role_nouns for c in head.subtree if c.i < head.i)


def states_won(tok, offset: int, ments: Mentions, w: Words) -> bool:
    """Whether a seizure verb's object (or one of its conjuncts) is a first-order division of a country of
    `election_countries` ("captured Texas and Oklahoma", "Trump carried Georgia, Alabama and Tennessee"): a
    state won in an election; no army takes a US state ("Russia seized Crimea" stays a seizure)."""
    objs = [c for c in tok.children if c.dep_ == "dobj" or c.dep_ == "npadvmod" and c.i > tok.i]  # (a list of states
    objs += [g for o in objs for g in o.subtree if g.dep_ == "conj"]  # is sometimes parsed as an npadvmod)
    for o in objs:
        p = ments.place(*token_span(offset, o))
        if p is not None and p.feature_code == "ADM1" and p.country_code in w.election_countries:
            return True
    return False


def supported_act(trig: Trigger, head, offset: int, ments: Mentions, lex: Lexicon, w: Words) -> bool:
    """Whether a SUPPORT event's object is an act or a policy named by its noun ("supported Medicare cuts",
    "his support for the invasion of Iraq"): the party in it is what the act is done to, not the one
    supported (dev audit 26). A possessor stays the one backed ("backed Trump's plan"). Round 20 (stop 37): also
    for opposing one (`act_object_types`: "opposed the Iraq War", a named war's country is no target), the noun
    a proper one too ("War")."""
    if trig.type in w.act_object_types and head.pos_ in ("NOUN", "PROPN") \
            and (lex.plover(lex.nouns.get(head.lemma_.lower())) in w.hostile_types or head.lemma_.lower() in w.war_nouns) \
            and ments.entity(*token_span(offset, head)) is None and not any(c.dep_ == "poss" for c in head.children):
        return True
    return trig.type in w.supported_compound_types and head.pos_ == "NOUN" \
        and ments.entity(*token_span(offset, head)) is None and (
            head.lemma_.lower() in w.policy_act_nouns | w.deal_nouns  # (round 32b: "approved the Uranium One deal")
            or lex.plover(lex.nouns.get(head.lemma_.lower())) in w.hostile_types) \
        and not any(c.dep_ == "poss" for c in head.children)


def asked_act(trig: Trigger, head, w: Words) -> frozenset:
    """Round 20 (stop 37): prepositions of whom an act asked for would hit ("urged new sanctions on Iran", "urges
    retaliation on Russia"): the one asked is not found there (fresh15's class)."""
    if trig.type in w.asked_act_types and not trig.noun and head.dep_ == "dobj" and head.pos_ == "NOUN" \
            and trig.tok.lemma_.lower() not in w.light_verbs:  # ("stepped up pressure on China": the pressure's own target)
        return frozenset(w.adversary_preps) | {"for"}
    if trig.type in w.asked_act_types and not trig.noun and head.dep_ == "dobj":
        # round 31b (stop 48): "lobbied dozens of ministers for Ms. Roe" (the shape of dev25), "asked the ministers for money":
        # what or whom the ones asked are asked for, not the one asked
        return frozenset({"for"})
    return frozenset()


def claim_topic(trig: Trigger, head, w: Words) -> frozenset:
    """Prepositions of what a rejected claim is about ("dismissed criticism of Trump's remarks": the critics
    are rejected, not Trump; "rejected the allegations against him"): not searched for the target."""
    if trig.type == "REJECT" and head.dep_ == "dobj" and head.lemma_.lower() in w.claim_objects:
        return frozenset(("of", "against", "about", "to"))  # ("rejected a challenge to Cruz's eligibility", dev audit 29)
    return frozenset()


def gender_clash(pronoun: str, speaker_word: str | None, w: Words) -> bool:
    """Whether a reported "he" and a speaker told as "she" (or the reverse) are two people."""
    if speaker_word is None:
        return False
    said, speaker = pronoun_gender(pronoun, w), pronoun_gender(speaker_word, w)
    return said is not None and speaker is not None and said != speaker
