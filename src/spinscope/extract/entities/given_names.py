"""Given names borne by one sex only (data/entities/given_names.yaml), read by entities and quotes."""
from __future__ import annotations

from ...datafile import read_data
from ...errors import DataFileError
from ...resources import resource


@resource("data/entities/given_names.yaml")
def given_name_genders() -> dict[str, str]:
    """Given name (case-folded) -> "m" or "f", for the names data/entities/given_names.yaml lists as
    borne by one sex only; a name listed under both is an error of the file."""
    data = read_data("data/entities/given_names.yaml")
    out: dict[str, str] = {}
    for gender, key in (("m", "masculine"), ("f", "feminine")):
        for name in data.get(key) or ():
            folded = str(name).casefold()
            if out.get(folded, gender) != gender:
                raise DataFileError(f"data/entities/given_names.yaml: {name!r} is listed as masculine and feminine")
            out[folded] = gender
    return out
