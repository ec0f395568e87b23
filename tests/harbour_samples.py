"""One made-up harbour story in two versions, for the tests of addresses and updated articles."""

LIGHT = ["techniques", "narratives"]
TOWNS = ["Port Elling", "Osk", "Varna Bay", "Lindholm", "Marsk", "Tovey", "Brandt", "Skeld"]
PARAS = [f"The council of {t} met on day {i} to discuss the harbour budget, the ferry timetable and the new quay "
         f"that engineers from {TOWNS[(i + 3) % 8]} surveyed in the spring of that year." for i, t in enumerate(TOWNS)]
FIRST = "\n\n".join(PARAS)
EDITED = "\n\n".join(PARAS[:-1]) + "\n\nCorrection: the survey was made in the summer."
