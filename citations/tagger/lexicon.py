"""Word classes the labeller's features look up (lower-cased, without edge punctuation).

Closed-class words of reference styles, from the style guides of the languages sourcecheck
reads (Chicago, MLA, APA, DIN 1505-2 / German footnote usage, French typographic usage, Italian
"a cura di" usage, GOST 7.1/7.0.5): role words, volume/issue/page labels, edition words, genre
words, connectors. Open classes (given names, places) come from ``citations.given_names`` and
``citations.places``; the model learns the rest from its training data.
"""

from __future__ import annotations

def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


ROLE = _words(
    "ed ed. eds eds. edited editor editors edn hrsg hg hgg herausgegeben herausgeber dir dirigé "
    "direction éd éds édité cura curatela red ред редакцией под pod coord comp compiled "
    "trans transl translated translator übers übersetzt übersetzung trad traduit traduction "
    "tradotto traduzione traducción перевод пер introd introduced foreword besorgt"
)
IN = _words("in dans en w в im in: nel nella")
VOLUME = _words("vol vols volume volumes bd bde band bände t tome tomes tomo jg jahrgang т том vyp вып кн ч")
ISSUE = _words("no nos nr n° number numéro numero issue iss h heft fasc fascicolo fascicule № num sz")
PAGES = _words("p pp s ss pages page seiten seite с сс str pag pagg col cols")
EDITION = _words("edition édition edizione edición auflage aufl aufl. изд издание rev revised erw überarb ed.")
GENRE = _words(
    "thesis dissertation diss phd ph.d ma master's thèse tesi tesis habilitationsschrift doktorarbeit "
    "report working paper papers preprint manuscript unpublished mimeo typescript conference "
    "proceedings symposium workshop presented poster lecture software dataset data package "
    "version computer programme program blog video film interview letter"
)
JOURNAL = _words(
    "journal review revue rivista zeitschrift bulletin quarterly annals annales annali proceedings "
    "studies studi études transactions history historical historische storica historique archiv "
    "archivio archives jahrbuch yearbook magazine gazette forum science sciences research letters "
    "acta vierteljahrshefte geschichte society economic economy politics political sociology "
    "sociological anthropology philosophy literature cahiers mitteilungen blätter вопросы журнал "
    "вестник известия история исторический"
)
PUBLISHER = _words(
    "press verlag books publishing publishers publications editions éditions edizioni editore "
    "editori editorial ediciones university universitaires universitätsverlag verlagsanstalt "
    "buchhandlung company co co. inc inc. ltd ltd. gmbh brill routledge macmillan palgrave "
    "gallimard seuil einaudi laterza feltrinelli mulino suhrkamp beck dietz oldenbourg schöningh "
    "metzler gruyter campus wallstein böhlau vandenhoeck rowohlt hanser наука издательство "
    "rosspen росспэн norton penguin vintage knopf harper wiley blackwell polity verso pluto "
    "fayard flammarion puf payot maspero mondadori rizzoli carocci olms steiner kohlhammer "
    "springer elsevier sage taylor francis academic"
)
CONJ = _words("and und et e y и & with mit avec con")
ETAL = _words("al al. alii u.a. u.a др др.")
PARTICLE = _words("von van der den de di da del della des du la le zu vom zur dos das ten ter")
ACCESS = _words("accessed retrieved viewed consulted abgerufen zugriff consulté consultato consultado обращения available online url")
NOPLACE = _words("n.p. s.l. o.o. n.d. s.d. o.j.")
PLACE_WORDS = _words("ny ma ca nj il ct uk usa cambridge, mass. calif.")

MONTH_STEMS = frozenset(
    "jan janu janv febr feb fév fevr marc mär märz mars mar apri apr avri avr may mai magg mag "
    "june jun juin giug juli jul juil lugl augu aug août agos ago sept sep sett octo oct okto okt "
    "otto nove nov dece dec dez déce déc dice dic janv ener ene febr marz abri abr mayo juni "
    "juli agos sept octu novi dici янв фев мар апр мая май июн июл авг сен окт ноя дек".split()
)

#: (feature name, words) for every closed class.
WORD_CLASSES: tuple[tuple[str, frozenset[str]], ...] = (
    ("role", ROLE),
    ("in", IN),
    ("vol", VOLUME),
    ("iss", ISSUE),
    ("pp", PAGES),
    ("edn", EDITION),
    ("genre", GENRE),
    ("jour", JOURNAL),
    ("pub", PUBLISHER),
    ("conj", CONJ),
    ("etal", ETAL),
    ("part", PARTICLE),
    ("acc", ACCESS),
    ("nopl", NOPLACE),
)
