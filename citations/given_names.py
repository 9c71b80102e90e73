"""Common given names, to tell "Robert Service" (a person) from "World Bank" (an institution).

A capitalised pair such as "Robert Service" or "Chinese Wikipedia" looks like "Given Family"
to a pattern. Where a parse hangs on that (institutions as authors, web page titles), a first
word found here settles it. The list holds frequent given names of the languages our notes
are written in; names not in it are still read as names wherever the form alone says so.
"""

from __future__ import annotations

GIVEN_NAMES = frozenset(
    """
    Aaron Adam Adolf Alan Albert Alberto Alessandro Alexander Alexandre Alexei Alexis Alfred
    Alice Andrea Andreas André Andrei Andrew Andrzej Angela Anna Anne Annie Anton Antonio
    Arno Arthur August Barbara Barry Bernard Bernd Boris Brian Bruno Carl Carla Carlo Carlos
    Caroline Catherine Charles Charlotte Christian Christine Christopher Claude Claudia Claus
    Daniel David Dieter Dmitri Dmitrii Dominique Donald Dorothy Edward Elena Elisabeth
    Elizabeth Emil Emma Enrico Eric Erich Erik Ernst Eugen Eva Fabio Felix Fernand Francesco
    Franco François Frank Franz Frederick Friedrich Fritz Gabriele Georg George Georges
    Gerhard Giorgio Giovanni Giulio Giuseppe Gustav Hannah Hans Harald Harold Heinrich Heinz
    Helen Helga Helmut Henri Henry Herbert Hermann Hugo Igor Ilya Ingrid Irina Isaac Ivan
    Jacques James Jan Jane Jean Jeremy Joachim Johann Johannes John Jonathan Joseph Judith
    Julia Julian Jürgen Karin Karl Katharina Kevin Klaus Konrad Kurt Laura Leo Leon Leonid
    Lothar Louis Lucien Ludwig Luigi Lukas Manfred Marc Marcel Margaret Maria Marie Mario
    Mark Martin Mary Matthias Max Michael Michel Mikhail Natalia Nicholas Nicolas Nikolai
    Nikos Norbert Oleg Oliver Otto Pascal Paul Paolo Peter Philippe Pierre Pietro Rainer
    Ralph Reinhard Reinhart Renate Richard Robert Roberto Roger Rolf Roman Rudolf Ruth Sarah
    Sergei Sergio Sheila Simon Sophie Stefan Stephan Stephen Susan Sven Thomas Tim Ulrich
    Ursula Valentin Vadim Victor Viktor Vincent Vladimir Walter Werner Wilhelm William
    Wolfgang Yuri Anthony Caroline Natalie Lynn Lynne Gareth Keith Quentin Gábor Georgi Hugh
    Lawrence Lucette Moshe Orlando Eve Joan Judith Homi Edward Gerald Kenneth Raymond Marshall
    Benedict Clifford Perry Eugene Ernest Fernand Jacques Emmanuel Arlette Roger Maurice Giovanni
    Federico Gaetano Renzo Rosario Delio Franco Alberto Marino Ugo Gino Eduard Wilhelm Heinrich
    Hartmut Jochen Detlev Lutz Niklas Jürgen Reinhart Otto Theodor Gerhard Karl-Dietrich Anton
    Elke Martin Paul Hans-Ulrich Hans-Peter Franz-Xaver Ansgar Gøsta Armin Heinz Rainer Philipp
    Andreas Uwe Dirk Sabine Monika Gisela Ute Ingrid Alf Lutz Annette Dorothee Wolfram Volker
    Алексей Александр Андрей Борис Владимир Дмитрий Иван Михаил Николай Олег
    Сергей Юрий
    """.split()
)


def is_given_name(word: str) -> bool:
    return word in GIVEN_NAMES
