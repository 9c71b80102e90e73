"""Common places of publication, for the reference forms where nothing else marks a place.

"Berlin 2001", "Torino 1976", "…, Frankfurt a. M." (year given elsewhere): a capitalised word
before a year is usually a place, but can also end a title ("Stalin und die Deutschen 2006"
is rare, "Moskau 1937" in a title is not). Where the form alone cannot tell, a place found in
this list decides. The list holds the towns that scholarly publishing concentrates in, in the
spellings notes use (English, German, French, Italian, Russian transliterated and Cyrillic).
"""

from __future__ import annotations

import re

PLACES = frozenset(
    word.replace("_", " ")
    for word in """
    Amsterdam Ann_Arbor Athens Athen Athina Αθήνα Baltimore Bari Barcelona Basel Basingstoke
    Beijing Belgrade Beograd Berkeley Berlin Bern Bielefeld Bloomington Bologna Bonn Boston
    Boulder Bratislava Bremen Brno Brussels Bruxelles Brüssel Bucharest Bucureşti Budapest
    Buenos_Aires Cambridge Chapel_Hill Chicago Cluj Cologne Köln Copenhagen København Darmstadt
    DeKalb Dresden Dublin Durham Düsseldorf Edinburgh Erlangen Essen Evanston Firenze Florence
    Frankfurt Freiburg Gdańsk Genève Geneva Genf Genova Gießen Giessen Göttingen Graz Halle
    Hamburg Hannover Hanover Harmondsworth Heidelberg Helsinki Hildesheim Houndmills Innsbruck
    Ithaca Jena Jerusalem Karlsruhe Kassel Kiel Kiev Kyiv Київ Киев Kraków Krakow Lausanne
    Leiden Leipzig Leningrad Ленинград Lisboa Lisbon Ljubljana London Los_Angeles Louvain
    Lund Lyon Madison Madrid Mainz Manchester Mannheim Marburg Melbourne Milano Milan Minsk
    Montreal Montréal Moscow Moskva Moskau Moscou Mosca Москва München Munich Münster Napoli
    Naples New_Brunswick New_Haven New_York Newcastle Norman Nürnberg Oak_Park Odessa Opladen
    Osnabrück Oslo Ottawa Oxford Padova Padua Palermo Paderborn Paris Petrograd Петроград Pisa
    Pittsburgh Potsdam Prague Praha Prag Princeton Providence Regensburg Riga Rīga Roma Rome
    Rom Rostock Rotterdam Saarbrücken Salzburg San_Francisco Sankt-Peterburg Santiago Sofia
    Sofiia София St._Petersburg Sankt_Petersburg Санкт-Петербург СПб. Stanford Stockholm
    Strasbourg Stuttgart Sydney Tallinn Tartu Tbilisi Thessaloniki Tokyo Torino Turin
    Toronto Toulouse Trier Tübingen Ulm Uppsala Urbana Utrecht Vancouver Venezia Venice
    Verona Vienna Wien Vilnius Warsaw Warszawa Washington Weimar Weinheim Westport Wiesbaden
    Wrocław Würzburg Zagreb Zürich Zurich М. Л. M. L.
    """.split()
)
_STRIP = re.compile(r"\s*(?:\(.*?\)|a\.\s?M\.?|am\s+Main|an\s+der\s+\w+|/M\.?|i\.\s?Br\.|im\s+Breisgau|/Main|,\s*[A-Z]{2}|,\s*Mass\.|,\s*Calif\.)\s*$")


def is_known_place(text: str) -> bool:
    """True when every place in ``text`` ("Berlin/Boston", "Venezia-Roma", "Frankfurt a. M.") is listed."""
    parts = re.split(r"\s*(?:/|–|;|,(?=\s*[A-ZÄÖÜ][a-zäöü])|\band\b|&|\bu\.|\bund\b|\bet\b|\be\b|-(?=[A-ZÄÖÜ]))\s*", text.strip())
    found = False
    for part in parts:
        part = _STRIP.sub("", part).strip(" ,")
        if not part:
            continue
        if part not in PLACES:
            return False
        found = True
    return found
