"""The vocabulary of the mutations: word lists, weights and rates a synthetic volume draws on.

Owns everything a synthetic document may say that its real source did not: the document kinds
the block pools are kept by, the span of days volumes fall in (1945–1990), how often a document
becomes an editorial note or gets another classification or post, the classifications and
caveats with their weights, the telegram precedences (kept, never drawn), the month names of
printed dates, and the posts, region titles and chapter heads volumes are made of. Data only.
"""

from __future__ import annotations

from datetime import date

KINDS = ("telegram", "memcon", "memorandum", "paper", "other")
FIRST_DAY = date(1945, 1, 3).toordinal()  # margins keep shifted local/UTC dates in range
LAST_DAY = date(1990, 12, 28).toordinal()
EDITORIAL_NOTE_RATE = 0.03
CLASSIFICATION_CHANGE_RATE = 0.4
POST_CHANGE_RATE = 0.7
CLASSIFICATIONS = {
    "Secret": 0.48,
    "Confidential": 0.24,
    "Top Secret": 0.13,
    "Limited Official Use": 0.06,
    "Unclassified": 0.09,
}
CAVEATS = {"Exdis": 0.4, "Limdis": 0.25, "Nodis": 0.2, "Noforn": 0.15}
PRECEDENCES = frozenset(
    {
        "flash",
        "immediate",
        "priority",
        "routine",
        "niact",
        "niact immediate",
        "operational immediate",
    }
)
MONTHS = (
    *("January", "February", "March", "April", "May", "June"),
    *("July", "August", "September", "October", "November", "December"),
)
MONTH_NUMBER = {name: index + 1 for index, name in enumerate(MONTHS)}
POSTS = (
    ("Embassy in France", "Paris"),
    ("Embassy in the United Kingdom", "London"),
    ("Embassy in Germany", "Bonn"),
    ("Embassy in Italy", "Rome"),
    ("Embassy in Belgium", "Brussels"),
    ("Embassy in the Netherlands", "The Hague"),
    ("Embassy in Spain", "Madrid"),
    ("Embassy in Portugal", "Lisbon"),
    ("Embassy in Greece", "Athens"),
    ("Embassy in Turkey", "Ankara"),
    ("Embassy in the Soviet Union", "Moscow"),
    ("Embassy in Poland", "Warsaw"),
    ("Embassy in Czechoslovakia", "Prague"),
    ("Embassy in Austria", "Vienna"),
    ("Embassy in Yugoslavia", "Belgrade"),
    ("Embassy in Japan", "Tokyo"),
    ("Embassy in Korea", "Seoul"),
    ("Embassy in Vietnam", "Saigon"),
    ("Embassy in Indonesia", "Djakarta"),
    ("Embassy in India", "New Delhi"),
    ("Embassy in Pakistan", "Karachi"),
    ("Embassy in Iran", "Tehran"),
    ("Embassy in Egypt", "Cairo"),
    ("Embassy in Israel", "Tel Aviv"),
    ("Embassy in Brazil", "Rio de Janeiro"),
    ("Embassy in Argentina", "Buenos Aires"),
    ("Embassy in Mexico", "Mexico City"),
    ("Embassy in Canada", "Ottawa"),
    ("Mission to the United Nations", "New York"),
)
REGIONS = (
    "Western Europe",
    "Eastern Europe",
    "Soviet Union",
    "Germany and Berlin",
    "Near East Region",
    "Arab-Israeli Dispute",
    "South Asia",
    "Southeast Asia",
    "China",
    "Japan; Korea",
    "Africa",
    "American Republics",
    "National Security Policy",
    "Foreign Economic Policy",
    "Arms Control and Disarmament",
    "United Nations",
    "Western European Integration and Security",
    "Iran; Iraq",
    "Vietnam",
    "Cuba",
)
CHAPTERS = (
    "United Kingdom",
    "France",
    "Federal Republic of Germany",
    "Italy",
    "Spain and Portugal",
    "Greece and Turkey",
    "Cyprus",
    "North Atlantic Treaty Organization",
    "European Economic Community",
    "Soviet Union",
    "Poland",
    "Czechoslovakia",
    "Yugoslavia",
    "Berlin",
    "Japan",
    "Korea",
    "Indonesia",
    "India and Pakistan",
    "Iran",
    "Egypt",
    "Israel",
    "Brazil",
    "Argentina",
    "Mexico",
    "Balance of Payments",
    "Trade Policy",
    "Nuclear Weapons Policy",
    "Foreign Assistance",
    "Regional Security Arrangements",
    "Multilateral Force",
)
