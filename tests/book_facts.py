"""The facts about the real book that the tests vouch for, in one place.

Everything else is tested on fixtures (hand-made claims, fixture articles, tables of strings), so adding an article,
a claim or an entity changes none of it. These are the few things about the five source articles we state as
true; tests/test_book_facts.py checks each against the real seeds, ledger and checks. A fact is keyed by a claim,
check or article id, never a count of the whole ledger: new data cannot break it, only a change to what it names.
"""

ARTICLES = (
    "cns-2023-07-07",
    "xinhua-2023-11-11",
    "xjdaily-2023-11-04",
    "xinhua-2022-05-30",
    "chinadaily-2025-09-18",
)

PORTS = ("alashankou", "khorgos", "baktu", "kashgar", "pamir", "urumqi", "xinjiang")

# The flagship pair data/flagship.csv names, and what its verdict sentence begins with.
FLAGSHIP_PAIR = ("kashgar-cbz-trade-2021", "kashgar-cbz-trade-jan-apr-2022")
FLAGSHIP_ENTITY_METRIC = ("kashgar-cbz", "trade_value_cny")
FLAGSHIP_SENTENCE = "No conflict: 3.7 billion yuan for 2021 and 3.8 billion yuan for Jan–Apr 2022 fit together."
FLAGSHIP_RELATION = ("kashgar-cbz-trade-jan-apr-2021-in-2021", "consistent")

# claim id: (value_low, value_high, base unit, period_start, period_end) as cleaned from the verbatim quote.
CLAIM_VALUES = {
    "kashgar-cbz-trade-2021": (3.7e9, 3.7e9, "yuan", "2021-01-01", "2021-12-31"),
    "kashgar-cbz-trade-jan-apr-2022": (3.8e9, 3.8e9, "yuan", "2022-01-01", "2022-04-30"),
    "alashankou-ecommerce-parcels-h1-2023": (14_502_400.0, 14_502_400.0, "parcels", "2023-01-01", "2023-06-30"),
}

# The damaged figures of the articles and the rule that repairs each (never read plainly).
REPAIRED_FIGURES = {
    "31,5600": "garbled_grouping",
    "1400,1": "garbled_grouping",
    "<>": "lost_digits",
    "16000,<>": "lost_digits",
    "50,<>": "lost_digits",
    "5.8-fold": "n_fold_ambiguous",
    "12 to 15": "range",
    "372": "mu_as_acres",
}
N_FOLD = ("kashgar-cbz-trade-growth-jan-apr-2022", [5.8, 6.8])
HIGH_CONFIDENCE = ("alashankou-ecommerce-parcels-h1-2023",)  # a test rules out the figure as printed
FLAGGED_BY_PLAUSIBILITY = ("xinjiang-land-border-length",)  # longer than the equator as printed

# Each dollar figure and the yuan figure it converts (printed in brackets right after it).
CONVERSIONS = {
    "kashgar-trade-usd-q1-q3-2023": "kashgar-trade-q1-q3-2023",
    "kashgar-bri-trade-usd-2013": "kashgar-bri-trade-2013",
    "kashgar-bri-trade-usd-2022": "kashgar-bri-trade-2022",
    "kashgar-foreign-trade-orders-value-usd-2023": "kashgar-foreign-trade-orders-value-2023",
    "kashgar-cbz-trade-usd-jan-apr-2022": "kashgar-cbz-trade-jan-apr-2022",
    "khorgos-ferryman-savings-usd-2024": "khorgos-ferryman-savings-2024",
}
# check id: verdict
CHECK_VERDICTS = {
    "kashgar-cbz-trade-jan-apr-2021-in-2021": "consistent",
    # the 2020 figure published by Xinhua (data/references.csv) is what the growth rate is tested against
    "kashgar-cbz-trade-2021-vs-growth": "consistent",
    "kashgar-prefecture-vs-kashgar-cbz-trade-kept-apart": "not_comparable",
    "kashgar-prefecture-bri-trade-2013-yuan-per-dollar": "consistent",
}
# Kashgar's dollar figures were converted at the rate of the publication date, not of their period.
PUBLICATION_RATE_CONVERSIONS = (
    "kashgar-prefecture-bri-trade-2013-yuan-per-dollar",
    "kashgar-prefecture-bri-trade-2022-yuan-per-dollar",
)

# Spellings of the ports in the articles and the entity each names.
ALIASES = {
    "Alashankou": "alashankou-port",
    "Alataw": "alashankou-port",
    "Alashan Port": "alashankou-port",
    "Khorgos": "khorgos-port",
    "Horgos": "khorgos-port",
    "Baktu": "baktu-port",
    "Bhaktu": "baktu-port",
    "Bakhtu": "baktu-port",
    "Kashgar comprehensive bonded zone": "kashgar-cbz",
    "Kashgar Comprehensive Bonded Zone": "kashgar-cbz",
    "Kashgar comprehensive bonded area": "kashgar-cbz",
    "China-Kazakhstan Khorgos International Border Cooperation Center": "khorgos-iccc",
}

# Kinds of page furniture the scrapes carry, each removed by its rule.
FURNITURE_RULES = (
    "spam_keywords",
    "copyright_footer",
    "registration_footer",
    "share_button",
    "prev_next_link",
    "tags",
    "site_title",
)
