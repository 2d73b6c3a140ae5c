"""French number vocabulary: number words, scale words and collective nouns (une dizaine, des milliers)."""

# Words text2num can add up ("deux cent cinquante", "quatre-vingt-dix"); "et" joins "vingt et un".
NUMBER_WORDS = (
    "zéro un une deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize "
    "vingt vingts trente quarante cinquante soixante cent cents mille"
).split()
NUMBER_JOINERS = ("et",)

# Words that are a numeral only when a scale follows ("un million"); alone they are articles.
ARTICLE_NUMBERS = {"un", "une"}

# Number words that are also adjectives ("un bâtiment neuf"): kept only when not tagged ADJ.
AMBIGUOUS_WORDS = {"neuf"}

# Multipliers written after a number ("1,5 milliard", "3 millions").
SCALES = {
    "million": 1e6,
    "millions": 1e6,
    "milliard": 1e9,
    "milliards": 1e9,
    "mds": 1e9,
    "md": 1e9,
    # Swiss abbreviations: "1,5 mio de francs", "2 mrd"
    "mio": 1e6,
    "mios": 1e6,
    "mrd": 1e9,
    "mrds": 1e9,
    # only after a currency symbol ("$40m", "£5k"); "30m" alone is thirty metres
    "m": 1e6,
    "k": 1e3,
    "billion": 1e12,
    "billions": 1e12,
    "mille": 1e3,
}

# Approximate collectives: noun -> (n, spread). "une dizaine" is 0.8n-1.2n, "un millier" 0.9n-1.1n.
COLLECTIVES = {
    "dizaine": (10, 0.2),
    "douzaine": (12, 0.2),
    "quinzaine": (15, 0.2),
    "vingtaine": (20, 0.2),
    "trentaine": (30, 0.2),
    "quarantaine": (40, 0.2),
    "cinquantaine": (50, 0.2),
    "soixantaine": (60, 0.2),
    "centaine": (100, 0.2),
    "millier": (1000, 0.1),
}

# Vague plurals: "des dizaines" 20-90, "des centaines" 200-900, "des milliers" 2000-9999.
VAGUE_COLLECTIVES = {
    "dizaines": (20, 90),
    "douzaines": (24, 108),
    "centaines": (200, 900),
    "milliers": (2000, 9999),
    "millions": (2e6, 9_999_999),
    "milliards": (2e9, 9_999_999_999),
}
# Determiners that make a plural collective vague ("quelques dizaines", "plusieurs milliers").
VAGUE_DETERMINERS = ("quelques", "des", "plusieurs", "de nombreuses", "de nombreux", "nombreuses", "les")
# "quelques milliers" is two to nine thousand (2000-9000), where "des milliers" runs to 9999.
FEW_DETERMINERS = {"quelques"}
# A fraction of a scale word: "un demi-million", "un demi milliard" (regex, factor).
SCALE_FRACTIONS = ((r"(?:une?[\s\u00a0\u202f]+)?demi[\s\u00a0\u202f-]*", 0.5),)
# Half added after a scale word: "deux millions et demi".
AND_HALF = r"[\s\u00a0\u202f]+et[\s\u00a0\u202f]+demie?(?![\w])"
# Number words that multiply what precedes them: "deux à trois cents" is 200-300.
WORD_SCALES = {"cent": 100, "cents": 100, "mille": 1000}
# Second collective multiplying the first ("des dizaines de milliers").
COLLECTIVE_MULTIPLIERS = {"milliers": 1e3, "millions": 1e6, "milliards": 1e9}
COLLECTIVE_LINK = "de"

# Digit grammar: thousands separators (space, no-break, narrow no-break, dot) and the decimal comma.
THOUSANDS_SEPARATORS = " \u00a0\u202f."
DECIMAL_MARK = ","
