"""Emergency detection, independent of the matcher: it runs first and its result cannot be overridden.

Kinds: no place to sleep tonight / sleeping outside / thrown out (SLEEP), violence or threat (VIOLENCE)
and suicidal crisis (SUICIDE), in Finnish, Swedish and English. Rules are regular expressions over the
normalised words after a small typo correction, checked on the text with and without ä/ö/å. A missed
emergency is the worst error the bot can make, so the rules lean towards recall; an information
question about violence may show the emergency block, which costs little.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

from kotipolku.bot.engine.text import fold, normalise, tokens

SLEEP, VIOLENCE, SUICIDE = "sleep", "violence", "suicide"

# --- Finnish ----------------------------------------------------------------------------------------
_FI_NEG = r"(?:ei|eikä|en|enkä|emme|eivät|ilman)"
_FI_TIME = (
    r"(?:tänään|tänä (?:yönä|iltana|päivänä|aamuna)|tänäyönä|yöksi|illaksi|nyt|heti|huomenna|huomisaamuna"
    r"|huomiseksi|ensi yönä|tällä hetkellä|pian)"
)
_FI_SLEEP = r"(?:nukku\w*|nuku\w*|nukahta\w*|yöpy\w*|yöpaik\w*|yösij\w*|yöksi|majoitu\w*|hätämajoitu\w*|ensisuoj\w*)"
_FI_OUTSIDE = (
    r"(?:ulkona|ulos|kadulla|kadulle|pihalla|puistossa|metsässä|teltassa|autossa|rappukäytäväss\w*"
    r"|porraskäytäväss\w*|asemalla|rautatieasemalla|pysäkillä|pakkasessa|kylmässä|sillan alla|roskakatoksessa)"
)
_FI_GO = r"(?:mene\w*|menn\w*|nuku\w*|nukku\w*|asu\w*|yöpy\w*|jää\w*|lähte\w*|lähde\w*|oll\w*|ole)"
_FI_NOWHERE = (
    rf"(?:{_FI_NEG} (?:\w+ ){{0,4}}(?:paikka\w*|yöpaik\w*|kattoa|katto|mihinkään|minnekään|ketään jonka luona)"
    rf"|{_FI_NEG} (?:\w+ ){{0,3}}(?:minne|mihin|missä) (?:\w+ ){{0,2}}{_FI_GO})"
)
_FI_RULES = {
    SLEEP: [
        rf"{_FI_SLEEP}.*(?:{_FI_NOWHERE}|{_FI_OUTSIDE})",
        rf"(?:{_FI_NOWHERE}|{_FI_OUTSIDE}).*{_FI_SLEEP}",
        rf"{_FI_NOWHERE}.*{_FI_TIME}|{_FI_TIME}.*{_FI_NOWHERE}",
        rf"(?:missä|minne|mihin|mistä) .*{_FI_SLEEP}.*{_FI_TIME}|{_FI_TIME}.*(?:missä|minne|mihin) .*{_FI_SLEEP}",
        rf"(?:missä|minne|mihin|mistä) .*{_FI_TIME}.*{_FI_SLEEP}",
        r"(?:heit\w*|potk\w*|ajo\w*|ajet\w*|lukit\w*|pistet\w*|laitto\w*|laitet\w*) (?:\w+ ){0,3}(?:ulos|pihalle|kadulle)",
        r"(?:asun|olen|elän|nukun|oon|asunut|asumme|olemme|nukkunut|nukuin|nukumme) (?:\w+ ){0,2}"
        r"(?:kadulla|ulkona|autossa|teltassa|rappukäytävässä|porraskäytävässä|puistossa|pihalla|asemalla)",
        rf"(?:kadulle|kadulla|ulkona|pihalle).*{_FI_TIME}|{_FI_TIME}.*(?:kadulle|kadulla|ulkona|pihalle)",
        r"\b(?:kodittomana|katu asunnoton)\b",
    ],
    VIOLENCE: [
        r"väkival\w*|pahoinpi\w*|raiska\w*|turvakoti\w*|hengenvaara\w*|tappouhk\w*|lähestymiskiel\w*",
        r"(?:lyö|löi|lyönyt|lyövät|lyövä|hakkaa|hakkasi|hakkaavat|hakannut|potkii|potki|potkaisi|kuristi|kuristaa"
        r"|satuttaa|satutti|tönii|tönäisi|kiusaa|ahdistelee|vainoaa|uhkaa|uhkasi|uhkailee|uhkaili|uhkaillut|uhannut)"
        r" (?:minua|mua|meitä|minut|mut|lasta|lastani|lapsia|lapsiani|tappaa|tappavansa|lyödä|satuttaa"
        r"|väkivallalla|puukolla|veitsellä|aseella|hengiltä)",
        r"tappaa minut|tappaa mut|tappavansa|tappaa meidät|puukott\w*",
        r"(?:pelkään|pelottaa|pelkäämme) (?:\w+ ){0,2}(?:puoliso\w*|mies\w*|miestä\w*|vaimo\w*|kumppan\w*"
        r"|poikaystäv\w*|tyttöystäv\w*|exää\w*|ex\w*|entistä\w*|isä\w*|äiti\w*|naapuri\w*|henkeni)",
        r"(?:en voi|en uskalla|ei voi|pelkään) (?:\w+ ){0,2}(?:mennä|palata) (?:\w+ ){0,1}kotiin",
    ],
    SUICIDE: [
        r"itsemurh\w*|itsetuho\w*|itsarin?\b|itsari\w*",
        r"(?:tappaa|tapan|tappaisin|tappanut) itseni|haluan kuolla|haluaisin kuolla|tahdon kuolla|kuolla pois",
        r"(?:en|ei) (?:\w+ ){0,1}(?:halua|jaksa|kestä|jaksaisi) (?:enää )?elää|ei kannata (?:\w+ ){0,1}elää",
        # "no reason / no point to live (any more)", with filler words: "ei ole enää mitään syytä elää"
        r"ei (?:ole )?(?:\w+ ){0,3}(?:syytä|järkeä|tarkoitusta|mieltä) (?:\w+ ){0,1}(?:elää|jatkaa elämää)",
        r"elämällä(?:ni)? ei ole (?:\w+ ){0,2}(?:merkitystä|tarkoitusta|väliä)|ei ole mitään minkä vuoksi elää",
        r"(?:olisi|ois) parempi (?:jos )?(?:olisin|oisin) kuollut|kuolisin mieluummin|haluan pois tästä elämästä",
        r"päättää (?:päiväni|elämäni)|lopettaa (?:elämäni|kaiken|itseni)|lopetan (?:kaiken|elämäni)|ottaa (?:oman )?henkeni",
        r"viiltel\w*|(?:satuttaa|vahingoittaa) itseäni|elämä ei ole elämisen arvoista",
    ],
}

# --- Swedish ----------------------------------------------------------------------------------------
_SV_TIME = r"(?:i natt|inatt|ikväll|i kväll|idag|i dag|nu|i morgon|imorgon|ikväll|just nu|genast)"
_SV_SLEEP = (
    r"(?:sov\w*|övernatt\w*|natthärbärge\w*|nattlogi\w*|sängplats\w*|härbärge\w*|nödinkvarter\w*|tak över huvudet)"
)
_SV_NOWHERE = (
    r"(?:ingenstans|ingen plats|inget ställe|ingen stans|inte (?:\w+ ){0,3}(?:någonstans|vart)"
    r"|vet inte (?:vart|var) (?:\w+ ){0,2}(?:ska|kan|går|sova|bo)|inget tak)"
)
_SV_RULES = {
    SLEEP: [
        rf"{_SV_SLEEP}.*(?:{_SV_NOWHERE}|\bute\b|utomhus|på gatan|i bilen|i trapphuset|i parken|i ett tält)",
        rf"(?:{_SV_NOWHERE}|\bute\b|utomhus|på gatan).*{_SV_SLEEP}",
        rf"{_SV_NOWHERE}.*{_SV_TIME}|{_SV_TIME}.*{_SV_NOWHERE}",
        rf"(?:var|vart) .*{_SV_SLEEP}.*{_SV_TIME}|{_SV_TIME}.*(?:var|vart) .*{_SV_SLEEP}",
        r"(?:kasta\w*|slängt?\w*|körde|kört|sparkade|sparkat|låste|låst) (?:\w+ ){0,2}ut\b|utkastad\w*|utslängd\w*",
        r"(?:bor|är|lever|sover|sov|bodde) (?:\w+ ){0,2}(?:på gatan|ute\b|utomhus|i bilen|i trapphuset|i ett tält|i parken)",
        rf"(?:vräk\w*|på gatan).*{_SV_TIME}|{_SV_TIME}.*(?:vräk\w*|på gatan)",
    ],
    VIOLENCE: [
        r"\bvåld\w*|misshand\w*|våldt\w*|skyddshem\w*|kvinnojour\w*|livsfara|dödshot\w*|kontaktförbud\w*",
        r"(?:slår|slog|sparkar|sparkade|hotar|hotade|hotat|stryper|ströp|skadar|skadade|förföljer)"
        r" (?:mig|oss|barnen|barnet|mina barn|att döda|att slå|med kniv|med vapen)",
        r"(?:vill|ska|tänker) döda (?:mig|oss)|rädd för (?:min|mitt|han|hon|honom|henne|mitt ex|min sambo|min man|min fru)",
        r"(?:kan inte|vågar inte) (?:\w+ ){0,2}(?:gå|åka|komma) hem",
    ],
    SUICIDE: [
        r"självmord\w*|ta livet av mig|ta mitt (?:eget )?liv|vill dö\b|vill inte leva|orkar inte leva|orkar inte längre leva",
        r"döda mig själv|skada mig själv|avsluta mitt liv|självskad\w*|inte värt att leva",
        r"(?:ingen|inget) (?:\w+ ){0,2}(?:anledning|mening|idé) (?:\w+ ){0,1}att leva|inget att leva för",
    ],
}

# --- English ----------------------------------------------------------------------------------------
_EN_TIME = r"(?:tonight|tonite|today|this evening|this night|right now|now|tomorrow|immediately)"
_EN_SLEEP = r"(?:sleep\w*|slept|stay the night|place to stay|somewhere to stay|anywhere to stay|shelter\w*|bed for the night|crash)"
_EN_NOWHERE = (
    r"(?:nowhere|no where|no place|not? (?:\w+ ){0,2}anywhere|(?:do not|don't|dont|no) (?:\w+ ){0,1}(?:know|idea) where"
    r"|no roof|no bed)"
)
_EN_RULES = {
    SLEEP: [
        rf"{_EN_SLEEP}.*(?:{_EN_NOWHERE}|outside|outdoors|on the streets?|rough|in (?:my|the|a) car|in a tent|in the park)",
        rf"(?:{_EN_NOWHERE}|outside|outdoors|on the streets?|rough).*{_EN_SLEEP}",
        rf"{_EN_NOWHERE}.*{_EN_TIME}|{_EN_TIME}.*{_EN_NOWHERE}",
        rf"where .*{_EN_SLEEP}.*{_EN_TIME}|{_EN_TIME}.*where .*{_EN_SLEEP}",
        r"(?:kick\w*|threw|thrown|throw\w*|lock\w*|put|chuck\w*) (?:\w+ ){0,2}out\b(?! of (?:\w+ )?(?:job|school|class|college|university|team|group|club|work|game))",
        r"(?:live|living|am|are|sleeping|sleep|slept|stuck) (?:\w+ ){0,2}(?:on the streets?|rough|outside|outdoors"
        r"|in (?:my|the|a) car|in a tent|in the park|in a stairwell)",
        rf"(?:evict\w*|on the street).*{_EN_TIME}\b|{_EN_TIME}.*(?:evicted|on the street)",
        r"\bhomeless (?:tonight|today|now)\b",
    ],
    VIOLENCE: [
        r"violen\w*|abusive|assault\w*|domestic abuse|women'?s shelter|safe house|restraining order|stalk\w*",
        r"(?:hits|hit|hitting|beats|beat|beaten|beating|hurts|hurt|hurting|choked|chokes|strangled|attacked|attacks"
        r"|kicks|punched|punches|abuses|abused|abusing|rapes|raped) (?:me|us|my kids|my child|my children|my son|my daughter)",
        r"threat\w* (?:me|us|my kids|my children|my family|to (?:kill|hurt|beat|harm|stab))|(?:kill|stab|shoot) me\b",
        r"(?:afraid|scared|terrified|frightened) of (?:my|him|her|them)\b",
        r"(?:cannot|can not|can't|cant|do not dare|don't dare) (?:\w+ ){0,2}(?:go|come|return) home",
    ],
    SUICIDE: [
        r"suicid\w*|kill\w* myself|end (?:my|it) (?:life|all)|take my (?:own )?life|(?:want|wanna|going) to die",
        r"(?:don't|do not|dont) want to (?:live|be alive)|no reason to live|(?:hurt|harm)\w* myself|self[ -]?harm",
        r"not worth living|better off dead|nothing (?:left )?to live for|wish (?:i|I) (?:was|were) dead",
        r"no (?:\w+ ){0,2}(?:reason|point) (?:in |to )?(?:living|live|go(?:ing)? on)|(?:can't|cannot|cant) go on living",
    ],
}

_ALL_RULES = {}
for _rules in (_FI_RULES, _SV_RULES, _EN_RULES):
    for _kind, _patterns in _rules.items():
        _ALL_RULES.setdefault(_kind, []).extend(_patterns)
_COMPILED = {
    kind: [re.compile(p) for p in patterns] + [re.compile(fold(p)) for p in patterns if fold(p) != p]
    for kind, patterns in _ALL_RULES.items()
}

# Words the typo correction may correct towards: the literal words of the rules (five letters or more).
_EXTRA_WORDS = [
    "nukkua",
    "nukun",
    "nukkumaan",
    "nukkumassa",
    "nukuin",
    "ulkona",
    "väkivalta",
    "väkivaltaa",
    "väkivallalla",
    "väkivaltainen",
    "itsemurha",
    "itsemurhaa",
    "itsemurhan",
    "tänään",
    "huomenna",
    "yöpaikkaa",
    "yöpaikka",
    "paikkaa",
    "kadulla",
    "kadulle",
    "uhkaa",
    "uhkailee",
    "tappaa",
    "minua",
    "pelkään",
    "ingenstans",
    "sover",
    "ikväll",
    "gatan",
    "utkastad",
    "självmord",
    "hotar",
    "misshandlar",
    "tonight",
    "nowhere",
    "sleep",
    "sleeping",
    "outside",
    "violence",
    "violent",
    "threatens",
    "threatening",
    "suicide",
    "suicidal",
    "myself",
    "street",
    "streets",
    "kicked",
    "anywhere",
    "evicted",
    "tomorrow",
    "today",
]
_VOCAB = frozenset(
    w for p in _ALL_RULES.values() for pattern in p for w in re.findall(r"[a-zåäö]{5,}", pattern)
) | frozenset(_EXTRA_WORDS)
_BY_KEY: dict[tuple[str, int], list[str]] = {}
for _w in _VOCAB:
    _BY_KEY.setdefault((_w[0], len(_w)), []).append(_w)


def _within_one_edit(a: str, b: str) -> bool:
    """Damerau distance ≤ 1 (one insertion, deletion, substitution or swap of neighbours)."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    i = 0
    while i < min(la, lb) and a[i] == b[i]:
        i += 1
    if la == lb:
        if a[i + 1 :] == b[i + 1 :]:
            return True
        return i + 1 < la and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2 :] == b[i + 2 :]
    if la > lb:
        return a[i + 1 :] == b[i:]
    return a[i:] == b[i + 1 :]


@lru_cache(maxsize=50_000)
def _correct(token: str) -> str:
    """A typo of a rule word becomes that word ("väkivallala" → "väkivallalla"); other words stay."""
    if len(token) < 5 or token in _VOCAB:
        return token
    for length in (len(token), len(token) - 1, len(token) + 1):
        for word in _BY_KEY.get((token[0], length), ()):
            if _within_one_edit(token, word):
                return word
    return token


@dataclass(frozen=True)
class Emergency:
    kind: str
    rule: str


def detect(message: str) -> Emergency | None:
    """The first emergency kind the message signals, or None. Independent of any matching."""
    words = [_correct(t) for t in tokens(normalise(message))]
    if not words:
        return None
    text = " " + " ".join(words) + " "
    folded = fold(text)
    for kind in (SUICIDE, VIOLENCE, SLEEP):
        for pattern in _COMPILED[kind]:
            if pattern.search(text) or pattern.search(folded):
                return Emergency(kind=kind, rule=pattern.pattern[:60])
    return None
