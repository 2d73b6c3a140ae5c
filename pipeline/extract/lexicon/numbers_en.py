"""English number vocabulary: number words, scale words and collective nouns (dozens, thousands)."""

NUMBER_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand"
).split()
NUMBER_JOINERS = ("and",)

ARTICLE_NUMBERS = {"a", "an", "one"}

AMBIGUOUS_WORDS: set[str] = set()

SCALES = {
    "hundred": 1e2,
    "thousand": 1e3,
    "million": 1e6,
    "millions": 1e6,
    "billion": 1e9,
    "billions": 1e9,
    "trillion": 1e12,
    "bn": 1e9,
    "bln": 1e9,
    "mln": 1e6,
    "trln": 1e12,
    # South Asian copy: "Rs 500 crore", "2 lakh"
    "crore": 1e7,
    "crores": 1e7,
    "lakh": 1e5,
    "lakhs": 1e5,
    "mn": 1e6,
    # only after a currency symbol ("$40m", "£5k"); "30m" alone is thirty metres
    "m": 1e6,
    "k": 1e3,
}

# "a dozen" is approximate, like French "une douzaine".
COLLECTIVES = {"dozen": (12, 0.2)}

VAGUE_COLLECTIVES = {
    "tens": (20, 90),
    "dozens": (24, 108),
    "hundreds": (200, 900),
    "thousands": (2000, 9999),
    "millions": (2e6, 9_999_999),
    "billions": (2e9, 9_999_999_999),
    # "several hundred", "a few thousand"
    "hundred": (200, 900),
    "thousand": (2000, 9999),
    "million": (2e6, 9_999_999),
    "dozen": (24, 108),
}
VAGUE_DETERMINERS = ("several", "a few", "many", "some", "a couple of")
# "a few thousand" is two to nine thousand (2000-9000), like French "quelques milliers".
FEW_DETERMINERS = {"a few"}
_S = r"[\s\u00a0\u202f]"
SCALE_FRACTIONS = (
    (rf"(?:a{_S}+)?half{_S}+an?{_S}+|a{_S}+half{_S}+", 0.5),
    (rf"(?:a{_S}+)?quarter{_S}+of{_S}+an?{_S}+", 0.25),
    (rf"three[\s\u00a0\u202f-]+quarters{_S}+of{_S}+an?{_S}+", 0.75),
)
AND_HALF = rf"{_S}+and{_S}+a{_S}+half(?![\w])"
WORD_SCALES = {"hundred": 100, "thousand": 1000}
# Singular forms are vague only after one of these ("several hundred"), never alone.
VAGUE_SINGULAR_NEEDS_DETERMINER = {"hundred", "thousand", "million", "dozen"}
# Singular forms too: copy writes "hundreds of million of dollars".
COLLECTIVE_MULTIPLIERS = {
    "thousands": 1e3,
    "millions": 1e6,
    "billions": 1e9,
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
}
COLLECTIVE_LINK = "of"

THOUSANDS_SEPARATORS = ","
DECIMAL_MARK = "."
