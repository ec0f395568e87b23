"""The `mode` of an event from its trigger's place in the parse (asserted, reported, threatened, ...)."""
from __future__ import annotations

from dataclasses import dataclass

from ...resources import resource
from ...datafile import read_data
from ...errors import DataFileError

# Order in which combined modes are written: "reported+threatened", "hypothetical+negated".
MODE_ORDER = ("reported", "threatened", "hypothetical", "negated")


@dataclass(frozen=True)
class Words:
    hypothetical_aux: frozenset
    future_aux: frozenset
    conditional_marks: frozenset
    negations: frozenset
    threat_governors: frozenset
    hypothetical_governors: frozenset
    hypothetical_nouns: frozenset
    threat_nouns: frozenset
    speech_verbs: frozenset
    hostile_types: frozenset
    target_preps: frozenset
    partner_preps: dict
    place_preps: frozenset
    material_types: frozenset
    place_heads: frozenset
    stance_prefixes: frozenset
    light_verbs: frozenset
    object_control: frozenset
    proxy_participles: frozenset
    future_governors: frozenset
    receiving_verbs: frozenset
    idiom_objects: frozenset
    symmetric_types: frozenset
    reciprocals: frozenset
    civilian_nouns: frozenset
    generic_determiners: frozenset
    partner_types: frozenset
    complement_verbs: frozenset
    question_verbs: frozenset
    question_objects: frozenset
    verbal_attack_words: frozenset
    verbal_target_types: frozenset
    liberation_verbs: frozenset
    abstract_objects: frozenset
    abstract_exempt_types: frozenset
    topic_verbs: frozenset
    cooperative_types: frozenset
    adversary_preps: frozenset
    exception_preps: frozenset
    writer_pronouns: frozenset
    state_types: frozenset
    risk_warnings: frozenset
    threat_words: frozenset
    warning_nouns: frozenset
    warning_content_preps: frozenset
    warning_aim_preps: frozenset
    warner_pronouns: frozenset
    warner_singular: frozenset
    time_preps: frozenset
    own_force_types: frozenset
    agreement_verbs: frozenset
    danger_nouns: frozenset
    threat_utterance_verbs: frozenset
    danger_subjects: frozenset
    ability_aux: frozenset
    test_words: frozenset
    withdrawal_verbs: frozenset
    own_force_words: frozenset
    media_compounds: frozenset
    object_particle_verbs: frozenset
    location_preps: frozenset
    sending_verbs: frozenset
    movement_verbs: frozenset
    direction_preps: frozenset
    inanimate_subjects: frozenset
    political_fight_words: frozenset
    match_result_verbs: frozenset
    defeat_words: frozenset
    appealed_feelings: frozenset
    opinion_objects: frozenset
    adversary_object_types: frozenset
    religion_words: frozenset
    target_verbs: frozenset
    reflexives: frozenset
    agent_nouns: frozenset
    blame_verbs: frozenset
    role_nouns: frozenset
    mental_verbs: frozenset
    unsaid_verbs: frozenset
    aim_only_preps: frozenset
    projectile_words: frozenset
    participle_object_verbs: frozenset
    advisory_words: frozenset
    partyless_verbs: frozenset
    opposed_nouns: frozenset
    follower_nouns: frozenset
    dismissal_verbs: frozenset
    social_occasions: frozenset
    topic_preps: frozenset
    danger_verbs: frozenset
    back_only_verbal: frozenset
    speech_instruments: frozenset
    linking_verbs: frozenset
    idea_objects: frozenset
    release_verbs: frozenset
    captive_nouns: frozenset
    removal_verbs: frozenset
    office_words: frozenset
    winning_verbs: frozenset
    supported_compound_types: frozenset
    claim_objects: frozenset
    class_adjectives: frozenset
    facing_verbs: frozenset
    solicited_things: frozenset
    proposal_nouns: frozenset
    force_agents: frozenset
    support_drain_verbs: frozenset
    election_countries: frozenset
    ask_content_preps: frozenset
    member_nouns: frozenset
    war_objects: frozenset
    platform_names: frozenset
    name_suffixes: frozenset
    holding_verbs: frozenset
    seizure_verbs: frozenset
    electoral_objects: frozenset
    contest_verbs: frozenset
    contest_prizes: frozenset
    region_prefixes: frozenset
    intransitive_verbs: frozenset
    opinion_verbs: frozenset
    victim_nouns: frozenset
    admission_verbs: frozenset
    admission_places: frozenset
    enlisting_verbs: frozenset
    reception_nouns: frozenset
    migration_words: frozenset
    demand_verbs: frozenset
    knowing_verbs: frozenset
    naming_words: frozenset
    disease_names: frozenset
    share_words: frozenset
    support_extent_words: frozenset
    poll_words: frozenset
    deciding_bodies: frozenset
    named_dismissal_verbs: frozenset
    support_measure_verbs: frozenset
    light_verb_preps: frozenset
    control_preps: frozenset
    religion_names: frozenset
    gathering_nouns: frozenset
    masculine_pronouns: frozenset
    feminine_pronouns: frozenset
    ruin_words: frozenset
    rival_nouns: frozenset
    pact_nouns: frozenset
    policy_act_nouns: frozenset
    interviewer_nouns: frozenset
    follower_preps: frozenset
    ban_verbs: frozenset
    business_words: frozenset
    interview_verbs: frozenset
    language_words: frozenset
    levy_words: frozenset
    sea_words: frozenset
    pressing_verbs: frozenset
    injury_words: frozenset
    intimate_nouns: frozenset
    broadcast_nouns: frozenset
    interview_nouns: frozenset
    act_object_types: frozenset
    war_nouns: frozenset
    reprieve_words: frozenset
    asked_act_types: frozenset
    suicide_verbs: frozenset
    warning_words: frozenset
    side_nouns: frozenset
    destination_verbs: frozenset
    agency_modifiers: frozenset
    phenomenon_words: frozenset
    weapon_words: frozenset
    vehicle_words: frozenset
    collision_verbs: frozenset
    title_abbreviations: frozenset
    stamping_verbs: frozenset
    paper_nouns: frozenset
    private_roles: frozenset
    signed_papers: frozenset
    road_words: frozenset
    service_words: frozenset
    skill_words: frozenset
    candidate_words: frozenset
    accident_words: frozenset
    office_verbs: frozenset
    moved_out_verbs: frozenset
    moved_out_of_words: frozenset
    facility_words: frozenset
    donation_words: frozenset
    animal_words: frozenset
    notice_words: frozenset
    contact_verbs: frozenset
    sport_words: frozenset
    sport_types: frozenset
    supported_persons: frozenset
    plea_words: frozenset
    court_orders: frozenset
    court_issue_verbs: frozenset
    case_papers: frozenset
    case_drop_verbs: frozenset
    court_officers: frozenset
    match_officials: frozenset
    assailant_nouns: frozenset
    police_titles: frozenset
    # round 25b (stop 42, pages42)
    business_parties: frozenset
    product_words: frozenset
    product_verbs: frozenset
    fire_particles: frozenset
    struck_figures: frozenset
    resignation_words: frozenset
    youth_words: frozenset
    casual_particles: frozenset
    private_persons: frozenset
    family_nouns: frozenset
    photo_words: frozenset
    filmed_things: frozenset
    wound_words: frozenset
    # round 26b (stop 43, pages43)
    awarded_things: frozenset
    software_names: frozenset
    supported_businesses: frozenset
    settlement_nouns: frozenset
    litigation_words: frozenset
    advert_words: frozenset
    applying_words: frozenset
    body_parts: frozenset
    blow_preps: frozenset
    figurative_force_verbs: frozenset
    speech_scenes: frozenset
    setting_preps: frozenset
    # round 25 (stop 42, events42)
    rescue_verbs: frozenset
    rescue_nouns: frozenset
    causal_light_verbs: frozenset
    venue_words: frozenset
    harm_context_words: frozenset
    force_verbs: frozenset
    labour_words: frozenset
    drill_verbs: frozenset
    administrative_papers: frozenset
    national_things: frozenset
    pressed_things: frozenset
    # round 26 (stop 43, events43)
    state_verbs: frozenset
    advised_people: frozenset
    shop_words: frozenset
    harm_sources: frozenset
    infinitive_marks: frozenset
    enabling_verbs: frozenset
    indefinite_persons: frozenset
    transfer_words: frozenset
    undergoing_verbs: frozenset
    undergone_objects: frozenset
    object_required_verbs: frozenset
    blame_on_verbs: frozenset
    ending_verbs: frozenset
    ended_types: frozenset
    business_awards: frozenset
    # round 27 (stop 44, events44)
    dateline_marks: frozenset
    staff_nouns: frozenset
    staff_target_types: frozenset
    firm_types: frozenset
    service_nouns: frozenset
    described_types: frozenset
    body_officers: frozenset
    # round 28b (stop 45, roles45)
    party_member_words: frozenset
    fragment_prefixes: frozenset
    governed_nouns: frozenset
    chamber_words: frozenset
    bill_nouns: frozenset
    local_nouns: frozenset
    caucus_nouns: frozenset
    party_member_plurals: frozenset
    # round 29b (stop 46, roles46)
    pressed_nouns: frozenset
    clause_openers: frozenset
    spoken_blame_verbs: frozenset
    gerund_object_verbs: frozenset
    listing_preps: frozenset
    edge_nouns: frozenset
    closure_words: frozenset
    name_preps: frozenset
    leaving_nouns: frozenset
    # round 31b (stop 48, roles48)
    group_nouns: frozenset
    kind_suffixes: frozenset
    procedure_acts: frozenset
    land_nouns: frozenset
    support_base_verbs: frozenset
    supporter_adjectives: frozenset
    advocacy_verbs: frozenset
    force_advocacy_verbs: frozenset
    label_words: frozenset
    private_body_nouns: frozenset
    claimant_nouns: frozenset
    deal_nouns: frozenset
    # round 28 (stop 45, events45)
    disease_nouns: frozenset
    curbing_verbs: frozenset
    curbed_things: frozenset
    hit_marks: frozenset
    submission_words: frozenset
    audience_words: frozenset
    appeal_kinds: frozenset
    little_words: frozenset
    price_words: frozenset
    kin_nouns: frozenset
    possessive_pronouns: frozenset
    work_sites: frozenset
    show_words: frozenset
    hazard_words: frozenset
    armed_words: frozenset
    penalty_verbs: frozenset
    sport_bodies: frozenset
    sport_spells: frozenset
    help_desk_nouns: frozenset
    shot_kinds: frozenset
    submitting_verbs: frozenset
    # round 29 (stop 46, events46)
    question_openers: frozenset
    asked_to_say: frozenset
    view_verbs: frozenset
    view_words: frozenset
    met_targets: frozenset
    published_things: frozenset
    regulation_nouns: frozenset
    impose_verbs: frozenset
    policy_ideas: frozenset
    commerce_verbs: frozenset
    first_person_objects: frozenset
    press_asks: frozenset
    driving_verbs: frozenset
    pedestrian_verbs: frozenset
    # round 30 (stop 47, events47)
    negating_governors: frozenset
    avoiding_verbs: frozenset
    pending_adverbs: frozenset
    pending_governors: frozenset
    lacking_verbs: frozenset
    excess_adverbs: frozenset
    relative_pronouns: frozenset
    part_nouns: frozenset
    convened_things: frozenset
    procedure_marks: frozenset
    # round 31 (stop 48, events48)
    unable_adjectives: frozenset
    abstaining_verbs: frozenset
    short_of_verbs: frozenset
    precaution_verbs: frozenset
    precaution_objects: frozenset
    candidacy_marks: frozenset
    law_nouns: frozenset
    law_apposition_stops: frozenset
    law_name_endings: frozenset
    # round 32 (stop 49, events49)
    generic_pronouns: frozenset
    generic_people: frozenset
    leisure_things: frozenset
    delegate_words: frozenset
    private_terms: frozenset
    # round 33 (stop 50, events50)
    destination_entity_types: frozenset
    giving_verbs: frozenset
    private_marks: frozenset
    claim_content_nouns: frozenset
    statistic_shares: frozenset
    # round 34 (stop 51, events51)
    military_craft: frozenset
    destination_nouns: frozenset
    pressing_governors: frozenset
    false_claim_marks: frozenset
    faking_verbs: frozenset
    causative_verbs: frozenset
    # round 35 (stop 52, events52)
    marriage_verbs: frozenset
    message_nouns: frozenset
    message_backing_verbs: frozenset
    school_people: frozenset
    expulsion_verbs: frozenset
    demolition_verbs: frozenset
    demolished_buildings: frozenset
    means_nouns: frozenset
    overstay_verbs: frozenset
    frontier_nouns: frozenset


@resource("data/events/modality.yaml")
def words() -> Words:
    data = read_data("data/events/modality.yaml")
    for key, value in data.items():  # a bare `on` or `no` is a YAML boolean, silently never matching a word
        items = [x for v in value.values() for x in v] if isinstance(value, dict) else value
        bad = [x for x in items if not isinstance(x, str)]
        if bad:
            raise DataFileError(f"events/modality.yaml: {key}: {bad!r} are not words (quote them)")
    return Words(**{k: (v if isinstance(v, dict) else frozenset(v)) for k, v in data.items()})


def join(modes: set[str]) -> str:
    """The `mode` string: the set's members in MODE_ORDER joined by "+", or "asserted"."""
    return "+".join(m for m in MODE_ORDER if m in modes) or "asserted"


def clause_modes(tok, typ: str, w: Words | None = None) -> set[str]:
    """Modes a predicate (verb, or the verb governing a noun trigger) gets from its own clause and governors."""
    w = w or words()
    modes: set[str] = set()
    seen, shared = 0, False
    while tok is not None and seen < 6:  # climb through conjuncts and complements, not the whole tree
        seen += 1
        for child in tok.children:
            low = child.lower_
            if shared and child.i > tok.i:
                continue  # a conjunct shares what stands before the first verb, not its objects
            if child.dep_ == "neg" or (child.dep_ == "advmod" and low == "never"):
                if not shared:  # "had never authorised ... and called for": the negation is the first verb's
                    modes.add("negated")
            elif child.dep_ in ("aux", "auxpass"):
                if low in w.future_aux:
                    modes.add("threatened" if typ in w.hostile_types else "hypothetical")
                elif low in w.hypothetical_aux:
                    modes.add("hypothetical")
            elif child.dep_ == "mark" and low in w.conditional_marks:
                modes.add("hypothetical")
        head = tok.head
        if head.i == tok.i:
            break
        if tok.dep_ == "conj":  # "will strike and destroy": the conjunct shares the first verb's auxiliaries
            tok, shared = head, True
            continue
        shared = False
        modes |= unrealized(tok, w)
        if tok.dep_ in ("xcomp", "ccomp", "acomp") or (tok.dep_ == "advcl" and tok.tag_ == "TO"):
            lemma = head.lemma_.lower()
            if lemma in w.threat_governors:
                modes.add("threatened")
            elif lemma in w.future_governors and tok.dep_ == "xcomp":  # "is about to strike"
                modes.add("threatened" if typ in w.hostile_types else "hypothetical")
            elif lemma in w.hypothetical_governors or lemma in w.pressing_governors and tok.dep_ == "xcomp":
                modes.add("hypothetical")  # ("pushed Obama to arm the rebels": pressed for, not told done; round 34)
            if tok.dep_ == "xcomp" or head.pos_ == "ADJ":
                tok = head  # "is ready to fight", "could decide to strike": the governor's mood carries over
                continue
        if head.pos_ == "ADJ" and head.lemma_.lower() in w.hypothetical_governors:
            modes.add("hypothetical")
        if tok.dep_ == "acl" and head.pos_ == "NOUN" and any(c.dep_ == "aux" and c.lower_ == "to"
                                                             for c in tok.children):
            lemma = head.lemma_.lower()  # "attempts to shield", "threat to strike": the noun's intent
            if lemma in w.threat_governors or lemma in w.threat_nouns:
                modes.add("threatened")
            elif lemma in w.hypothetical_governors or lemma in w.hypothetical_nouns:
                modes.add("hypothetical")
        break
    return modes


def unrealized(tok, w: Words) -> set[str]:
    """Round 30 (stop 47): the modes a to-clause gets from what governs it when that says the act was not done: a verb
    of failing or refusing ("failed to pass", "refused to meet": negated), "have/be yet to" ("has yet to apologize":
    negated), a verb of lacking on the clause or its object ("lacked the resources to provide": hypothetical and
    negated), an adverb of excess on the adjective or quantity that governs it ("too weak to attack", "too many things
    for me to dismiss": hypothetical and negated). Round 31 (stop 48): an adjective of inability ("unable to attack":
    hypothetical and negated), a gerund after a verb of abstaining or "stop short of" ("refrained from attacking",
    "stopped short of endorsing": negated)."""
    if tok.head.i == tok.i:
        return set()
    head = tok.head
    if tok.dep_ == "xcomp" and head.lemma_.lower() in w.avoiding_verbs and (tok.tag_ == "VBG" or any(
            c.dep_ == "auxpass" and c.lower_ == "being" for c in tok.children)):
        return {"negated"}  # "avoids condemning Russia", "to avoid being extradited"
    if tok.dep_ == "pcomp" and tok.tag_ == "VBG" and head.dep_ == "prep" and head.head.i != head.i and (
            head.lower_ == "from" and head.head.lemma_.lower() in w.abstaining_verbs
            or head.lower_ == "of" and head.head.lower_ == "short" and head.head.head.lemma_.lower() in w.short_of_verbs):
        return {"negated"}  # round 31: "refrain from targeting Muslims", "stopped short of endorsing Clinton"
    if tok.dep_ == "pcomp" and tok.tag_ == "VBG" and head.dep_ == "prep" and head.lower_ == "of" \
            and head.head.lemma_.lower() in w.unable_adjectives:
        return {"hypothetical", "negated"}  # round 31: "is incapable of attacking Israel"
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        return set()
    lemma = head.lemma_.lower()
    if tok.dep_ == "xcomp" and lemma in w.unable_adjectives:
        return {"hypothetical", "negated"}  # round 31: "was unable to stop the attack"
    if tok.dep_ == "xcomp" and lemma in w.negating_governors:
        return {"negated"}
    if tok.dep_ == "xcomp" and lemma in w.pending_governors and any(
            c.dep_ == "advmod" and c.lower_ in w.pending_adverbs for c in head.children):
        return {"negated"}
    if tok.dep_ in ("xcomp", "advcl") and lemma in w.lacking_verbs or (
            tok.dep_ in ("acl", "relcl") and head.dep_ == "dobj" and head.head.lemma_.lower() in w.lacking_verbs):
        return {"hypothetical", "negated"}
    # "too" on the governing adjective or noun ("too weak to"), or on a quantity word on it ("too many disturbing things
    # for me to"; the parser may make the adjective a verb); never "too" on a verb ("he too wanted to attack")
    if tok.dep_ in ("xcomp", "advcl", "acl", "ccomp") and any(
            c.lower_ in w.excess_adverbs and c.dep_ == "advmod" and head.pos_ != "VERB"
            or c.dep_ in ("advmod", "amod") and c.pos_ in ("ADJ", "ADV") and any(
                g.dep_ == "advmod" and g.lower_ in w.excess_adverbs for g in c.children) for c in head.children):
        return {"hypothetical", "negated"}
    return set()


def false_claim(tok, w: Words) -> bool:
    """Round 34 (stop 51): whether the claim noun whose "that" clause holds a predicate (`claim_content`) is called
    false by the text: an adjective of `false_claim_marks` on it ("its false claim that ...", "the bogus evidence that
    ...") or a verb of `faking_verbs` with it as object ("was caught faking proof that ...", "fabricated evidence that
    ..."): what it holds is told not to have happened (negated), besides reported."""
    noun = claim_noun(tok, w)
    if noun is None:
        return False
    if any(c.dep_ in ("amod", "compound") and c.lower_ in w.false_claim_marks for c in noun.children):
        return True
    return noun.dep_ in ("dobj", "nsubjpass") and noun.head.lemma_.lower() in w.faking_verbs or (
        noun.dep_ in ("dobj", "nsubjpass") and noun.head.lower_ in w.false_claim_marks)


def claim_noun(tok, w: Words):
    """The noun of `claim_content_nouns` whose "that" clause holds `tok` (see `claim_content`), or None."""
    steps = 0
    while tok.head.i != tok.i and steps < 4:
        steps += 1
        head = tok.head
        if tok.dep_ in ("acl", "relcl", "ccomp") and head.pos_ == "NOUN" and (
                head.lemma_.lower() in w.claim_content_nouns or head.lower_ in w.claim_content_nouns) and any(
                c.dep_ == "mark" and c.lower_ == "that" for c in tok.children):
            return head
        if tok.dep_ not in ("conj", "xcomp"):
            return None
        tok = head
    return None


def claim_content(tok, w: Words) -> bool:
    """Round 33 (stop 50): whether a predicate lies in the "that" clause of a noun of claiming or showing
    (`claim_content_nouns`: "repeated its claim that Ukraine had shot down the flight", "produced “proof” that the army
    had shelled the town"), also through a conjunct or a complement: what a claim holds, reported, not asserted."""
    return claim_noun(tok, w) is not None


def speech_governor(tok, w: Words | None = None):
    """The verb of saying whose complement clause holds `tok` ("X said that Y struck"), or None."""
    w = w or words()
    steps, crossed = 0, False
    while tok.head.i != tok.i and steps < 6:
        steps += 1
        # A clause boundary must lie on the way up: "said that Russia endorsed" (the parser sometimes
        # hangs the clause as a relative clause of a noun under the verb), not "said it on Monday".
        crossed = crossed or tok.dep_ in ("ccomp", "parataxis", "relcl")
        if crossed and tok.head.lemma_.lower() in w.speech_verbs:
            return tok.head
        if tok.dep_ not in ("conj", "xcomp", "ccomp", "advcl", "aux", "dobj", "pobj", "prep", "nsubj", "compound",
                            "amod", "acl", "relcl", "parataxis"):
            return None
        tok = tok.head
    return None
