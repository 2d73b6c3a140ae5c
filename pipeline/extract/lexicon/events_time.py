"""Calendar words for date resolution: weekdays, months and relative day expressions (French, English)."""

# Monday is 0, as in `datetime.date.weekday()`.
WEEKDAYS = {
    "fr": {"lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6},
    "en": {
        "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
        "mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4, "sat": 5, "sun": 6,
    },
}

# Full names and the abbreviations wire services use in datelines ("7 janv.", "Jan 7").
MONTHS = {
    "fr": {
        "janvier": 1, "janv": 1, "février": 2, "fevrier": 2, "févr": 2, "fevr": 2, "fév": 2, "mars": 3,
        "avril": 4, "avr": 4, "mai": 5, "juin": 6, "juillet": 7, "juil": 7, "août": 8, "aout": 8,
        "septembre": 9, "sept": 9, "octobre": 10, "oct": 10, "novembre": 11, "nov": 11,
        "décembre": 12, "decembre": 12, "déc": 12, "dec": 12,
    },
    "en": {
        "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
        "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
        "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
    },
}

# Relative day words: offset in days from the anchor date.
RELATIVE_DAYS = {
    "fr": {"aujourd'hui": 0, "aujourd’hui": 0, "ce matin": 0, "ce soir": 0, "cet après-midi": 0,
           "hier": -1, "avant-hier": -2},
    "en": {"today": 0, "this morning": 0, "this afternoon": 0, "tonight": 0, "yesterday": -1},
}

# Words after a weekday that move it to the previous or next week ("lundi dernier", "next Monday").
PAST_MARKERS = {"fr": ("dernier",), "en": ("last",)}
FUTURE_MARKERS = {"fr": ("prochain",), "en": ("next",)}
