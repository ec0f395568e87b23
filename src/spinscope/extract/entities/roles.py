"""Role and title words (data/entities/roles.yaml), and what the titles around a name say of a person."""
from __future__ import annotations

from dataclasses import dataclass, field


from .gazetteer import Gazetteer
from ...text.names import words
from ...resources import resource
from ...datafile import read_data


@dataclass(slots=True, frozen=True)
class Role:
    term: str
    kinds: tuple[str, ...] = ()
    gender: str | None = None
    nominal: bool = False
    ambiguous: bool = False
    context: bool = False  # names a body ("Foreign Ministry"), not a person's title
    fallback: str | None = None  # the broader class "the <term>" may fall back to ("military" for "general")
    capitalized: bool = False  # "the Pope": a nominal written with a capital as a rule, no office's name
    one_holder: bool = False  # "the pope": only where the text names one person of its class before it

    @property
    def kind(self) -> str | None:
        """The term's own class: what "the <term>" asks of a person."""
        return self.kinds[0] if self.kinds else None


def genders_clash(a: str | None, b: str | None) -> bool:
    """Two genders both known and different ("Mrs." against a man of the KB)."""
    return bool(a and b and a != b)


@dataclass(slots=True)
class Profile:
    """What is known of a person: role classes, gender, country (ISO alpha-3)."""

    kinds: set[str] = field(default_factory=set)
    gender: str | None = None
    country: str | None = None

    personal: bool = False  # a title only a person bears ("spokesman", "Mrs."), not "Foreign Ministry"
    former: bool = False  # the KB gives the office as past ("former President of Iraq"): no bare "the president"

    def add_role(self, role: Role) -> None:
        self.kinds.update(role.kinds)
        if role.gender and not self.gender:
            self.gender = role.gender
        self.personal = self.personal or (not role.context and bool(role.kinds or role.gender))

    def update(self, other: "Profile") -> None:
        self.kinds |= other.kinds
        self.gender = self.gender or other.gender
        self.country = self.country or other.country
        self.personal = self.personal or other.personal
        self.former = self.former or other.former

    def fits(self, role: Role, country: str | None, kind: str | None = None) -> bool:
        """Whether "the [nationality] <role>" can be this person (asking `kind`, by default the role's own)."""
        if (kind or role.kind) not in self.kinds:
            return False
        if role.gender and self.gender and role.gender != self.gender:
            return False
        return country is None or self.country == country


@dataclass
class Vocabulary:
    terms: Gazetteer  # role terms and modifiers -> Role (a modifier has no kinds)
    _seen: dict[str, list[Role]] = field(default_factory=dict)

    def roles_in(self, text: str) -> list[Role]:
        """Every role term in a free text, e.g. a KB `role` ("spokeswoman of the Foreign Ministry")."""
        roles = self._seen.get(text)
        if roles is None:
            roles = self._seen[text] = [m.payloads[0] for m in self.terms.find(text, words(text))]
        return roles


@resource("data/entities/roles.yaml")
def vocabulary() -> Vocabulary:
    data = read_data("data/entities/roles.yaml")
    terms = Gazetteer()
    offices = frozenset(data.get("offices") or ())
    for item in data.get("terms") or ():
        kinds = tuple(item.get("kinds") or ())
        context = bool(item.get("context", False))
        fallback = kinds[1] if len(kinds) > 1 and kinds[1] not in offices else None
        role = Role(str(item["term"]), kinds, item.get("gender"),
                    bool(item.get("nominal", bool(kinds) and not context)), bool(item.get("ambiguous", False)),
                    context, fallback, bool(item.get("capitalized", False)), bool(item.get("one_holder", False)))
        terms.add(role.term.lower(), role)
    for word in data.get("modifiers") or ():
        terms.add(str(word).lower(), Role(str(word)))
    return Vocabulary(terms)
