"""Posts by city and by country: "telegram 732 from Athens" is the Ambassador in Greece's.

Citations name a post by its city ("Athens tels 755, 733", "Bonn 17686", "telegram 1152 to
Athens"); headings name it by the country ("The Ambassador in Greece (MacVeagh) to the
Secretary of State", "Telegram From the Embassy in Germany"). ``CAPITALS`` joins the two: the
city or cities a country's mission sat in over the series (1861-1991), under the names the
series prints (Peking and Peiping, Constantinople and Ankara, Rio de Janeiro and Brasilia).
``OFFICES`` are the offices a post is named by instead ("the Chargé in Bolivia"). Pure data and
lookups: no I/O.
"""

from __future__ import annotations

import re

#: a country as headings name it -> the cities its United States mission sat in, the usual
#: one first
CAPITALS: dict[str, tuple[str, ...]] = {
    "Afghanistan": ("Kabul",), "Albania": ("Tirana",), "Algeria": ("Algiers",),
    "Argentina": ("Buenos Aires",), "Australia": ("Canberra",), "Austria": ("Vienna",),
    "Austria-Hungary": ("Vienna",), "Belgium": ("Brussels",), "Bolivia": ("La Paz",),
    "Brazil": ("Rio de Janeiro", "Brasilia", "Rio"), "Bulgaria": ("Sofia",),
    "Burma": ("Rangoon",), "Cambodia": ("Phnom Penh",), "Canada": ("Ottawa",),
    "Ceylon": ("Colombo",), "Sri Lanka": ("Colombo",), "Chile": ("Santiago",),
    "China": ("Peking", "Peiping", "Nanking", "Chungking", "Beijing"),
    "Republic of China": ("Taipei",), "Colombia": ("Bogotá", "Bogota"),
    "Costa Rica": ("San José", "San Jose"), "Cuba": ("Habana", "Havana"),
    "Cyprus": ("Nicosia",), "Czechoslovakia": ("Prague",), "Denmark": ("Copenhagen",),
    "Dominican Republic": ("Santo Domingo", "Ciudad Trujillo"), "Ecuador": ("Quito",),
    "Egypt": ("Cairo",), "United Arab Republic": ("Cairo",), "El Salvador": ("San Salvador",),
    "Ethiopia": ("Addis Ababa", "Addis"), "Finland": ("Helsinki", "Helsingfors"),
    "France": ("Paris",), "Germany": ("Berlin", "Bonn"),
    "Federal Republic of Germany": ("Bonn",), "German Democratic Republic": ("Berlin",),
    "Ghana": ("Accra",), "Great Britain": ("London",), "United Kingdom": ("London",),
    "Greece": ("Athens",), "Guatemala": ("Guatemala",), "Haiti": ("Port-au-Prince",),
    "Honduras": ("Tegucigalpa",), "Hungary": ("Budapest",), "Iceland": ("Reykjavik",),
    "India": ("New Delhi",), "Indonesia": ("Djakarta", "Jakarta"), "Iran": ("Tehran",),
    "Persia": ("Tehran", "Teheran"), "Iraq": ("Baghdad",), "Ireland": ("Dublin",),
    "Israel": ("Tel Aviv",), "Italy": ("Rome",), "Japan": ("Tokyo",), "Jordan": ("Amman",),
    "Kenya": ("Nairobi",), "Korea": ("Seoul",), "Republic of Korea": ("Seoul",),
    "Laos": ("Vientiane",), "Lebanon": ("Beirut",), "Liberia": ("Monrovia",),
    "Libya": ("Tripoli",), "Luxembourg": ("Luxembourg",), "Mexico": ("Mexico",),
    "Morocco": ("Rabat",), "Nepal": ("Kathmandu",), "Netherlands": ("The Hague",),
    "New Zealand": ("Wellington",), "Nicaragua": ("Managua",), "Nigeria": ("Lagos",),
    "Norway": ("Oslo",), "Pakistan": ("Karachi", "Rawalpindi", "Islamabad"),
    "Panama": ("Panama",), "Paraguay": ("Asunción", "Asuncion"), "Peru": ("Lima",),
    "Philippines": ("Manila",), "Poland": ("Warsaw",), "Portugal": ("Lisbon",),
    "Romania": ("Bucharest",), "Rumania": ("Bucharest",),
    "Russia": ("St. Petersburg", "Petrograd", "Moscow"), "Soviet Union": ("Moscow",),
    "Saudi Arabia": ("Jidda", "Riyadh"), "Siam": ("Bangkok",), "Thailand": ("Bangkok",),
    "South Africa": ("Pretoria", "Cape Town"), "Union of South Africa": ("Pretoria",),
    "Spain": ("Madrid",), "Sudan": ("Khartoum",), "Sweden": ("Stockholm",),
    "Switzerland": ("Bern", "Berne"), "Syria": ("Damascus",), "Tunisia": ("Tunis",),
    "Turkey": ("Ankara", "Constantinople"), "Uruguay": ("Montevideo",),
    "Venezuela": ("Caracas",), "Vietnam": ("Saigon",), "Viet-Nam": ("Saigon",),
    "Yugoslavia": ("Belgrade",), "Zaire": ("Kinshasa",), "Congo": ("Léopoldville", "Kinshasa"),
}  # fmt: skip

#: a city -> the countries whose mission sat there
_COUNTRIES: dict[str, tuple[str, ...]] = {}
for _country, _cities in CAPITALS.items():
    for _city in _cities:
        _COUNTRIES[_city] = (*_COUNTRIES.get(_city, ()), _country)


def _country(name: str) -> str:
    return name[4:] if name.startswith(("the ", "The ")) else name


def capital(name: str) -> str:
    """The one city of the country ``name`` ("the United Kingdom" -> "London"); ``name``
    itself when it is a city, or a country whose mission moved ("China", "Germany")."""
    cities = CAPITALS.get(_country(name), ())
    return cities[0] if len(cities) == 1 else name


def post_names(name: str) -> tuple[str, ...]:
    """Every name the series gives the post ``name``: the city and the countries whose
    mission sat there ("Athens" -> Athens, Greece), or the country and its cities ("Greece" ->
    Greece, Athens)."""
    country = _country(name)
    if country in CAPITALS:
        return (name, *CAPITALS[country])
    return (name, *_COUNTRIES.get(name, ()))


#: the offices a citation or a heading names a post by: "the Embassy in Paris", "Consul
#: General at Batavia", "Chargé in Bolivia", "the Mission to the United Nations"
OFFICES = (
    r"(?:Embassy|Consulate(?:\s+General)?|Mission|Legation|Delegation|Ambassador"
    r"|Consul(?:\s+General)?|Minister|Chargé(?:\s+d['’]Affaires)?|Representative)"
)
_OFFICE_IN = re.compile(
    rf"(?:the\s+)?{OFFICES}\s+(?:in|at)\s+(?:the\s+)?(?P<place>[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)*)"
)


def office_city(post: str) -> str | None:
    """The city of a post named by its office and country or city ("Chargé in Bolivia" -> La
    Paz, "Embassy in France" -> Paris; a country whose mission moved keeps its name); None
    when ``post`` is not so named ("Mission to NATO", "Bonn")."""
    office = _OFFICE_IN.fullmatch(post)
    return capital(office["place"]) if office else None
