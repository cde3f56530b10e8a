#!/usr/bin/env python3
"""gen-demo.py -- generate uplift's bundled demo data (assets/demo/*.csv).

Everything in the output is fictional: a corner shop ("Corner Store") and a
small hotel ("Riverside Hotel"), written in uplift's own CSV format (see
tools/../assets/demo/README.md).  The generator uses the Python 3 standard
library only and a fixed random seed, so the same script always writes the
same bytes.  Before writing, it reads its own output back and checks it
(keys unique and referenced keys present, money with at most two decimals,
valid EAN-13 check digits, no room type overbooked on any night, every
benefit translated into Bengali and Gujarati in its own script, ...);
any failed check aborts without writing anything.

    python3 tools/gen-demo.py            # (re)write assets/demo/*.csv
    python3 tools/gen-demo.py --check    # exit 1 if the committed files differ
    python3 tools/gen-demo.py --out DIR  # write somewhere else
"""

import argparse
import csv
import datetime as dt
import io
import os
import random
import re
import sys
import unicodedata

SEED = 20261123
D = dt.date
DAY = dt.timedelta(days=1)

SHOP_FIRST = D(2025, 11, 20)    # first day of the order history
SHOP_LAST = D(2026, 11, 20)     # last day of the order history
TODAY = D(2026, 11, 23)         # the demo's "today" (front desk, refills due)
CLOSED = ((12, 25), (1, 1))     # the shop is shut on these days
OPEN_MIN, CLOSE_MIN = 8 * 60, 20 * 60   # opening hours 08:00-20:00

HOTEL = "Riverside Hotel"
HOTEL_FIRST = D(2026, 11, 10)   # first arrival
HOTEL_LAST = D(2026, 12, 20)    # last arrival; occupancy is checked up to here
OCC_MIN, OCC_MAX = 0.60, 0.90

WINTER = ("10-15", "02-28")
SUMMER = ("04-01", "08-31")

# --------------------------------------------------------------------------
# Catalogue: tools/demo-catalogue.tsv, one item a line (its header says
# how), read into tuples (sku, name, category, family, tier, brand_tier,
# price, stock, season, refill_days, benefit).  Prices in pence; stock None
# means "not tracked", family None means a stand-alone item.

CATALOGUE = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                         "demo-catalogue.tsv")
CATALOGUE_COLUMNS = ["sku", "name", "category", "family", "tier",
                     "brand_tier", "price", "stock", "season", "refill_days",
                     "benefit"]
SEASONS = {"": None, "winter": WINTER, "summer": SUMMER}


def load_items(path=CATALOGUE):
    def num(s):
        return int(s) if s != "" else None
    with open(path, encoding="utf-8", newline="") as f:
        rows = [line.rstrip("\n").split("\t") for line in f
                if not line.startswith("#")]
    assert rows and rows[0] == CATALOGUE_COLUMNS, "%s: bad header" % path
    items = []
    for r in rows[1:]:
        assert len(r) == len(CATALOGUE_COLUMNS), "%s: %r" % (path, r)
        sku, name, cat, fam, tier, brand, price, stock, season, refill, \
            benefit = r
        items.append((sku, name, cat, fam or None, num(tier), int(brand),
                      int(price), num(stock), SEASONS[season], num(refill),
                      benefit))
    return items


ITEMS = load_items()

# The big items' plans for Gen.add_big_item(): (ladder, attach).
PHONE = ([("PH-NOVA-A15", 0.45), ("PH-NOVA-A25", 0.80), ("PH-NOVA-A35", None)],
         [("case", 0.60, (0.3, "AC-CASE-RUGD", "AC-CASE-NOVA")),
          ("screen", 0.40, "AC-SCRN-NOVA"),
          (None, {"PH-NOVA-A35": 0.30, None: 0.12}, "AC-CHRG-WL15"),
          (None, 0.12, (0.4, "AC-EARB-ANC", "AC-EARB-BT1")),
          (None, 0.08, "AC-CABL-USBC")])
LAPTOP = ([("LT-BK14-08", 0.40), ("LT-BK14-16", 0.85), ("LT-BK14-32", None)],
          [("sleeve", 0.50, "AC-SLV-14"),
           ("mouse", 0.45, (0.3, "AC-MOUS-ERG", "AC-MOUS-WL")),
           (None, 0.15, "AC-USB-064")])
COAT = ([("CL-COAT-CLS", 0.45), ("CL-COAT-PAD", 0.80), ("CL-COAT-WOL", None)],
        [("scarf", 0.50, "CL-SCRF-KNT"),
         ("gloves", 0.45, "CL-GLOV-THM"),
         (None, 0.25, "CL-HAT-WOOL")])


# Categories of consumables and their refill rhythm (categories.csv): the
# days between purchases an item of the category takes when it has no
# refill_days of its own (the biscuits, the sun cream).  Things that do not
# run out (phones, laptops, bags, coats: the DURABLE categories) have no
# rhythm, neither of their own nor from their category.
CATEGORIES = [
    ("grocery", 21),
    ("personal care", 30),
    ("spices", 60),
]
DURABLE = ("electronics", "computers", "clothing")

# The benefit line in Bengali and Gujarati, as staff would say it to a
# customer at the counter: a phrase that can open a sentence, polite, no
# prices (the talking point adds the difference itself), Bengali as spoken
# by London's mostly Bangladeshi Bengalis ("পানি").  Keyed by SKU, with
# the English it translates: when an English benefit changes, the check
# fails until the translations are brought up to date.  Latin script only
# for the terms in BENEFIT_TERMS.

BENEFITS_I18N = {
    # personal care
    "SH-HERB-050": ("handy size for the gym bag",
                    "জিমের ব্যাগে রাখার জন্য একদম সুবিধার সাইজ",
                    "જિમ બેગમાં આરામથી સમાઈ જાય એવી સાઇઝ"),
    "SH-HERB-250": ("lasts five times as long and costs less per wash",
                    "পাঁচ গুণ বেশি দিন চলে, প্রতি ধোয়ায় খরচও কম",
                    "પાંચ ગણું વધારે ચાલે, અને દરેક ધોવામાં ખર્ચ ઓછો"),
    "SH-HERB-500": ("ten times the 50 ml at half the price per wash",
                    "৫০ মিলির দশ গুণ, প্রতি ধোয়ায় অর্ধেক খরচ",
                    "૫૦ મિલી કરતાં દસ ગણું, દરેક ધોવામાં અડધો ખર્ચ"),
    "CO-HERB-250": ("softer hair and fewer tangles",
                    "চুল আরও নরম হয়, জটও কম পড়ে",
                    "વાળ વધુ મુલાયમ થાય અને ગૂંચ ઓછી પડે"),
    "CO-HERB-500": ("twice the conditioner for 2.20 more",
                    "একই কন্ডিশনার, পরিমাণে দ্বিগুণ",
                    "એ જ કન્ડિશનર, બમણી માત્રામાં"),
    "SO-BEAU-100": ("a gentle everyday clean",
                    "রোজকার ব্যবহারে আলতো করে পরিষ্কার করে",
                    "રોજના ઉપયોગ માટે હળવી સફાઈ"),
    "SO-GLYC-100": ("glycerine keeps skin from feeling tight",
                    "গ্লিসারিন থাকায় ত্বক টানটান লাগে না",
                    "ગ્લિસરીનથી ત્વચા ખેંચાયેલી લાગતી નથી"),
    "SO-SAND-100": ("real sandalwood oil and a richer lather",
                    "আসল চন্দন তেল, আর ফেনাও বেশি ঘন",
                    "અસલી ચંદનનું તેલ અને વધુ ઘટ્ટ ફીણ"),
    "HW-ALOE-250": ("kind to hands washed many times a day",
                    "দিনে বহুবার হাত ধুলেও হাতের জন্য কোমল",
                    "દિવસમાં ઘણી વાર ધોવા છતાં હાથ માટે હળવું"),
    "HW-ALOE-500R": ("fills the pump twice, with less plastic",
                     "পাম্পের বোতল দুবার ভরা যায়, প্লাস্টিকও কম লাগে",
                     "પંપની બોટલ બે વાર ભરાય, અને પ્લાસ્ટિક પણ ઓછું"),
    "TP-MINT-075": ("fresh breath and fluoride protection",
                    "মুখে তাজা শ্বাস আর ফ্লোরাইডের সুরক্ষা",
                    "શ્વાસમાં તાજગી અને ફ્લોરાઇડનું રક્ષણ"),
    "TP-MINT-125": ("two thirds more paste for 40p more",
                    "একই পেস্ট, পরিমাণে দুই-তৃতীয়াংশ বেশি",
                    "એ જ પેસ્ટ, બે તૃતીયાંશ વધારે માત્રામાં"),
    "TP-WHIT-125": ("gently lifts tea and coffee stains",
                    "চা আর কফির দাগ আলতো করে তুলে দেয়",
                    "ચા અને કોફીના ડાઘ હળવેથી દૂર કરે"),
    "TB-SOFT-001": ("soft bristles, gentle on gums",
                    "নরম ব্রিসল, মাড়ির জন্য আরামদায়ক",
                    "નરમ બ્રિસલ્સ, પેઢાં માટે કોમળ"),
    "DE-ROLL-050": ("fresh all day without white marks",
                    "সারাদিন সতেজ, জামায় সাদা দাগ পড়ে না",
                    "આખો દિવસ તાજગી, અને કપડાં પર સફેદ ડાઘ નહીં"),
    "PC-SUNC-30": ("SPF 30 and water resistant",
                   "SPF 30, পানিতেও সহজে ধুয়ে যায় না",
                   "SPF 30, અને પાણીમાં પણ ટકી રહે"),
    "PC-SUNC-50": ("higher protection for children and fair skin",
                   "বাচ্চাদের আর রোদে সহজে পোড়া ত্বকের জন্য আরও বেশি সুরক্ষা",
                   "બાળકો અને તડકામાં જલદી દાઝતી ત્વચા માટે વધુ રક્ષણ"),
    # electronics
    "PH-NOVA-A15": ("a big, sharp screen and all-day battery",
                    "বড় ঝকঝকে স্ক্রিন, আর সারাদিন চলে এমন ব্যাটারি",
                    "મોટી અને એકદમ સ્પષ્ટ સ્ક્રીન, અને આખો દિવસ ચાલે એવી બેટરી"),
    "PH-NOVA-A25": ("twice the storage and better night photos",
                    "দ্বিগুণ স্টোরেজ, রাতের ছবিও আরও ভালো আসে",
                    "બમણું સ્ટોરેજ અને રાત્રે પણ વધુ સારા ફોટા"),
    "PH-NOVA-A35": ("a 50 MP camera and a full charge in under an hour",
                    "৫০ মেগাপিক্সেলের ক্যামেরা, আর এক ঘণ্টার কমে পুরো চার্জ",
                    "૫૦ મેગાપિક્સેલનો કેમેરા અને એક કલાકથી ઓછામાં પૂરો ચાર્જ"),
    "AC-CASE-NOVA": ("drop-proof edges",
                     "হাত থেকে পড়লেও ফোন বাঁচায় এমন মজবুত কিনারা",
                     "હાથમાંથી પડી જાય તો પણ ફોન બચાવે એવી મજબૂત કિનારીઓ"),
    "AC-CASE-RUGD": ("corner bumpers tested against 2 m drops",
                     "কোণায় বাম্পার, ২ মিটার উঁচু থেকে পড়ার পরীক্ষায় পাস",
                     "ખૂણે બમ્પર, ૨ મીટર ઊંચેથી પડવાની ચકાસણીમાં પાસ"),
    "AC-SCRN-NOVA": ("stops scratches and screen cracks",
                     "স্ক্রিনকে দাগ আর ফাটল থেকে বাঁচায়",
                     "સ્ક્રીનને ઘસરકા અને તિરાડથી બચાવે"),
    "AC-CHRG-WL15": ("just set the phone down to charge",
                     "ফোনটা শুধু ওপরে রেখে দিলেই চার্জ হয়",
                     "ફોન ફક્ત ઉપર મૂકી દો એટલે ચાર્જ થવા લાગે"),
    "AC-EARB-BT1": ("calls and music without wires",
                    "তার ছাড়াই কথা বলা আর গান শোনা",
                    "વાયર વગર વાતચીત અને સંગીત"),
    "AC-EARB-ANC": ("shut out the noise on the bus",
                    "বাসে চারপাশের আওয়াজ আর কানে আসে না",
                    "બસમાં આસપાસનો ઘોંઘાટ સંભળાય જ નહીં"),
    "AC-CABL-USBC": ("a spare cable for work or the car",
                     "অফিসে বা গাড়িতে রাখার জন্য একটা বাড়তি কেবল",
                     "ઓફિસ કે ગાડીમાં રાખવા માટે એક વધારાનો કેબલ"),
    # computers
    "LT-BK14-08": ("light enough to carry all day",
                   "সারাদিন সঙ্গে রাখার মতো হালকা",
                   "આખો દિવસ સાથે રાખી શકાય એટલું હલકું"),
    "LT-BK14-16": ("keeps dozens of tabs and apps running smoothly",
                   "ডজন ডজন ট্যাব আর অ্যাপ একসাথে খোলা থাকলেও ঝামেলা ছাড়াই চলে",
                   "ડઝનબંધ ટેબ અને એપ એકસાથે ખુલ્લાં હોય તો પણ સરળતાથી ચાલે"),
    "LT-BK14-32": ("edits photos and video without waiting",
                   "ছবি আর ভিডিও এডিট করতে একটুও অপেক্ষা করতে হয় না",
                   "ફોટા અને વીડિયો એડિટ કરવામાં જરાય રાહ જોવી ન પડે"),
    "AC-SLV-14": ("padded against knocks in your bag",
                  "ভেতরে প্যাড দেওয়া, ব্যাগের ভেতর ধাক্কা লাগলেও সুরক্ষিত",
                  "અંદર ગાદી, એટલે બેગમાં ધક્કા લાગે તો પણ સુરક્ષિત"),
    "AC-MOUS-WL": ("quicker and more comfortable than the touchpad",
                   "টাচপ্যাডের চেয়ে দ্রুত আর আরামদায়ক",
                   "ટચપેડ કરતાં ઝડપી અને વધુ આરામદાયક"),
    "AC-MOUS-ERG": ("less wrist strain on long days",
                    "লম্বা দিনের কাজেও কবজিতে কম চাপ পড়ে",
                    "લાંબા દિવસના કામમાં પણ કાંડા પર ઓછો ભાર"),
    "AC-USB-064": ("a backup of your files in your pocket",
                   "আপনার ফাইলের ব্যাকআপ, একদম পকেটেই",
                   "તમારી ફાઇલોનો બેકઅપ, તમારા ખિસ્સામાં"),
    # clothing
    "CL-COAT-CLS": ("warm and windproof for the walk to work",
                    "কাজে হেঁটে যাওয়ার পথে গরম রাখে, বাতাসও ঢোকে না",
                    "કામે ચાલીને જતાં ગરમ રાખે, અને પવન અંદર ન આવે"),
    "CL-COAT-PAD": ("water-resistant, with a warmer lined hood",
                    "বৃষ্টির পানি আটকায়, আর ভেতরে আস্তরণ দেওয়া হুডটা আরও গরম",
                    "પાણી અંદર ન આવે, અને અસ્તરવાળું હૂડ વધુ ગરમ રાખે"),
    "CL-COAT-WOL": ("smart for work and warm at the bus stop",
                    "অফিসে পরার মতো স্মার্ট, বাস স্টপেও গরম রাখে",
                    "ઓફિસ માટે શોભે એવો, અને બસ સ્ટોપ પર પણ ગરમ રાખે"),
    "CL-SCRF-KNT": ("keeps the draught off your neck",
                    "গলায় ঠান্ডা হাওয়া লাগতে দেয় না",
                    "ગળે ઠંડો પવન લાગવા ન દે"),
    "CL-GLOV-THM": ("warm hands, and the fingertips work on a touchscreen",
                    "হাত গরম থাকে, আঙুলের ডগায় টাচস্ক্রিনও চলে",
                    "હાથ ગરમ રહે, અને આંગળીના ટેરવાથી ટચસ્ક્રીન પણ ચાલે"),
    "CL-HAT-WOOL": ("keeps the warmth in on cold mornings",
                    "ঠান্ডা সকালেও ওম ধরে রাখে",
                    "ઠંડી સવારે પણ ગરમાવો જાળવી રાખે"),
    "CL-UMBR-CMP": ("small enough for a coat pocket",
                    "কোটের পকেটেই এঁটে যায়",
                    "કોટના ખિસ્સામાં સમાઈ જાય એટલી નાની"),
    "CL-UMBR-STM": ("a vented canopy that does not turn inside out",
                    "বাতাস বেরোনোর ফাঁক আছে, তাই ঝড়ো হাওয়ায় উল্টে যায় না",
                    "હવા નીકળવાની જગ્યા છે, એટલે પવનમાં ઊંધી વળી જતી નથી"),
    "CL-SUNG-UV4": ("full UV400 protection for your eyes",
                    "চোখের জন্য পুরো UV400 সুরক্ষা",
                    "આંખો માટે પૂરું UV400 રક્ષણ"),
    # grocery
    "GR-TEA-EVD": ("a strong, simple cuppa",
                   "কড়া আর সাদাসিধে এক কাপ চা",
                   "એક કપ કડક, સીધી-સાદી ચા"),
    "GR-TEA-ASM": ("malty Assam leaf, strong with milk",
                   "গাঢ় স্বাদের আসামের চা-পাতা, দুধ দিলে দারুণ কড়া",
                   "ઘેરા સ્વાદવાળી આસામની ચાપત્તી, દૂધ સાથે કડક બને"),
    "GR-TEA-DRJ": ("the delicate Darjeeling flavour, every day",
                   "দার্জিলিংয়ের মিহি স্বাদ, প্রতিদিনের চায়ে",
                   "દાર્જિલિંગનો નાજુક સ્વાદ, રોજેરોજ"),
    "GR-COFF-HSE": ("freshly roasted, full flavour",
                    "টাটকা ভাজা দানা, স্বাদে ভরপুর",
                    "તાજા શેકેલા દાણા, ભરપૂર સ્વાદ"),
    "GR-COFF-ORG": ("single-origin beans with a smoother finish",
                    "একই অঞ্চলের কফি দানা, শেষ স্বাদটা আরও মোলায়েম",
                    "એક જ પ્રદેશના કોફીના દાણા, સ્વાદ વધુ મુલાયમ"),
    "GR-BISC-DIG": ("the classic with a cup of tea",
                    "চায়ের সাথে সেই চিরচেনা বিস্কুট",
                    "ચા સાથે એ જ જૂનું જાણીતું બિસ્કિટ"),
    "GR-BISC-CHC": ("milk chocolate on the classic digestive",
                    "চেনা ডাইজেস্টিভের ওপর মিল্ক চকলেট",
                    "જાણીતા ડાયજેસ્ટિવ પર મિલ્ક ચોકલેટ"),
    "GR-BISC-NAN": ("cardamom butter biscuits, freshly baked",
                    "এলাচের সুবাসে মাখনের বিস্কুট, একদম টাটকা বেক করা",
                    "એલચીવાળી બટર નાનખટાઈ, તાજી શેકેલી"),
    "GR-RICE-01K": ("long, fluffy grains",
                    "লম্বা দানা, রান্নায় ঝরঝরে ভাত",
                    "લાંબા દાણા, છૂટો છૂટો ભાત"),
    "GR-RICE-05K": ("a fifth cheaper per kilo than 1 kg bags",
                    "১ কেজির প্যাকেটের চেয়ে প্রতি কেজিতে পাঁচ ভাগের এক ভাগ সস্তা",
                    "૧ કિલોના પેકેટ કરતાં કિલોદીઠ પાંચમા ભાગ જેટલું સસ્તું"),
    "GR-LENT-01K": ("cooks in 15 minutes, no soaking",
                    "ভেজাতে হয় না, ১৫ মিনিটেই রান্না হয়ে যায়",
                    "પલાળવાની જરૂર નહીં, ૧૫ મિનિટમાં ચડી જાય"),
    "GR-LENT-02K": ("twice the dal for less per kilo",
                    "দ্বিগুণ ডাল, প্রতি কেজিতে খরচ কম",
                    "બમણી દાળ, અને કિલોદીઠ ઓછો ખર્ચ"),
    "GR-DAL-TOOR": ("for everyday Gujarati dal",
                    "রোজকার গুজরাটি ডাল রান্নার জন্য",
                    "રોજની ગુજરાતી દાળ માટે"),
    "GR-DAL-CHNA": ("nutty and firm, good in curries and snacks",
                    "বাদামের মতো স্বাদ, গলে যায় না, তরকারি আর নাস্তায় দারুণ",
                    "બદામ જેવો સ્વાદ અને દાણો છૂટો રહે, શાક અને નાસ્તામાં સરસ"),
    "GR-GHEE-500": ("rich flavour for tadka and sweets",
                    "ফোড়ন আর মিষ্টিতে ভরপুর স্বাদ",
                    "વઘાર અને મીઠાઈ માટે ભરપૂર સ્વાદ"),
    "GR-GHEE-01K": ("twice the ghee for 99p less than two jars",
                    "দুটো ছোট বয়ামের সমান ঘি, কিন্তু দামে কম",
                    "બે નાની બરણી જેટલું ઘી, પણ સસ્તામાં"),
    "GR-OIL-MUST": ("the sharp, authentic taste for fish and bhorta",
                    "মাছ আর ভর্তার জন্য সেই আসল ঝাঁঝালো স্বাদ",
                    "માછલી અને ભરથા માટે એ જ તેજ, અસલ સ્વાદ"),
    "GR-FLR-ATTA": ("soft rotis that stay soft",
                    "নরম রুটি, অনেকক্ষণ পরেও নরম থাকে",
                    "પોચી રોટલી, અને પછી પણ પોચી જ રહે"),
    "GR-MILK-1L": ("fresh every morning",
                   "প্রতিদিন সকালে টাটকা",
                   "રોજ સવારે તાજું"),
    "GR-BRD-800": ("baked locally, delivered daily",
                   "এলাকার বেকারিতেই বানানো, রোজ আসে",
                   "અહીંની જ બેકરીમાં બને, અને રોજ આવે"),
    "GR-SUGR-01K": ("for tea, baking and sweets",
                    "চা, বেকিং আর মিষ্টি বানানোর জন্য",
                    "ચા, બેકિંગ અને મીઠાઈ માટે"),
    # spices
    "GR-SPC-TURM": ("bright colour and earthy flavour",
                    "উজ্জ্বল রং আর খাঁটি হলুদের গভীর স্বাদ",
                    "ચમકદાર રંગ અને અસલ હળદરનો ઘેરો સ્વાદ"),
    "GR-SPC-CUMN": ("whole seeds for a fragrant tadka",
                    "গোটা জিরা, ফোড়নে দারুণ সুগন্ধ",
                    "આખું જીરું, વઘારમાં સરસ સુગંધ"),
    "GR-SPC-GRMS": ("a warm blend to finish any curry",
                    "মশলার সুগন্ধি মিশ্রণ, যেকোনো তরকারির শেষে দেওয়ার জন্য",
                    "કોઈ પણ શાકમાં છેલ્લે નાખવા માટે સુગંધીદાર મસાલો"),
    "GR-SPC-CHIL": ("steady heat without bitterness",
                    "সমান ঝাল, কোনো তেতো ভাব নেই",
                    "એકસરખી તીખાશ, કડવાશ જરાય નહીં"),
    "GR-SPC-PNCH": ("Bengali five-spice for dal and vegetables",
                    "ডাল আর সবজির জন্য বাঙালি পাঁচফোড়ন",
                    "દાળ અને શાક માટે બંગાળી પાંચ મસાલાનું મિશ્રણ"),
    "GR-SPC-HING": ("a pinch lifts any dal",
                    "এক চিমটিতেই যেকোনো ডালের স্বাদ বেড়ে যায়",
                    "એક ચપટીમાં જ કોઈ પણ દાળનો સ્વાદ ખીલી ઊઠે"),
}

# Brand and technical terms a Bengali or Gujarati speaker says and writes in
# Latin script; any other ASCII letter or digit in a translation is an error.
BENEFIT_TERMS = ("SPF 30", "SPF 50", "UV400", "USB-C")

# Unicode blocks of the two scripts.
SCRIPTS = {"bn": ("\u0980", "\u09ff"), "gu": ("\u0a80", "\u0aff")}

# Prices that rose during the year: before the date, the old (lower) price.
OLD_PRICES = {
    "SH-HERB-050": (D(2026, 4, 1), 119),
    "GR-TEA-ASM": (D(2026, 4, 1), 229),
    "GR-COFF-HSE": (D(2026, 4, 1), 379),
    "GR-GHEE-500": (D(2026, 4, 1), 549),
    "GR-RICE-05K": (D(2026, 4, 1), 949),
    "CL-COAT-PAD": (D(2026, 9, 1), 6500),
}

# --------------------------------------------------------------------------
# People.  (name as written, name in Latin letters for the e-mail, language)

ENGLISH = [
    "Margaret Holloway", "James Whitfield", "Sarah Collins", "David Price",
    "Emma Clarke", "Thomas Hughes", "Olivia Bennett", "George Harris",
    "Charlotte Wood", "Daniel Turner", "Lucy Morgan", "Peter Shaw",
    "Helen Ward", "Jack Foster",
]
BENGALI = [
    ("Tanvir Hossain", None), ("Nusrat Jahan", None), ("Rafiq Ahmed", None),
    ("Sadia Islam", None), ("Farhana Begum", None), ("Imran Chowdhury", None),
    ("Shirin Akter", None), ("Kamal Uddin", None), ("Ruma Khatun", None),
    ("Taslima Begum", "তাসলিমা বেগম"), ("Mahmud Hasan", "মাহমুদ হাসান"),
    ("Rumana Akter", "রুমানা আক্তার"),
]
GUJARATI = [
    ("Bhavika Patel", None), ("Hiral Shah", None), ("Nirav Patel", None),
    ("Dhruti Mehta", None), ("Ketan Desai", None), ("Priya Joshi", None),
    ("Rakesh Thakkar", None), ("Mitesh Parmar", None), ("Jignesh Trivedi", None),
    ("Falguni Modi", None), ("Nita Desai", "નીતા દેસાઈ"),
    ("Kiran Mehta", "કિરણ મહેતા"), ("Jayesh Patel", "જયેશ પટેલ"),
]
HOTEL_GUESTS = [
    ("Martin Keller", "en"), ("Sophie Laurent", "en"), ("Ahmed Karim", "bn"),
    ("Julia Nowak", "en"), ("Liam O'Brien", "en"), ("Hannah Schmidt", "en"),
    ("Rohan Mehta", "gu"), ("Grace Taylor", "en"), ("Luca Rossi", "en"),
    ("Ingrid Larsen", "en"), ("Ben Carter", "en"), ("Chloe Evans", "en"),
    ("Mohammed Ali", "en"), ("Aisha Siddiqui", "en"), ("Tom Fletcher", "en"),
    ("Nadia Haque", "bn"), ("Vikram Nair", "en"), ("Elena García", "en"),
    ("Owen Price", "en"), ("Zoë Adams", "en"),
]

# Segment -> (number of customers, days between visits)
SEGMENTS = [("Gold", 8, 7), ("Silver", 10, 14), ("Regular", 14, 30), ("New", 8, 12)]

# --------------------------------------------------------------------------
# Hotel.  (code, name, tier, rate in pence, capacity, view, size m2, rooms)

ROOM_TYPES = [
    ("STD", "Standard", 1, 8900, 2, "courtyard", 18, 12),
    ("SUP", "Superior", 2, 10900, 2, "city", 22, 8),
    ("DLX", "Deluxe", 3, 13900, 3, "river", 28, 5),
    ("JRS", "Junior Suite", 4, 18900, 3, "river", 38, 3),
    ("STE", "Suite", 5, 25900, 4, "river and balcony", 55, 2),
]
# what is better about each room type, in Bengali and Gujarati (the desk
# says it before the price; English is made from the view and the size)
ROOM_BENEFITS = {
    "STD": ("উঠোনের দিকে শান্ত ঘর", "આંગણા તરફ શાંત રૂમ"),
    "SUP": ("শহরের দৃশ্য, আরও একটু বড় ঘর", "શહેરનો નજારો, થોડો મોટો રૂમ"),
    "DLX": ("নদীর দৃশ্য, ২৮ বর্গমিটারের প্রশস্ত ঘর",
            "નદીનો નજારો, 28 ચો.મી.નો મોકળો રૂમ"),
    "JRS": ("নদীর দৃশ্য, আলাদা বসার জায়গা, ৩৮ বর্গমিটার",
            "નદીનો નજારો, અલગ બેઠક, 38 ચો.મી."),
    "STE": ("নদীর দৃশ্য আর ব্যালকনি, ৫৫ বর্গমিটার",
            "નદીનો નજારો અને બાલ્કની, 55 ચો.મી."),
}
# floor -> room types of its rooms, in room-number order
FLOORS = {
    1: ["STD"] * 8,
    2: ["STD"] * 4 + ["SUP"] * 4,
    3: ["SUP"] * 4 + ["DLX"] * 4,
    4: ["DLX"] + ["JRS"] * 3 + ["STE"] * 2,
}
STATUSES = ("booked", "checked-in", "checked-out", "cancelled", "no-show")

# --------------------------------------------------------------------------
# helpers


def money(p):
    """Pence (int) -> "12.34"."""
    sign = "-" if p < 0 else ""
    p = abs(p)
    return "%s%d.%02d" % (sign, p // 100, p % 100)


def nfc(s):
    """s in Unicode normalisation form C (what the files hold)."""
    return unicodedata.normalize("NFC", s)


def ean13_check(d12):
    s = sum(int(c) * (3 if i % 2 else 1) for i, c in enumerate(d12))
    return (10 - s % 10) % 10


def in_season(d, season):
    if season is None:
        return True
    s = tuple(int(x) for x in season[0].split("-"))
    e = tuple(int(x) for x in season[1].split("-"))
    md = (d.month, d.day)
    if s <= e:
        return s <= md <= e
    return md >= s or md <= e


def open_day(d):
    while (d.month, d.day) in CLOSED:
        d += DAY
    return d


def dates(first, last):
    d = first
    while d <= last:
        yield d
        d += DAY


class Gen:
    def __init__(self):
        self.rng = random.Random(SEED)
        self.items = {it[0]: it for it in ITEMS}
        self.acc = {}

    def often(self, key, p):
        """True about p of the time, but with the running share kept close
        to p (error diffusion), so that the attach rates the demo talks
        about ("6 in 10 phone buyers add a case") really are in the data."""
        a = self.acc.get(key, 0.0) + p
        hit = a > self.rng.random()
        self.acc[key] = a - 1 if hit else a
        return hit

    # ---------------------------------------------------------------- items
    def price_on(self, sku, d):
        old = OLD_PRICES.get(sku)
        if old is not None and d < old[0]:
            return old[1]
        return self.items[sku][6]

    def make_items(self):
        rng = self.rng
        used = []
        rows = []
        for (sku, name, cat, fam, tier, btier, price, stock, season,
             refill, benefit) in ITEMS:
            while True:
                body = "20" + "".join(str(rng.randrange(10)) for _ in range(10))
                code = body + str(ean13_check(body))
                if code not in used:
                    used.append(code)
                    break
            rows.append([sku, name, cat, fam or "",
                         "" if tier is None else str(tier), str(btier),
                         money(price), "" if stock is None else str(stock),
                         code, season[0] if season else "",
                         season[1] if season else "",
                         "" if refill is None else str(refill), benefit]
                        + [nfc(t) for t in
                           BENEFITS_I18N.get(sku, ("", "", ""))[1:]])
        return rows

    # ------------------------------------------------------------ customers
    def make_people(self):
        rng = self.rng
        people = []
        for n in ENGLISH:
            people.append({"name": n, "latin": n, "lang": "en"})
        for n, script in BENGALI:
            people.append({"name": script or n, "latin": n, "lang": "bn"})
        for n, script in GUJARATI:
            people.append({"name": script or n, "latin": n, "lang": "gu"})
        rng.shuffle(people)
        # The product brief's sketch: Anika Rahman, Gold, comes first.
        people.insert(0, {"name": "Anika Rahman", "latin": "Anika Rahman",
                          "lang": "bn"})
        segs = []
        for seg, count, _ in SEGMENTS:
            segs += [seg] * count
        assert len(segs) == len(people), (len(segs), len(people))
        segs.remove("Gold")
        rng.shuffle(segs)
        segs.insert(0, "Gold")
        phones = rng.sample(range(1000), len(people) + len(HOTEL_GUESTS))
        loyalty = rng.sample(range(100000, 200000), len(people))
        self.phones = phones
        customers = []
        for i, p in enumerate(people):
            c = dict(p)
            c["id"] = "C%04d" % (i + 1)
            c["segment"] = segs[i]
            c["phone"] = "" if rng.random() < 0.08 else \
                "+44 7700 900%03d" % phones[i]
            c["email"] = self.email(c["latin"], i) if rng.random() < 0.85 else ""
            c["loyalty"] = "L-%06d" % loyalty[i] \
                if c["segment"] != "New" or rng.random() < 0.5 else ""
            c["consent"] = "yes" if rng.random() < 0.55 else "no"
            customers.append(c)
        # C0001 as in the sketch: full record, consent given.
        customers[0].update(phone="+44 7700 900%03d" % phones[0],
                            consent="yes")
        if not customers[0]["email"]:
            customers[0]["email"] = self.email("Anika Rahman", 0)
        self.customers = customers
        return customers

    def email(self, latin, i):
        rng = self.rng
        first, last = latin.lower().replace("'", "").split(" ", 1)
        last = last.replace(" ", "")
        style = rng.randrange(3)
        if style == 0:
            local = "%s.%s" % (first, last)
        elif style == 1:
            local = "%s%s%02d" % (first, last, rng.randrange(1, 100))
        else:
            local = "%s.%s" % (first[0], last)
        dom = "example.com" if rng.random() < 0.6 else "example.org"
        return "%s@%s" % (local, dom)

    # --------------------------------------------------------------- orders
    def basket_customer(self, c, d, flags):
        rng = self.rng
        b = {}

        def add(sku, q=1):
            if in_season(d, self.items[sku][8]):
                b[sku] = b.get(sku, 0) + q

        pref = c["pref"]
        asian = c["lang"] in ("bn", "gu")
        if asian:
            p = {"tea": .40, "rice": .45, "spice": .30, "ghee": .10, "milk": .35,
                 "bread": .15, "sugar": .12, "coffee": .04, "biscuit": .08}
            if c["lang"] == "bn":
                p.update(oil=.15, panch=.10)
            else:
                p.update(atta=.15, toor=.14, ghee=.18, hing=.06)
        else:
            p = {"tea": .35, "coffee": .20, "milk": .50, "bread": .40,
                 "biscuit": .12, "sugar": .08, "rice": .12, "spice": .05}
        if rng.random() < p.get("tea", 0):
            add(pref["tea"])
            if rng.random() < 0.55:
                add(pref["biscuit"], rng.choice((1, 1, 2)))
        if rng.random() < p.get("rice", 0):
            add(pref["rice"])
            if rng.random() < 0.60:
                add("GR-LENT-02K" if pref["rice"] == "GR-RICE-05K" and
                    rng.random() < 0.4 else "GR-LENT-01K")
        if rng.random() < p.get("spice", 0):
            for sku in rng.sample(["GR-SPC-TURM", "GR-SPC-CUMN", "GR-SPC-GRMS",
                                   "GR-SPC-CHIL"], rng.choice((1, 1, 2))):
                add(sku)
        for key, sku in (("ghee", pref["ghee"]), ("oil", "GR-OIL-MUST"),
                         ("panch", "GR-SPC-PNCH"), ("atta", "GR-FLR-ATTA"),
                         ("toor", "GR-DAL-TOOR"), ("hing", "GR-SPC-HING"),
                         ("sugar", "GR-SUGR-01K"), ("bread", "GR-BRD-800"),
                         ("coffee", pref["coffee"]),
                         ("biscuit", pref["biscuit"])):
            if rng.random() < p.get(key, 0):
                add(sku)
        if rng.random() < p.get("milk", 0):
            add("GR-MILK-1L", rng.choice((1, 1, 2)))
        if asian and rng.random() < 0.05:
            add("GR-DAL-CHNA")
        # personal care
        if rng.random() < 0.12:
            add(pref["soap"], rng.choice((1, 1, 2, 3)))
        if rng.random() < 0.08:
            add(pref["toothpaste"])
            if rng.random() < 0.30:
                add("TB-SOFT-001")
        if rng.random() < 0.03:
            add("HW-ALOE-250")
            c["pump"] = True
        elif c.get("pump") and rng.random() < 0.06:
            add("HW-ALOE-500R")
        if rng.random() < 0.04:
            add("DE-ROLL-050")
        if "shampoo" in flags:
            add("SH-HERB-050", 2 if c["id"] == "C0001" and
                rng.random() < 0.3 else 1)
            if rng.random() < 0.20:
                add("CO-HERB-250")
        elif rng.random() < 0.025:
            add("SH-HERB-250")
            if rng.random() < 0.35:
                add("CO-HERB-250")
        elif rng.random() < 0.015:
            add("CO-HERB-500" if rng.random() < 0.3 else "CO-HERB-250")
        # seasonal
        winter = in_season(d, WINTER)
        if winter and rng.random() < 0.035:
            season_key = d.year if d.month >= 10 else d.year - 1
            if season_key not in c["coats"]:
                c["coats"].append(season_key)
                self.add_big_item(add, COAT)
        elif winter and rng.random() < 0.02:
            add(rng.choice(["CL-SCRF-KNT", "CL-GLOV-THM", "CL-HAT-WOOL"]))
        if rng.random() < (0.02 if winter else 0.008):
            add("CL-UMBR-STM" if rng.random() < 0.3 else "CL-UMBR-CMP")
        if in_season(d, SUMMER):
            if rng.random() < 0.04:
                add("PC-SUNC-50" if rng.random() < 0.35 else "PC-SUNC-30")
            if rng.random() < 0.01:
                add("CL-SUNG-UV4")
        if "phone" in flags:
            self.add_big_item(add, PHONE)
        if "laptop" in flags:
            self.add_big_item(add, LAPTOP)
        if not b:
            add("GR-MILK-1L" if rng.random() < 0.5 else pref["tea"])
        return b

    def add_big_item(self, add, plan):
        """One big item and what goes with it, by plan (PHONE, LAPTOP,
        COAT): ladder picks the item by one draw, the first rung whose
        share upto is above it (None: the rest); then each of attach's
        (habit, p, sku) in order is added with probability p (a dict: by
        the item, None for the others), through often(habit) when habit is
        given, else a plain draw; sku is a SKU, or (q, a, b): a with
        probability q, else b."""
        rng = self.rng
        ladder, attach = plan
        r = rng.random()
        item = next(sku for sku, upto in ladder if upto is None or r < upto)
        add(item)
        for habit, p, sku in attach:
            if isinstance(p, dict):
                p = p.get(item, p[None])
            if self.often(habit, p) if habit else rng.random() < p:
                if isinstance(sku, tuple):
                    q, one, other = sku
                    sku = one if rng.random() < q else other
                add(sku)

    def basket_walkin(self, d):
        rng = self.rng
        b = {}

        def add(sku, q=1):
            if in_season(d, self.items[sku][8]):
                b[sku] = b.get(sku, 0) + q

        r = rng.random()
        if r < 0.05:
            self.add_big_item(add, PHONE)
        elif r < 0.07:
            self.add_big_item(add, LAPTOP)
        elif r < 0.13 and in_season(d, WINTER):
            self.add_big_item(add, COAT)
        else:
            if rng.random() < 0.45:
                add("GR-MILK-1L", rng.choice((1, 1, 2)))
            if rng.random() < 0.25:
                add("GR-BRD-800")
            if rng.random() < 0.25:
                add(rng.choice(["GR-TEA-EVD", "GR-TEA-EVD", "GR-TEA-ASM"]))
                if rng.random() < 0.5:
                    add(rng.choice(["GR-BISC-DIG", "GR-BISC-CHC"]))
            if rng.random() < 0.12:
                add("GR-RICE-01K")
                if rng.random() < 0.6:
                    add("GR-LENT-01K")
            if rng.random() < 0.08:
                add(rng.choice(["SO-BEAU-100", "SO-GLYC-100", "TP-MINT-075",
                                "DE-ROLL-050", "SH-HERB-050"]))
            if rng.random() < 0.04:
                add("AC-CABL-USBC")
            if rng.random() < 0.05:
                add("CL-UMBR-CMP")
            if in_season(d, SUMMER):
                if rng.random() < 0.08:
                    add("PC-SUNC-30")
                if rng.random() < 0.05:
                    add("CL-SUNG-UV4")
            if in_season(d, WINTER) and rng.random() < 0.04:
                add(rng.choice(["CL-GLOV-THM", "CL-HAT-WOOL", "CL-SCRF-KNT"]))
        if not b:
            add("GR-MILK-1L")
        return b

    def time_of_day(self, d):
        rng = self.rng
        hours = list(range(8, 20))
        h = rng.choices(hours, weights=[3, 5, 7, 8, 8, 6, 5, 6, 8, 9, 7, 4])[0]
        t = dt.datetime(d.year, d.month, d.day, h, rng.randrange(60))
        return t

    def visit_dates(self, first, interval):
        rng = self.rng
        out = []
        d = first + dt.timedelta(days=rng.randrange(interval))
        while True:
            d = open_day(d)
            if d > SHOP_LAST:
                break
            out.append(d)
            step = max(1, round(rng.gauss(interval, interval * 0.2)))
            d += dt.timedelta(days=step)
        return out

    def make_orders(self):
        rng = self.rng
        orders = []   # (datetime, seq, customer, [(sku, qty, price)])
        interval = {seg: days for seg, _, days in SEGMENTS}
        for c in self.customers:
            asian = c["lang"] in ("bn", "gu")
            gold = c["segment"] == "Gold"
            c["pref"] = {
                "tea": rng.choices(["GR-TEA-EVD", "GR-TEA-ASM", "GR-TEA-DRJ"],
                                   weights=[2, 5, 2] if asian else [6, 3, 1])[0],
                "biscuit": rng.choices(["GR-BISC-DIG", "GR-BISC-CHC",
                                        "GR-BISC-NAN"],
                                       weights=[4, 3, 3] if asian else [5, 4, 1])[0],
                "rice": "GR-RICE-05K" if asian and rng.random() < 0.6
                else "GR-RICE-01K",
                "ghee": "GR-GHEE-01K" if rng.random() < 0.3 else "GR-GHEE-500",
                "coffee": "GR-COFF-ORG" if rng.random() < 0.3 else "GR-COFF-HSE",
                "soap": rng.choices(["SO-BEAU-100", "SO-GLYC-100", "SO-SAND-100"],
                                    weights=[3, 4, 5] if gold else [5, 4, 1])[0],
                "toothpaste": rng.choice(["TP-MINT-075", "TP-MINT-125",
                                          "TP-MINT-125", "TP-WHIT-125"]),
            }
            c["coats"] = []
            if c["segment"] == "New":
                first = D(2026, 8, 10) + dt.timedelta(days=rng.randrange(70))
            else:
                first = SHOP_FIRST
            c["first"] = first
            visits = {d: [] for d in self.visit_dates(first,
                                                      interval[c["segment"]])}
            c["visits"] = visits
        # Replenishment: several customers buy the 50 ml shampoo every ~30
        # days.  C0001's last bottle was bought 30 days before "today".
        refill = [self.customers[0]] + rng.sample(
            [c for c in self.customers[1:] if c["segment"] != "New"], 6)
        self.refill_ids = [c["id"] for c in refill]
        for c in refill:
            if c["id"] == "C0001":
                anchor = TODAY - dt.timedelta(days=30)
            else:
                anchor = D(2026, 10, 5) + dt.timedelta(days=rng.randrange(40))
            d = anchor
            while d >= c["first"]:
                near = [v for v in c["visits"] if abs((v - d).days) <= 2]
                if near:
                    v = min(near, key=lambda v: (abs((v - d).days), v))
                else:
                    v = open_day(d)
                    c["visits"].setdefault(v, [])
                if "shampoo" not in c["visits"][v]:
                    c["visits"][v].append("shampoo")
                d -= dt.timedelta(days=rng.randint(27, 33))
        # One-off big purchases by known customers.
        for flag, n in (("phone", 18), ("laptop", 7)):
            for c in rng.sample(self.customers, n):
                v = rng.choice(sorted(c["visits"]))
                c["visits"][v].append(flag)
        seq = 0
        for c in self.customers:
            for d in sorted(c["visits"]):
                b = self.basket_customer(c, d, c["visits"][d])
                lines = [(sku, q, self.price_on(sku, d)) for sku, q in b.items()]
                orders.append((self.time_of_day(d), seq, c["id"], lines))
                seq += 1
        for d in dates(SHOP_FIRST, SHOP_LAST):
            if (d.month, d.day) in CLOSED:
                continue
            n = rng.choices([0, 1, 2, 3], weights=[30, 45, 20, 5])[0]
            for _ in range(n):
                b = self.basket_walkin(d)
                lines = [(sku, q, self.price_on(sku, d)) for sku, q in b.items()]
                orders.append((self.time_of_day(d), seq, "", lines))
                seq += 1
        # A few returns: one line of an earlier purchase, 2-14 days later,
        # negative quantity at the price paid.
        cand = []
        for t, _, cust, lines in orders:
            for sku, q, price in lines:
                if cust and self.items[sku][2] in ("electronics", "computers",
                                                   "clothing", "personal care") \
                        and price >= 500:
                    cand.append((t, cust, sku, q, price))
        cand.sort()
        self.returns = []
        for t, cust, sku, q, price in rng.sample(cand, 9):
            d = open_day(t.date() + dt.timedelta(days=rng.randint(2, 14)))
            if d > SHOP_LAST:
                continue
            orders.append((self.time_of_day(d), seq, cust, [(sku, -1, price)]))
            self.returns.append((t, cust, sku, price))
            seq += 1
        orders.sort(key=lambda o: (o[0], o[1]))
        rows = []
        for i, (t, _, cust, lines) in enumerate(orders):
            oid = "O%06d" % (i + 1)
            for sku, q, price in lines:
                rows.append([oid, t.strftime("%Y-%m-%d %H:%M"), cust, sku,
                             str(q), money(price)])
        return rows

    # ---------------------------------------------------------------- hotel
    def make_hotel(self):
        rng = self.rng
        types = {t[0]: t for t in ROOM_TYPES}
        nrooms = {t[0]: t[7] for t in ROOM_TYPES}
        total_rooms = sum(nrooms.values())
        occ = {code: {} for code in types}        # non-cancelled
        hold = {}                                 # (code, night) -> rooms kept free
        res = []

        def load(night):
            return sum(occ[c].get(night, 0) for c in types)

        def fits(code, arr, n, cap_total=True):
            for k in range(n):
                night = arr + dt.timedelta(days=k)
                if occ[code].get(night, 0) + 1 + hold.get((code, night), 0) \
                        > nrooms[code]:
                    return False
                if cap_total and night <= HOTEL_LAST and \
                        load(night) + 1 > int(OCC_MAX * total_rooms):
                    return False
            return True

        def book(code, arr, n, guest="", status=None):
            assert fits(code, arr, n, cap_total=False)
            for k in range(n):
                night = arr + dt.timedelta(days=k)
                occ[code][night] = occ[code].get(night, 0) + 1
            r = {"code": code, "arrival": arr, "nights": n, "guest": guest,
                 "status": status}
            res.append(r)
            return r

        # Showcase: G0001 stayed in a Superior room before and arrives again
        # today for 3 nights; a Deluxe room stays free on all 3 nights
        # (+30 a night x 3 nights).
        book("SUP", D(2026, 11, 10), 2, "G0001")
        book("SUP", TODAY, 3, "G0001")
        for k in range(3):
            hold[("DLX", TODAY + dt.timedelta(days=k))] = 1
        # Fill each night up to a target occupancy.
        codes = [t[0] for t in ROOM_TYPES]
        weights = [nrooms[c] for c in codes]
        for night in dates(HOTEL_FIRST, HOTEL_LAST):
            target = rng.uniform(0.64, 0.80)
            if night.weekday() in (4, 5):
                target += 0.07
            if night.month == 12:
                target += 0.03
            want = min(int(OCC_MAX * total_rooms),
                       max(int(OCC_MIN * total_rooms) + 1,
                           round(target * total_rooms)))
            tries = 0
            while load(night) < want and tries < 200:
                tries += 1
                n = rng.choices([1, 2, 3, 4, 5, 6, 7],
                                weights=[25, 25, 20, 10, 8, 6, 6])[0]
                code = rng.choices(codes, weights=weights)[0]
                if fits(code, night, n):
                    book(code, night, n)
        # The Deluxe hold is released: it was only kept free, not booked.
        # One past one-night stay was a no-show (the room was held).
        past1 = [r for r in res if r["nights"] == 1 and not r["guest"] and
                 r["arrival"] < TODAY - DAY]
        rng.choice(past1)["status"] = "no-show"
        # A few cancellations, placed where they would fit even if counted.
        cancelled = 0
        while cancelled < 5:
            arr = HOTEL_FIRST + dt.timedelta(
                days=rng.randrange((HOTEL_LAST - HOTEL_FIRST).days + 1))
            n = rng.randint(1, 4)
            code = rng.choices(codes, weights=weights)[0]
            if fits(code, arr, n, cap_total=False):
                book(code, arr, n, status="cancelled")
                cancelled += 1
        # Guests: ~20 hotel-only guests (G0001..) and a dozen shop customers
        # with 1-3 stays each; every guest in the house or arriving "today"
        # has a guest record, the others (agency bookings) may have none.
        gids = ["G%04d" % (i + 1) for i in range(len(HOTEL_GUESTS))]
        shop_guests = [c["id"] for c in rng.sample(self.customers[1:], 12)]
        stays = {}
        for r in res:
            if r["guest"]:
                stays.setdefault(r["guest"], []).append(r)

        def free_for(guest, r):
            a0, a1 = r["arrival"], r["arrival"] + dt.timedelta(days=r["nights"])
            for s in stays.get(guest, []):
                b0 = s["arrival"]
                b1 = b0 + dt.timedelta(days=s["nights"])
                if a0 < b1 and b0 < a1:
                    return False
            return True

        def assign(guest, r):
            r["guest"] = guest
            stays.setdefault(guest, []).append(r)

        pool = gids[1:] + shop_guests
        rng.shuffle(pool)
        desk = [r for r in res if not r["guest"] and not r["status"] and
                r["arrival"] <= TODAY <
                r["arrival"] + dt.timedelta(days=r["nights"])]
        desk.sort(key=lambda r: (r["arrival"], r["code"], r["nights"]))
        for r in desk:
            cand = [g for g in pool if free_for(g, r)]
            if not cand:
                raise SystemExit("gen-demo: not enough guests for today")
            assign(min(cand, key=lambda g: len(stays.get(g, []))), r)
        open_res = [r for r in res if not r["guest"]]
        rng.shuffle(open_res)
        for g in gids + shop_guests:
            want = rng.choices([1, 2, 3], weights=[50, 35, 15])[0] \
                if g.startswith("G") else rng.choices([1, 2], weights=[70, 30])[0]
            while len(stays.get(g, [])) < want:
                for r in open_res:
                    if not r["guest"] and free_for(g, r):
                        assign(g, r)
                        break
                else:
                    break
        # statuses
        for r in res:
            if r["status"]:
                continue
            dep = r["arrival"] + dt.timedelta(days=r["nights"])
            if dep <= TODAY:
                r["status"] = "checked-out"
            elif r["arrival"] < TODAY:
                r["status"] = "checked-in"
            else:
                r["status"] = "booked"
        # people in the room and the booked rate
        for r in res:
            cap = types[r["code"]][4]
            adults = 1 if rng.random() < 0.3 else 2
            children = 0
            if cap > 2 and adults == 2:
                children = rng.choices(range(cap - 1), weights=[60, 30, 10][:cap - 1])[0]
            r["adults"], r["children"] = adults, children
            rate = types[r["code"]][3]
            if r["nights"] >= 5:
                rate = rate * 85 // 100
            elif rng.random() < 0.2:
                rate = rate * 90 // 100
            r["rate"] = rate
        res.sort(key=lambda r: (r["arrival"], types[r["code"]][2], r["nights"],
                                r["guest"]))
        self.hotel_stays = stays
        type_rows = [[HOTEL, code, name, str(tier), money(rate), str(cap), view,
                      str(size)] + list(ROOM_BENEFITS[code])
                     for code, name, tier, rate, cap, view, size, _ in ROOM_TYPES]
        room_rows = []
        for floor in sorted(FLOORS):
            for i, code in enumerate(FLOORS[floor]):
                room_rows.append([HOTEL, "%d%02d" % (floor, i + 1), code])
        res_rows = []
        for i, r in enumerate(res):
            res_rows.append([HOTEL, "RH-%05d" % (10001 + i), r["guest"],
                             r["arrival"].isoformat(), str(r["nights"]),
                             r["code"], money(r["rate"]), str(r["adults"]),
                             str(r["children"]), r["status"]])
        return type_rows, room_rows, res_rows

    def hotel_customers(self):
        rng = self.rng
        out = []
        for i, (name, lang) in enumerate(HOTEL_GUESTS):
            gid = "G%04d" % (i + 1)
            n = len(self.hotel_stays.get(gid, []))
            out.append({
                "id": gid, "name": name, "latin": name, "lang": lang,
                "segment": "Regular" if n >= 2 else "New",
                "phone": "+44 7700 900%03d" %
                self.phones[len(self.customers) + i],
                "email": self.email(name.replace("ç", "c").replace("ë", "e")
                                    .replace("í", "i"), i),
                "loyalty": "",
                "consent": "yes" if rng.random() < 0.4 else "no",
            })
        return out


# --------------------------------------------------------------------------
# output and checks

HEADERS = {
    "items.csv": ["sku", "name", "category", "family", "tier", "brand_tier",
                  "price", "stock", "barcode", "season_start", "season_end",
                  "refill_days", "benefit", "benefit_bn", "benefit_gu"],
    "customers.csv": ["id", "name", "phone", "email", "loyalty", "language",
                      "segment", "consent"],
    "orders.csv": ["order", "date", "customer", "sku", "quantity",
                   "unit_price"],
    "room_types.csv": ["hotel", "code", "name", "tier", "rate", "capacity",
                       "view", "size_m2", "benefit_bn", "benefit_gu"],
    "rooms.csv": ["hotel", "number", "room_type"],
    "reservations.csv": ["hotel", "confirmation", "guest", "arrival", "nights",
                         "room_type", "rate", "adults", "children", "status"],
    "bundles.csv": ["bundle", "name", "sku", "quantity", "price"],
    "categories.csv": ["category", "refill_days"],
}

# Curated bundles: (code, name, bundle price, skus), each a little below
# the sum of its items.
BUNDLES = [
    ("KIT-NOVA-A25", "Nova A25 starter kit", "234.00",
     ["PH-NOVA-A25", "AC-CASE-NOVA", "AC-SCRN-NOVA"]),
    ("SET-WINTER", "Winter set", "76.00",
     ["CL-COAT-CLS", "CL-SCRF-KNT", "CL-GLOV-THM"]),
]


def bundle_rows():
    return [[code, name, sku, "1", price]
            for code, name, price, skus in BUNDLES for sku in skus]


def to_csv(name, rows):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(HEADERS[name])
    w.writerows(rows)
    return buf.getvalue()


MONEY_RE = re.compile(r"^-?[0-9]+(\.[0-9]{1,2})?$")


def cents(s):
    assert MONEY_RE.match(s), "bad money %r" % s
    neg = s.startswith("-")
    s = s.lstrip("-")
    whole, _, frac = s.partition(".")
    v = int(whole) * 100 + int((frac + "00")[:2])
    return -v if neg else v


def unique(rows, col, what):
    seen = {}
    for r in rows:
        k = r[col]
        if k == "":
            continue
        assert k not in seen, "duplicate %s %r" % (what, k)
        seen[k] = r
    return seen


def check_benefit(sku, lang, text):
    """Check one translated benefit line; AssertionError if it is bad."""
    what = "%s benefit_%s %r" % (sku, lang, text)
    assert text, "%s benefit_%s is empty" % (sku, lang)
    try:
        assert text.encode("utf-8").decode("utf-8") == text, what
    except UnicodeError:
        assert False, "%s: not valid UTF-8" % what
    assert unicodedata.is_normalized("NFC", text), "%s: not NFC" % what
    lo, hi = SCRIPTS[lang]
    assert any(lo <= c <= hi for c in text), \
        "%s: no %s script in it" % (what, lang)
    rest = text
    for term in BENEFIT_TERMS:
        rest = rest.replace(term, " ")
    for c in rest:
        assert lo <= c <= hi or c in " ,-", \
            "%s: %r is neither %s script nor a known term" % (what, c, lang)
    assert text == text.strip(" ,-") and "  " not in text and \
        ",," not in text, "%s: stray spaces or punctuation" % what


def check(files):
    """Read the CSV texts back and check them; return a summary dict."""
    tables = {}
    for name, text in files.items():
        rows = list(csv.reader(io.StringIO(text, newline="")))
        assert rows[0] == HEADERS[name], name
        width = len(rows[0])
        for r in rows[1:]:
            assert len(r) == width, (name, r)
            for cell in r:
                assert cell == cell.strip(), (name, cell)
                assert not re.search(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f"
                                     r"\u202a-\u202e\u2066-\u2069\ufeff]", cell), \
                    (name, cell)
        tables[name] = rows[1:]

    def md_ok(s):
        dt.date.fromisoformat("2024-" + s)   # leap year: 02-29 allowed

    # items
    items = unique(tables["items.csv"], 0, "sku")
    unique(tables["items.csv"], 8, "barcode")
    fam_tier = set()
    assert set(BENEFITS_I18N) == set(items), \
        "translated benefits for other SKUs than the items: %s" % \
        sorted(set(BENEFITS_I18N) ^ set(items))
    for (sku, name, cat, fam, tier, btier, price, stock, bc, ss, se, refill,
         benefit, benefit_bn, benefit_gu) in tables["items.csv"]:
        assert re.match(r"^[A-Z]{2}-[A-Z0-9-]+$", sku), sku
        assert name and benefit and cat, sku
        assert BENEFITS_I18N[sku][0] == benefit, \
            "%s: the English benefit changed, translate it again" % sku
        check_benefit(sku, "bn", benefit_bn)
        check_benefit(sku, "gu", benefit_gu)
        assert cents(price) > 0, sku
        assert btier in ("1", "2", "3"), sku
        if fam:
            assert 1 <= int(tier) <= 99, sku
            assert (fam, tier) not in fam_tier, (fam, tier)
            fam_tier.add((fam, tier))
        else:
            assert tier == "", sku
        assert stock == "" or int(stock) >= 0, sku
        assert re.match(r"^[0-9]{13}$", bc) and \
            int(bc[12]) == ean13_check(bc[:12]), (sku, bc)
        assert (ss == "") == (se == ""), sku
        if ss:
            md_ok(ss)
            md_ok(se)
        assert refill == "" or int(refill) > 0, sku
    # categories: consumables only, each used; nothing durable refills
    cats = unique(tables["categories.csv"], 0, "category")
    used = set(r[2] for r in tables["items.csv"])
    from_category = []
    for cat, days in tables["categories.csv"]:
        assert cat in used, "category %r names no item" % cat
        assert cat not in DURABLE, "%s does not run out" % cat
        assert 1 <= int(days) <= 3650, cat
    for r in tables["items.csv"]:
        sku, cat, refill = r[0], r[2], r[11]
        assert cat in DURABLE or cat in cats, \
            "%s: category %r is neither consumable nor durable" % (sku, cat)
        if cat in DURABLE:
            assert refill == "", "%s does not run out: no refill_days" % sku
        elif refill == "":
            from_category.append(sku)
    # customers
    customers = unique(tables["customers.csv"], 0, "customer id")
    unique(tables["customers.csv"], 2, "phone")
    unique(tables["customers.csv"], 3, "email")
    unique(tables["customers.csv"], 4, "loyalty")
    for cid, name, phone, email, loyalty, lang, seg, consent in \
            tables["customers.csv"]:
        assert re.match(r"^(C|G)[0-9]{4}$", cid), cid
        assert name, cid
        assert phone == "" or re.match(r"^\+44 7700 900[0-9]{3}$", phone), phone
        assert email == "" or re.match(
            r"^[a-z0-9.]+@example\.(com|org)$", email), email
        assert loyalty == "" or re.match(r"^L-[0-9]{6}$", loyalty), loyalty
        assert lang in ("en", "bn", "gu"), cid
        assert seg in ("Gold", "Silver", "Regular", "New"), cid
        assert consent in ("yes", "no"), cid
    # orders
    orows = tables["orders.csv"]
    order_ids = []
    heads = {}
    lines = set()
    last_t = None
    bought = {}          # (customer, sku) -> [(time, price)]
    for oid, date, cust, sku, qty, price in orows:
        t = dt.datetime.strptime(date, "%Y-%m-%d %H:%M")
        assert SHOP_FIRST <= t.date() <= SHOP_LAST, date
        assert (t.month, t.day) not in CLOSED, date
        assert OPEN_MIN <= t.hour * 60 + t.minute < CLOSE_MIN, date
        assert last_t is None or t >= last_t, "orders not sorted at %s" % oid
        last_t = t
        if oid in heads:
            assert order_ids[-1] == oid, "order %s not contiguous" % oid
            assert heads[oid] == (date, cust), oid
        else:
            assert oid == "O%06d" % (len(order_ids) + 1), oid
            order_ids.append(oid)
            heads[oid] = (date, cust)
        assert cust == "" or cust in customers, "unknown customer %s" % cust
        assert not cust.startswith("G"), "hotel-only guest in orders"
        assert sku in items, "unknown sku %s" % sku
        assert (oid, sku) not in lines, "duplicate line %s %s" % (oid, sku)
        lines.add((oid, sku))
        q = int(qty)
        assert q != 0, oid
        p = cents(price)
        assert p > 0, oid
        ss, se = items[sku][9], items[sku][10]
        if q > 0:
            assert in_season(t.date(), (ss, se) if ss else None), \
                "%s sold out of season on %s" % (sku, date)
            old = OLD_PRICES.get(sku)
            assert p == cents(items[sku][6]) or \
                (old and t.date() < old[0] and p == old[1]), (oid, sku)
            if cust:
                bought.setdefault((cust, sku), []).append((t, p))
        else:
            assert cust, "return without customer %s" % oid
            assert any(bt < t and bp == p
                       for bt, bp in bought.get((cust, sku), [])), \
                "return %s without an earlier purchase at that price" % oid
    # hotel
    types = unique(tables["room_types.csv"], 1, "room type")
    tiers = sorted(int(r[3]) for r in tables["room_types.csv"])
    assert tiers == list(range(1, len(tiers) + 1)), tiers
    for h, code, name, tier, rate, cap, view, size, bn, gu in \
            tables["room_types.csv"]:
        assert h == HOTEL and cents(rate) > 0 and int(cap) > 0, code
    unique(tables["rooms.csv"], 1, "room number")
    nrooms = {}
    for h, number, code in tables["rooms.csv"]:
        assert h == HOTEL and code in types, number
        nrooms[code] = nrooms.get(code, 0) + 1
    unique(tables["reservations.csv"], 1, "confirmation")
    occ_live, occ_all = {}, {}
    guest_nights = {}
    for (h, conf, guest, arr, nights, code, rate, adults, children,
         status) in tables["reservations.csv"]:
        assert h == HOTEL, conf
        assert guest == "" or guest in customers, "unknown guest %s" % guest
        a = dt.date.fromisoformat(arr)
        assert HOTEL_FIRST <= a <= HOTEL_LAST, conf
        n = int(nights)
        assert 1 <= n <= 7, conf
        assert code in types, conf
        assert 0 < cents(rate) <= cents(types[code][4]), conf
        assert int(adults) >= 1 and int(children) >= 0 and \
            int(adults) + int(children) <= int(types[code][5]), conf
        assert status in STATUSES, conf
        dep = a + dt.timedelta(days=n)
        if status == "checked-out":
            assert dep <= TODAY, conf
        elif status == "checked-in":
            assert a < TODAY < dep, conf
        elif status == "booked":
            assert a >= TODAY, conf
        elif status == "no-show":
            assert a < TODAY, conf
        for k in range(n):
            night = a + dt.timedelta(days=k)
            occ_all[(code, night)] = occ_all.get((code, night), 0) + 1
            if status != "cancelled":
                occ_live[(code, night)] = occ_live.get((code, night), 0) + 1
                if guest:
                    assert (guest, night) not in guest_nights, \
                        "guest %s has two rooms on %s" % (guest, night)
                    guest_nights[(guest, night)] = conf
    for (code, night), v in occ_all.items():
        assert v <= nrooms[code], "%s overbooked on %s" % (code, night)
    total = sum(nrooms.values())
    occ = []
    for night in dates(HOTEL_FIRST, HOTEL_LAST):
        v = sum(occ_live.get((c, night), 0) for c in types)
        occ.append(v / total)
        assert OCC_MIN <= v / total <= OCC_MAX, \
            "occupancy %d/%d on %s" % (v, total, night)
    for code in ("DLX", "JRS", "STE"):
        full = [n for n in dates(HOTEL_FIRST, HOTEL_LAST)
                if occ_live.get((code, n), 0) == nrooms[code]]
        free = [n for n in dates(HOTEL_FIRST, HOTEL_LAST)
                if occ_live.get((code, n), 0) < nrooms[code]]
        assert full and free, "%s never full or never free" % code
    for k in range(3):       # the showcase upgrade is really free
        n = TODAY + dt.timedelta(days=k)
        assert occ_live.get(("DLX", n), 0) < nrooms["DLX"], n

    # patterns the scorer should find
    baskets = {}
    for oid, date, cust, sku, qty, price in orows:
        if int(qty) > 0:
            baskets.setdefault(oid, set()).add(sku)

    def share(cond, then):
        hit = [b for b in baskets.values() if cond(b)]
        return len(hit), (sum(1 for b in hit if then(b)) / len(hit)) if hit else 0

    phone = lambda b: any(s.startswith("PH-") for s in b)
    stats = {
        "phone+case": share(phone, lambda b: bool(b & {"AC-CASE-NOVA",
                                                       "AC-CASE-RUGD"})),
        "phone+screen": share(phone, lambda b: "AC-SCRN-NOVA" in b),
        "laptop+sleeve/mouse": share(
            lambda b: any(s.startswith("LT-") for s in b),
            lambda b: bool(b & {"AC-SLV-14", "AC-MOUS-WL", "AC-MOUS-ERG"})),
        "coat+scarf/gloves": share(
            lambda b: any(s.startswith("CL-COAT") for s in b),
            lambda b: bool(b & {"CL-SCRF-KNT", "CL-GLOV-THM"})),
        "tea+biscuits": share(
            lambda b: any(s.startswith("GR-TEA") for s in b),
            lambda b: any(s.startswith("GR-BISC") for s in b)),
        "rice+lentils": share(
            lambda b: any(s.startswith("GR-RICE") for s in b),
            lambda b: any(s.startswith("GR-LENT") for s in b)),
    }
    for key, (n, frac) in stats.items():
        assert n >= 10, "too few baskets for %s" % key
    assert 0.55 <= stats["phone+case"][1] <= 0.65, stats["phone+case"]
    assert 0.35 <= stats["phone+screen"][1] <= 0.45, stats["phone+screen"]
    # shampoo 50 ml every ~30 days
    shampoo = {}
    for oid, date, cust, sku, qty, price in orows:
        if sku == "SH-HERB-050" and cust and int(qty) > 0:
            shampoo.setdefault(cust, []).append(dt.date.fromisoformat(date[:10]))
    regular = [c for c, ds in shampoo.items() if len(ds) >= 6 and all(
        21 <= (b - a).days <= 40 for a, b in zip(ds, ds[1:]))]
    assert len(regular) >= 5, regular
    assert "C0001" in regular
    nres = len(tables["reservations.csv"])
    return {
        "items": len(items),
        "customers": len(customers),
        "shop customers": sum(1 for c in customers if c.startswith("C")),
        "hotel-only guests": sum(1 for c in customers if c.startswith("G")),
        "orders": len(order_ids),
        "order lines": len(orows),
        "walk-in orders": sum(1 for o in order_ids if heads[o][1] == ""),
        "returns": sum(1 for r in orows if int(r[4]) < 0),
        "room types": len(types),
        "rooms": sum(nrooms.values()),
        "reservations": nres,
        "reservations with guest": sum(1 for r in tables["reservations.csv"]
                                       if r[2]),
        "statuses": {s: sum(1 for r in tables["reservations.csv"] if r[9] == s)
                     for s in STATUSES},
        "occupancy min/mean/max": "%.0f%% / %.0f%% / %.0f%%" % (
            100 * min(occ), 100 * sum(occ) / len(occ), 100 * max(occ)),
        "monthly shampoo buyers": sorted(regular),
        "refill from category": sorted(from_category),
        "patterns": {k: "%d baskets, %.0f%%" % (n, 100 * f)
                     for k, (n, f) in stats.items()},
    }


def generate():
    g = Gen()
    item_rows = g.make_items()
    g.make_people()
    order_rows = g.make_orders()
    type_rows, room_rows, res_rows = g.make_hotel()
    people = g.customers + g.hotel_customers()
    cust_rows = [[c["id"], c["name"], c["phone"], c["email"], c["loyalty"],
                  c["lang"], c["segment"], c["consent"]] for c in people]
    return {
        "items.csv": to_csv("items.csv", item_rows),
        "customers.csv": to_csv("customers.csv", cust_rows),
        "orders.csv": to_csv("orders.csv", order_rows),
        "room_types.csv": to_csv("room_types.csv", type_rows),
        "rooms.csv": to_csv("rooms.csv", room_rows),
        "reservations.csv": to_csv("reservations.csv", res_rows),
        "bundles.csv": to_csv("bundles.csv", bundle_rows()),
        "categories.csv": to_csv("categories.csv",
                                 [[c, str(d)] for c, d in CATEGORIES]),
    }


def main():
    top = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=os.path.join(top, "assets", "demo"),
                    help="output directory (default: assets/demo)")
    ap.add_argument("--check", action="store_true",
                    help="compare with the files in the output directory "
                    "instead of writing; exit 1 if any differs")
    ap.add_argument("-q", "--quiet", action="store_true")
    args = ap.parse_args()
    files = generate()
    try:
        summary = check(files)
    except AssertionError as e:
        print("gen-demo: consistency check failed: %s" % e, file=sys.stderr)
        return 1
    if args.check:
        bad = []
        for name, text in files.items():
            path = os.path.join(args.out, name)
            try:
                with open(path, encoding="utf-8", newline="") as f:
                    if f.read() != text:
                        bad.append(name)
            except OSError:
                bad.append(name)
        if bad:
            print("gen-demo: differs from the generator: %s" % " ".join(bad),
                  file=sys.stderr)
            return 1
    else:
        os.makedirs(args.out, exist_ok=True)
        for name, text in files.items():
            path = os.path.join(args.out, name)
            tmp = path + ".tmp"
            with open(tmp, "w", encoding="utf-8", newline="") as f:
                f.write(text)
            os.chmod(tmp, 0o644)
            os.replace(tmp, path)
    if not args.quiet:
        for k, v in summary.items():
            print("%-24s %s" % (k, v))
    return 0


if __name__ == "__main__":
    sys.exit(main())
