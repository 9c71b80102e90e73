"""The archival grammar: real-world reference forms → repository, fond, opis, delo, folios, verso.

Each row is a form found in historians' footnotes (Latin abbreviations, spelled-out levels,
Cyrillic, GOST style with full stops, the Comintern slash shorthand, German call numbers),
with the structured reference it must give.
"""

from __future__ import annotations

import pytest

from citations.archival import (
    archival_csl,
    find_archival,
    folio_ranges,
    parse_archival,
    transliterate_id,
)
from citations.model import ArchivalRef

# (text, repository, fond, opis, delo, folios, verso)
FORMS = [
    # Latin abbreviations, commas
    ("RGASPI, f. 495, op. 18, d. 213, ll. 6–7", "RGASPI", "495", "18", "213", "6–7", False),
    ("RGASPI f. 495, op. 18, d. 213, l. 6–7", "RGASPI", "495", "18", "213", "6–7", False),
    ("RGASPI f. 496, op. 1, d. 2, l. 29–96", "RGASPI", "496", "1", "2", "29–96", False),
    ("RGASPI, f. 17, op. 3, d. 900, l. 1", "RGASPI", "17", "3", "900", "1", False),
    ("RGASPI, f. 17, op. 162, d. 21, ll. 37-38", "RGASPI", "17", "162", "21", "37–38", False),
    ("RGASPI, f. 558, op. 11, d. 65, l. 1", "RGASPI", "558", "11", "65", "1", False),
    ("RGASPI, f. 533, op. 10, d. 1950, l. 12", "RGASPI", "533", "10", "1950", "12", False),
    ("GARF, f. 1235, op.1, d. 16, ll. 5-7ob.", "GARF", "1235", "1", "16", "5–7", True),
    ("GARF f. 10035, op. 1, d. P-54560", "GARF", "10035", "1", "P-54560", None, False),
    ("GARF, f. R-9401, op. 2, d. 64, ll. 12, 15–17", "GARF", "R-9401", "2", "64", "12, 15–17", False),
    ("GARF, f. R-5446, op. 1v, d. 12, l. 86ob.", "GARF", "R-5446", "1v", "12", "86", True),
    ("GARF f. 8131, op. 37, d. 145, l. 3 ob.", "GARF", "8131", "37", "145", "3", True),
    ("GA RF, f. R-9401, op. 1a, d. 17, l. 4", "GARF", "R-9401", "1a", "17", "4", False),
    ("RGANI, f. 89, op. 73, d. 1, l. 10", "RGANI", "89", "73", "1", "10", False),
    ("RGAE, f. 4372, op. 92, d. 190, l. 7", "RGAE", "4372", "92", "190", "7", False),
    ("RGVA, f. 33987, op. 3, d. 1110, ll. 14-16", "RGVA", "33987", "3", "1110", "14–16", False),
    ("RGALI, f. 631, op. 15, d. 412, l. 2 ob.", "RGALI", "631", "15", "412", "2", True),
    ("RGIA, f. 1405, op. 521, d. 476, ll. 3–5", "RGIA", "1405", "521", "476", "3–5", False),
    ("RGADA, f. 248, op. 1, d. 1, l. 12", "RGADA", "248", "1", "1", "12", False),
    ("RGVIA, f. 2000, op. 1, d. 6493, l. 34", "RGVIA", "2000", "1", "6493", "34", False),
    ("AP RF, f. 3, op. 58, d. 212, l. 55", "AP RF", "3", "58", "212", "55", False),
    ("APRF, f. 45, op. 1, d. 171, l. 59", "AP RF", "45", "1", "171", "59", False),
    ("TsA FSB, f. 3-os, op. 4, d. 170, l. 7", "TsA FSB", "3-os", "4", "170", "7", False),
    ("TsAMO, f. 500, op. 12462, d. 88, l. 12", "TsAMO", "500", "12462", "88", "12", False),
    ("AVP RF, f. 06, op. 1, p. 2, d. 15, l. 6", "AVP RF", "06", "1", "15", "6", False),
    ("RTsKhIDNI, f. 495, op. 74, d. 124, l. 2", "RGASPI", "495", "74", "124", "2", False),
    ("TsKhSD, f. 5, op. 30, d. 1, l. 4", "RGANI", "5", "30", "1", "4", False),
    ("TsGAOR SSSR, f. 5446, op. 1, d. 30, l. 1", "GARF", "5446", "1", "30", "1", False),
    # no separators, or odd spacing
    ("RGASPI f.495 op.18 d.213 l.6", "RGASPI", "495", "18", "213", "6", False),
    ("RGASPI f.495, op.18, d.213, ll.6-7", "RGASPI", "495", "18", "213", "6–7", False),
    ("RGASPI, f. 495 op. 74 d. 124 l. 12", "RGASPI", "495", "74", "124", "12", False),
    ("RGASPI: f. 495, op. 18, d. 213", "RGASPI", "495", "18", "213", None, False),
    ("RGASPI. f. 495. op. 18. d. 213. l. 6.", "RGASPI", "495", "18", "213", "6", False),
    ("RGASPI, F. 495, Op. 18, D. 213, L. 6", "RGASPI", "495", "18", "213", "6", False),
    ("RGASPI, f. 495, o. 18, d. 213, l. 6", "RGASPI", "495", "18", "213", "6", False),
    ("RGASPI f. 495, op. 18, d. 213, l. 7ob.–8", "RGASPI", "495", "18", "213", "7 ob.–8", False),
    ("GARF, f. 1235, op. 1, ed. khr. 16, l. 5", "GARF", "1235", "1", "16", "5", False),
    ("RGASPI, f. 17, op. 3, d. 900, t. 2, l. 14", "RGASPI", "17", "3", "900", "14", False),
    ("RGASPI f. 495, op. 18, d. 213, fols. 6–7", "RGASPI", "495", "18", "213", "6–7", False),
    ("RGASPI, f. 495, op. 18, d. 213, l. 6v", "RGASPI", "495", "18", "213", "6", True),
    # spelled out
    ("Russian State Archive of Socio-Political History (RGASPI), fond 495, opis 18, delo 213, list 6–7",
     "RGASPI", "495", "18", "213", "6–7", False),
    ("RGASPI, fond 495, opis' 74, delo 124, listy 12–15", "RGASPI", "495", "74", "124", "12–15", False),
    ("RGASPI, fond 495, opis’ 74, delo 124, list 12", "RGASPI", "495", "74", "124", "12", False),
    ("State Archive of the Russian Federation (GARF), f. 10035, op. 1, d. P-54560",
     "GARF", "10035", "1", "P-54560", None, False),
    ("State Archive of the Russian Federation, fond R-9401, opis 2, delo 64",
     "GARF", "R-9401", "2", "64", None, False),
    ("Rossiiskii gosudarstvennyi arkhiv sotsial'no-politicheskoi istorii (RGASPI), f. 17, op. 3, d. 1, l. 1",
     "RGASPI", "17", "3", "1", "1", False),
    ("Russian State Military Archive (RGVA), f. 1, op. 2, d. 3, l. 4", "RGVA", "1", "2", "3", "4", False),
    ("Archive of the President of the Russian Federation, f. 3, op. 24, d. 415, l. 1",
     "AP RF", "3", "24", "415", "1", False),
    ("RGASPI, Moscow, f. 495, op. 18, d. 213", "RGASPI", "495", "18", "213", None, False),
    # Cyrillic and GOST
    ("РГАСПИ. Ф. 495. Оп. 18. Д. 213. Л. 6–7.", "RGASPI", "495", "18", "213", "6–7", False),
    ("РГАСПИ, ф. 495, оп. 18, д. 213, лл. 6-7", "RGASPI", "495", "18", "213", "6–7", False),
    ("ГАРФ. Ф. Р-5446. Оп. 1в. Д. 12. Л. 86об.", "GARF", "R-5446", "1v", "12", "86", True),
    ("ГАРФ. Ф. 10035. Оп. 1. Д. П-54560.", "GARF", "10035", "1", "P-54560", None, False),
    ("ГА РФ. Ф. Р-9401. Оп. 2. Д. 64. Л. 1об.", "GARF", "R-9401", "2", "64", "1", True),
    ("ЦА ФСБ России. Ф. 3-ос. Оп. 4. Д. 170. Л. 7.", "TsA FSB", "3-os", "4", "170", "7", False),
    ("РГАНИ. Ф. 89. Оп. 73. Д. 1. Л. 10–12.", "RGANI", "89", "73", "1", "10–12", False),
    ("РГВА. Ф. 33987. Оп. 3. Д. 1110. Л. 17 об.", "RGVA", "33987", "3", "1110", "17", True),
    ("АП РФ. Ф. 3. Оп. 58. Д. 212. Л. 55–57.", "AP RF", "3", "58", "212", "55–57", False),
    ("РГАСПИ. Ф. 17. Оп. 3. Д. 900. Лл. 3, 5–7.", "RGASPI", "17", "3", "900", "3, 5–7", False),
    ("Российский государственный архив социально-политической истории (РГАСПИ). Ф. 495. Оп. 74. Д. 124.",
     "RGASPI", "495", "74", "124", None, False),
    ("РГАСПИ, фонд 495, опись 18, дело 213, лист 6", "RGASPI", "495", "18", "213", "6", False),
    ("РГАЭ. Ф. 4372. Оп. 92. Д. 190. Л. 7", "RGAE", "4372", "92", "190", "7", False),
    ("ГАРФ. Ф. 1235. Оп. 1. Ед. хр. 16. Л. 5", "GARF", "1235", "1", "16", "5", False),
    ("ГАРФ. Ф. Р-8131. Оп. 37. Д. 145. Т. 2. Л. 3", "GARF", "R-8131", "37", "145", "3", False),
    # slash shorthand
    ("RGASPI 495/74/124", "RGASPI", "495", "74", "124", None, False),
    ("RGASPI, 495/74/124, 12–15", "RGASPI", "495", "74", "124", "12–15", False),
    ("RGASPI 495/18/213, l. 6", "RGASPI", "495", "18", "213", "6", False),
    ("RGASPI 17/162/9: 54-55", "RGASPI", "17", "162", "9", "54–55", False),
    ("RGASPI 533/10/1950/12", "RGASPI", "533", "10", "1950", "12", False),
    ("RTsKhIDNI 495/10a/1", "RGASPI", "495", "10a", "1", None, False),
    ("RGASPI, 495, 74, 124, 12–15", "RGASPI", "495", "74", "124", "12–15", False),
    ("RGASPI 495 / 74 / 124", "RGASPI", "495", "74", "124", None, False),
    ("RGVA, f. 1458k, op. 1, d. 1, l. 3", "RGVA", "1458k", "1", "1", "3", False),
    ("GARF, f. 10035, op. 1, d. п-54560", "GARF", "10035", "1", "P-54560", None, False),
    ("GARF f. R9401 op. 2 d. 64", "GARF", "R-9401", "2", "64", None, False),
    ("Tsentral'nyi arkhiv FSB, f. 3-os, op. 4, d. 170", "TsA FSB", "3-os", "4", "170", None, False),
    ("RGASPI, collection 495, inventory 18, file 213, pages 6-7", "RGASPI", "495", "18", "213", "6–7", False),
    ("Rossiiskii gosudarstvennyi arkhiv sotsial’no-politicheskoi istorii, f. 495, op. 18, d. 213",
     "RGASPI", "495", "18", "213", None, False),
    ("RGASPI f. 558, op. 11, d. 65, ll. 1–1ob.", "RGASPI", "558", "11", "65", "1–1", True),
    ("RGASPI, f. 17, op. 3, d. 900, ll. 1-3, 5ob., 7", "RGASPI", "17", "3", "900", "1–3, 5 ob., 7", False),
    ("ЦА ФСБ РФ. Ф. 3-ос. Оп. 4. Д. 170. Л. 7об.", "TsA FSB", "3-os", "4", "170", "7", True),
    ("РГАСПИ 495/18/213", "RGASPI", "495", "18", "213", None, False),
    ("RGANI, f. 3, op. 14, d. 1, l. 2—3", "RGANI", "3", "14", "1", "2–3", False),
    ("RGASPI, f. M-1, op. 23, d. 1, l. 4", "RGASPI", "M-1", "23", "1", "4", False),
    ("GARF, f. A-259, op. 1, d. 2, l. 3", "GARF", "A-259", "1", "2", "3", False),
    ("ГАРФ. Ф. А-259. Оп. 1. Д. 2.", "GARF", "A-259", "1", "2", None, False),
    ("RGASPI (Moscow), f. 495, op. 18, d. 213", "RGASPI", "495", "18", "213", None, False),
    ("RGASPI, f. 495, op. 18, dd. 213–215", "RGASPI", "495", "18", "213–215", None, False),
    ("RGASPI, Fond 495, Opis 18, Delo 213, List 6", "RGASPI", "495", "18", "213", "6", False),
    ("RGASPI, fond 495, inventory 18, file 213, sheet 6", "RGASPI", "495", "18", "213", "6", False),
    ("RGASPI, f. 495, op. 18, d. 213, p. 6", "RGASPI", "495", "18", "213", "6", False),
    ("RGASPI f 495 op 18 d 213 l 6", "RGASPI", "495", "18", "213", "6", False),
    ("RGASPI, f. 17, op. 3, d. 900, l. 12–12ob.", "RGASPI", "17", "3", "900", "12–12", True),
    ("RGASPI, f. 495, op. 18, d. 213, l. 6 ob.–7", "RGASPI", "495", "18", "213", "6 ob.–7", False),
    ("Russian Centre for the Preservation and Study of Documents of Recent History (RTsKhIDNI), f. 495, op. 1, d. 2",
     "RGASPI", "495", "1", "2", None, False),
]

# German (Bestand/Signatur, Blatt) and Polish (zespół, sygnatura, karta) call numbers:
# (text, repository, fond = Bestand/zespół, delo = file/sygnatura, folios, canonical)
CALL_NUMBERS = [
    ("SAPMO-BArch, RY 1/I 2/3/45, Bl. 12–15", "SAPMO-BArch", "RY 1", "I 2/3/45", "12–15",
     "SAPMO-BArch RY 1/I 2/3/45, Bl. 12–15"),
    ("SAPMO-BArch, DY 30/IV 2/2/123", "SAPMO-BArch", "DY 30", "IV 2/2/123", None,
     "SAPMO-BArch DY 30/IV 2/2/123"),
    ("SAPMO-BArch, NY 4036/500, Bl. 3", "SAPMO-BArch", "NY 4036", "500", "3",
     "SAPMO-BArch NY 4036/500, Bl. 3"),
    ("SAPMO-BArch DY 30/J IV 2/2/123, Bl. 5", "SAPMO-BArch", "DY 30", "J IV 2/2/123", "5",
     "SAPMO-BArch DY 30/J IV 2/2/123, Bl. 5"),
    ("BArch R 58/123", "BArch", "R 58", "123", None, "BArch R 58/123"),
    ("SAPMO-BArch, DY 30/IV 2/9.01/12, Bl. 3", "SAPMO-BArch", "DY 30", "IV 2/9.01/12", "3",
     "SAPMO-BArch DY 30/IV 2/9.01/12, Bl. 3"),
    ("BArch, NS 19/1234", "BArch", "NS 19", "1234", None, "BArch NS 19/1234"),
    ("Bundesarchiv, R 43 II/1234, Bl. 7-9", "BArch", "R 43 II", "1234", "7–9", "BArch R 43 II/1234, Bl. 7–9"),
    ("AAN, KC PZPR, sygn. 237/V-1, k. 12", "AAN", "KC PZPR", "237/V-1", "12", "AAN KC PZPR, sygn. 237/V-1, k. 12"),
    ("AAN, zesp. 1354, sygn. 12, t. 2, k. 3–5", "AAN", "1354", "12", "3–5", "AAN zesp. 1354, sygn. 12, t. 2, k. 3–5"),
    ("Archiwum Akt Nowych (AAN), KPP, 158/VI-1, k. 3-4", "AAN", "KPP", "158/VI-1", "3–4",
     "AAN KPP, sygn. 158/VI-1, k. 3–4"),
]


def test_the_table_holds_at_least_sixty_forms() -> None:
    assert len(FORMS) + len(CALL_NUMBERS) >= 60


@pytest.mark.parametrize("text, repository, fond, opis, delo, folios, verso", FORMS)
def test_reference_form_parses_into_its_levels(
    text: str, repository: str, fond: str, opis: str, delo: str, folios: str | None, verso: bool
) -> None:
    ref = parse_archival(text)
    assert ref is not None, text
    assert (ref.repository, ref.fond, ref.opis, ref.delo, ref.folios, ref.verso) == (
        repository, fond, opis, delo, folios, verso,
    )


@pytest.mark.parametrize("text, repository, fond, delo, folios, canonical", CALL_NUMBERS)
def test_call_number_parses_into_collection_and_file(
    text: str, repository: str, fond: str, delo: str, folios: str | None, canonical: str
) -> None:
    ref = parse_archival(text)
    assert ref is not None, text
    assert (ref.repository, ref.fond, ref.delo, ref.folios) == (repository, fond, delo, folios)
    assert ref.canonical() == canonical


@pytest.mark.parametrize(
    "text, canonical",
    [
        ("RGASPI, f. 495, op. 18, d. 213, l. 6–7", "RGASPI f. 495, op. 18, d. 213, ll. 6–7"),
        ("РГАСПИ. Ф. 495. Оп. 18. Д. 213. Л. 6.", "RGASPI f. 495, op. 18, d. 213, l. 6"),
        ("GARF, f. 1235, op.1, d. 16, ll. 5-7ob.", "GARF f. 1235, op. 1, d. 16, ll. 5–7 ob."),
        ("ГАРФ. Ф. Р-5446. Оп. 1в. Д. 12. Л. 86об.", "GARF f. R-5446, op. 1v, d. 12, l. 86 ob."),
        ("RGASPI f. 17, op. 3, d. 900, l. 7ob.–8", "RGASPI f. 17, op. 3, d. 900, ll. 7 ob.–8"),
        ("GARF f. R-9401, op. 2, d. 64, ll. 12,15-17", "GARF f. R-9401, op. 2, d. 64, ll. 12, 15–17"),
        ("RGASPI, 495/74/124, 12–15", "RGASPI f. 495, op. 74, d. 124, ll. 12–15"),
        ("ГАРФ. Ф. Р-8131. Оп. 37. Д. 145. Т. 2. Л. 3", "GARF f. R-8131, op. 37, d. 145, t. 2, l. 3"),
    ],
)
def test_canonical_form_uses_latin_abbreviations_and_en_dashes(text: str, canonical: str) -> None:
    ref = parse_archival(text)
    assert ref is not None
    assert ref.canonical() == canonical


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Ibid., p. 52.",
        "Hermann Weber, Die Wandlung des deutschen Kommunismus, Frankfurt 1969, pp. 12 f.",
        "RGASPI is the former Central Party Archive.",
        "See the file in RGASPI and elsewhere",
        "RGASPI f. 495, op. 18, d. 213, l. 6; and much more",  # a reference, but not the whole text
    ],
)
def test_text_that_is_not_one_whole_reference_gives_none(text: str) -> None:
    assert parse_archival(text) is None


@pytest.mark.parametrize(
    "value, expected",
    [("Р-5446", "R-5446"), ("П-54560", "P-54560"), ("3-ос", "3-os"), ("1в", "1v"), ("А-259", "A-259"),
     ("R–9401", "R-9401"), ("495", "495")],
)
def test_cyrillic_identifiers_are_transliterated(value: str, expected: str) -> None:
    assert transliterate_id(value) == expected


def test_tom_and_chast_are_kept() -> None:
    ref = parse_archival("RGASPI, f. 17, op. 3, d. 900, t. 2, ch. 1, l. 14")
    assert ref is not None
    assert (ref.tom, ref.chast, ref.folios) == ("2", "1", "14")
    assert ref.canonical() == "RGASPI f. 17, op. 3, d. 900, t. 2, ch. 1, l. 14"


def test_csl_item_is_a_manuscript_with_archive_location_place_and_description() -> None:
    text = "State Archive of the Russian Federation (GARF), f. 10035, op. 1, d. P-54560 (NKVD file of Georgi Bendas)"
    [match] = find_archival(text)
    assert archival_csl(match) == {
        "type": "manuscript",
        "archive": "GARF",
        "archive_location": "f. 10035, op. 1, d. P-54560",
        "archive-place": "Moscow",
        "title": "NKVD file of Georgi Bendas",
    }


def test_csl_item_of_an_unknown_archive_has_no_place() -> None:
    csl = archival_csl(ArchivalRef("XYZ", "1", "2", "3"))
    assert csl == {"type": "manuscript", "archive": "XYZ", "archive_location": "f. 1, op. 2, d. 3"}


@pytest.mark.parametrize(
    "folios, verso, expected",
    [
        ("6–7", False, [((6, False), (7, False))]),
        ("12, 15–17", False, [((12, False), (12, False)), ((15, False), (17, False))]),
        ("5–7", True, [((5, False), (7, True))]),
        ("86", True, [((86, True), (86, True))]),
        ("7 ob.–8", False, [((7, True), (8, False))]),
        ("17–12", False, [((17, False), (12, False))]),
        (None, False, []),
    ],
)
def test_folio_ranges_read_sheets_and_versos(folios, verso, expected) -> None:  # type: ignore[no-untyped-def]
    assert folio_ranges(folios, verso) == expected
